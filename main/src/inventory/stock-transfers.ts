// Rule: stock moves between branches of one chain only as ledger movements under one transfer document:
// transfer-out where it leaves, transfer-in where it arrives. Until sync carries the document, it travels as
// a JSON file whose SHA-256 checksum covers every field; the receiving branch takes it once (by document id),
// only from its own chain, and only if the checksum holds, so a file can be neither replayed nor altered.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext, Terminal } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { catalogStore } from '../catalog/catalog-store.js';
import type { ParsedInputOf } from '../contract.js';
import { readPharmacy } from '../setup/terminal-store.js';
import { perDatabase } from '../store/per-database.js';
import { transferDocumentSchema, type TransferDocument, type TransferView } from './contract/purchasing-schemas.js';
import { actorId, baseCurrency, isoDay } from './inventory-rules.js';
import { lotFor, requireLot, requireOnHand } from './movements.js';
import { purchasingError } from './purchasing-errors.js';

type TransferRow = {
  id: string;
  direction: 'out' | 'in';
  status: 'inTransit' | 'received';
  from_branch_id: string;
  to_branch_id: string | null;
  checksum: string;
  document: string;
  created_at: number;
  received_at: number | null;
};

const statements = perDatabase((db: Database) => ({
  byId: db.prepare<[string], TransferRow>('SELECT * FROM stock_transfer WHERE id = ?'),
  list: db.prepare<[number], TransferRow>('SELECT * FROM stock_transfer ORDER BY num DESC LIMIT ?'),
  lines: db.prepare<[string], { line_no: number; product_id: string; batch: string; expiry: string; location: string; quantity: number; lot_id: string }>(
    'SELECT line_no, product_id, batch, expiry, location, quantity, lot_id FROM stock_transfer_line WHERE transfer_id = ? ORDER BY line_no',
  ),
  insert: db.prepare(
    `INSERT INTO stock_transfer (id, direction, status, tenant_id, from_branch_id, from_branch_name, to_branch_id, to_branch_name, checksum, document,
       created_at, created_by, received_at, received_by, note)
     VALUES (@id, @direction, @status, @tenantId, @fromBranchId, @fromBranchName, @toBranchId, @toBranchName, @checksum, @document,
       @createdAt, @createdBy, @receivedAt, @receivedBy, @note)`,
  ),
  insertLine: db.prepare(
    `INSERT INTO stock_transfer_line (transfer_id, line_no, product_id, gtin, batch, expiry, location, quantity, cost_minor, lot_id)
     VALUES (@transferId, @lineNo, @productId, @gtin, @batch, @expiry, @location, @quantity, @costMinor, @lotId)`,
  ),
  markReceived: db.prepare<{ id: string; receivedAt: number; receivedBy: string | null }>(
    "UPDATE stock_transfer SET status = 'received', received_at = @receivedAt, received_by = @receivedBy WHERE id = @id AND status = 'inTransit'",
  ),
  insertMovement: db.prepare(
    `INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, actor_id, document_type, document_id, reason)
     VALUES (@id, @lotId, @productId, @kind, @quantity, @at, @actorId, 'transfer', @documentId, @reason)`,
  ),
}));

/** JSON with object keys sorted at every level: the same document always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function transferChecksum(doc: Omit<TransferDocument, 'checksum'> | TransferDocument): string {
  const { checksum, ...body } = doc as TransferDocument;
  void checksum;
  return `sha256:${createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex')}`;
}

function requireTerminal(ctx: CommandContext): Terminal {
  if (!ctx.terminal) throw new CoreError('setup.notDone', 'Set up this terminal first.');
  return ctx.terminal;
}

function view(db: Database, id: string): TransferView {
  const row = statements(db).byId.get(id);
  if (!row) throw purchasingError('inventory.transferNotFound', 'There is no such transfer.', { transferId: id });
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    fromBranchId: row.from_branch_id,
    toBranchId: row.to_branch_id,
    checksum: row.checksum,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    lines: statements(db)
      .lines.all(id)
      .map((l) => ({ lineNo: l.line_no, productId: l.product_id, batch: l.batch, expiry: l.expiry, location: l.location, quantity: l.quantity, lotId: l.lot_id })),
  };
}

export function transferOut(ctx: CommandContext, input: ParsedInputOf<'inventory.transferOut'>): TransferView & { document: string } {
  const terminal = requireTerminal(ctx);
  if (input.toBranchId === terminal.branchId) {
    throw purchasingError('inventory.transferWrongBranch', 'A transfer goes to another branch, not to this one.', { toBranchId: input.toBranchId });
  }
  const catalog = catalogStore(ctx.db);
  const today = isoDay(ctx.now);
  const taken = new Map<string, number>();
  // Every line is checked before anything moves, so a refusal names the first bad line and writes nothing.
  const lines = input.lines.map((l, i) => {
    const lineNo = i + 1;
    const lot = requireLot(ctx.db, l.lotId);
    if (lot.location === 'quarantine') {
      throw purchasingError('inventory.transferFromQuarantine', `Line ${lineNo}: batch ${lot.batch} is in quarantine and cannot be sent.`, { lineNo, lotId: lot.lot_id });
    }
    if (lot.expiry < today) throw new CoreError('stock.batchExpired', `Line ${lineNo}: batch ${lot.batch} expired on ${lot.expiry}.`, { lineNo, lotId: lot.lot_id });
    const total = (taken.get(lot.lot_id) ?? 0) + l.quantity;
    requireOnHand(lot, total);
    taken.set(lot.lot_id, total);
    const gtin = catalog.gtinsOf(lot.product_id)[0];
    const product = catalog.byId(lot.product_id);
    if (gtin === undefined || !product) {
      throw purchasingError('inventory.transferMalformed', `Line ${lineNo}: ${lot.name} has no GTIN, so the other branch could not recognise it.`, { lineNo, productId: lot.product_id });
    }
    return {
      lot,
      line: {
        lineNo,
        gtin,
        sku: product.sku,
        name: product.name,
        batch: lot.batch,
        expiry: lot.expiry,
        location: lot.location as 'shelf' | 'dispensary' | 'controlled-cabinet',
        quantity: l.quantity,
        packSize: product.pack_size,
        costMinor: lot.cost_minor,
      },
    };
  });

  const id = ctx.ids.next();
  const body: Omit<TransferDocument, 'checksum'> = {
    format: 'mortar.stockTransfer',
    version: 1,
    id,
    tenantId: terminal.tenantId,
    fromBranchId: terminal.branchId,
    fromBranchName: readPharmacy(ctx.db)?.name ?? terminal.name,
    toBranchId: input.toBranchId ?? null,
    toBranchName: input.toBranchName ?? null,
    createdAt: ctx.now,
    currency: baseCurrency(ctx.db),
    note: input.note ?? null,
    lines: lines.map((l) => l.line),
  };
  const doc: TransferDocument = { ...body, checksum: transferChecksum(body) };
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  const s = statements(ctx.db);
  s.insert.run({
    id,
    direction: 'out',
    status: 'inTransit',
    tenantId: doc.tenantId,
    fromBranchId: doc.fromBranchId,
    fromBranchName: doc.fromBranchName,
    toBranchId: doc.toBranchId,
    toBranchName: doc.toBranchName,
    checksum: doc.checksum,
    document: text,
    createdAt: ctx.now,
    createdBy: actorId(ctx),
    receivedAt: null,
    receivedBy: null,
    note: doc.note,
  });
  for (const { lot, line } of lines) {
    s.insertLine.run({ transferId: id, lineNo: line.lineNo, productId: lot.product_id, gtin: line.gtin, batch: line.batch, expiry: line.expiry, location: line.location, quantity: line.quantity, costMinor: line.costMinor, lotId: lot.lot_id });
    s.insertMovement.run({ id: ctx.ids.next(), lotId: lot.lot_id, productId: lot.product_id, kind: 'transferOut', quantity: -line.quantity, at: ctx.now, actorId: actorId(ctx), documentId: id, reason: doc.toBranchName ?? doc.toBranchId });
  }
  const out = view(ctx.db, id);
  ctx.audit({ action: 'inventory.transferOut', entityType: 'stockTransfer', entityId: id, after: { ...out, checksum: doc.checksum } });
  ctx.emit('inventory.transferSent', { document: doc });
  return { ...out, document: text };
}

export function exportTransfer(db: Database, id: string): { filename: string; document: string; checksum: string } {
  const row = statements(db).byId.get(id);
  if (!row || row.direction !== 'out') throw purchasingError('inventory.transferNotFound', 'This branch sent no such transfer.', { transferId: id });
  return { filename: `transfer-${id}.json`, document: row.document, checksum: row.checksum };
}

function readDocument(text: string): TransferDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e: unknown) {
    throw purchasingError('inventory.transferMalformed', `The transfer file is not JSON: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const parsed = transferDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw purchasingError('inventory.transferMalformed', `The transfer file is not a Mortar transfer: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), {
      path: issue?.path.map(String).join('.') ?? null,
    });
  }
  return parsed.data;
}

export function importTransfer(ctx: CommandContext, input: ParsedInputOf<'inventory.importTransfer'>): TransferView {
  const terminal = requireTerminal(ctx);
  const doc = readDocument(input.document);
  const expected = transferChecksum(doc);
  if (expected !== doc.checksum) {
    throw purchasingError('inventory.transferChecksum', 'The transfer file was changed after it was written: its checksum does not match.', { transferId: doc.id, checksum: doc.checksum, computed: expected });
  }
  if (doc.tenantId !== terminal.tenantId) {
    throw purchasingError('inventory.transferTenant', 'This transfer comes from another pharmacy chain.', { transferId: doc.id, tenantId: doc.tenantId });
  }
  if (doc.fromBranchId === terminal.branchId || (doc.toBranchId !== null && doc.toBranchId !== terminal.branchId)) {
    throw purchasingError('inventory.transferWrongBranch', 'This transfer is not addressed to this branch.', { transferId: doc.id, fromBranchId: doc.fromBranchId, toBranchId: doc.toBranchId });
  }
  const s = statements(ctx.db);
  const existing = s.byId.get(doc.id);
  // A transfer that arrived through sync waits here as in transit: receiving it is this import.
  const arrived = existing?.direction === 'in' && existing.status === 'inTransit';
  if (existing && !arrived) {
    throw purchasingError('inventory.transferAlreadyReceived', `Transfer ${doc.id} was already received here.`, { transferId: doc.id, receivedAt: existing.received_at });
  }
  const catalog = catalogStore(ctx.db);
  const lines = doc.lines.map((l) => {
    const product = catalog.byGtin(l.gtin);
    if (!product) throw new CoreError('inventory.unknownGtin', `Line ${l.lineNo}: no product in the catalog has the barcode ${l.gtin}.`, { lineNo: l.lineNo, gtin: l.gtin });
    return { line: l, product };
  });
  if (arrived) s.markReceived.run({ id: doc.id, receivedAt: ctx.now, receivedBy: actorId(ctx) });
  else s.insert.run({
    id: doc.id,
    direction: 'in',
    status: 'received',
    tenantId: doc.tenantId,
    fromBranchId: doc.fromBranchId,
    fromBranchName: doc.fromBranchName,
    toBranchId: doc.toBranchId ?? terminal.branchId,
    toBranchName: doc.toBranchName,
    checksum: doc.checksum,
    document: input.document,
    createdAt: doc.createdAt,
    createdBy: null,
    receivedAt: ctx.now,
    receivedBy: actorId(ctx),
    note: doc.note,
  });
  for (const { line, product } of lines) {
    const lotId = lotFor(ctx, { productId: product.id, batch: line.batch, expiry: line.expiry, location: line.location }, { minor: line.costMinor, update: false });
    s.insertLine.run({ transferId: doc.id, lineNo: line.lineNo, productId: product.id, gtin: line.gtin, batch: line.batch, expiry: line.expiry, location: line.location, quantity: line.quantity, costMinor: line.costMinor, lotId });
    s.insertMovement.run({ id: ctx.ids.next(), lotId, productId: product.id, kind: 'transferIn', quantity: line.quantity, at: ctx.now, actorId: actorId(ctx), documentId: doc.id, reason: doc.fromBranchName });
  }
  const out = view(ctx.db, doc.id);
  ctx.audit({ action: 'inventory.importTransfer', entityType: 'stockTransfer', entityId: doc.id, after: out });
  ctx.emit('inventory.transferReceived', { transferId: doc.id, fromBranchId: doc.fromBranchId, checksum: doc.checksum, lines: out.lines.length });
  return out;
}

/**
 * A transfer addressed to this branch that arrived through sync: kept in transit, with its document, until
 * someone here receives it (importTransfer). False when it is already known here.
 */
export function recordArrivedTransfer(db: Database, doc: TransferDocument, document: string): boolean {
  const s = statements(db);
  if (s.byId.get(doc.id)) return false;
  s.insert.run({
    id: doc.id,
    direction: 'in',
    status: 'inTransit',
    tenantId: doc.tenantId,
    fromBranchId: doc.fromBranchId,
    fromBranchName: doc.fromBranchName,
    toBranchId: doc.toBranchId,
    toBranchName: doc.toBranchName,
    checksum: doc.checksum,
    document,
    createdAt: doc.createdAt,
    createdBy: null,
    receivedAt: null,
    receivedBy: null,
    note: doc.note,
  });
  return true;
}

/** The stored transfer of this id (either direction), as its status row. */
export function transferRow(db: Database, id: string): { id: string; direction: 'out' | 'in'; status: 'inTransit' | 'received'; document: string; checksum: string } | null {
  return statements(db).byId.get(id) ?? null;
}

/** Marks a transfer received (the destination's confirmation came back); false when it was not in transit. */
export function markTransferReceived(db: Database, id: string, receivedAt: number): boolean {
  return statements(db).markReceived.run({ id, receivedAt, receivedBy: null }).changes > 0;
}

export function listTransfers(db: Database, limit: number): Omit<TransferView, 'lines'>[] {
  return statements(db)
    .list.all(limit)
    .map((r) => ({ id: r.id, direction: r.direction, status: r.status, fromBranchId: r.from_branch_id, toBranchId: r.to_branch_id, checksum: r.checksum, createdAt: r.created_at, receivedAt: r.received_at }));
}
