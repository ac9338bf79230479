// Rule: a recall takes every matching unit off sale at once, in the transaction that records it, and can
// trace every sale and dispense of the recalled batches (MHRA/FDA recall practice: quarantine, then trace).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { catalogStore } from '../catalog/catalog-store.js';
import { normalizeGtin } from '../catalog/gtin.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import type { RecallTraceEntry } from './contract/schemas.js';
import { isoDay } from './inventory-rules.js';
import { inventoryLots, moveBetweenLocations } from './movements.js';

type RecallRow = {
  id: string;
  product_id: string;
  product_name: string;
  gtin: string | null;
  whole_product: number;
  class: 'I' | 'II' | 'III';
  reason: string;
  reference: string | null;
  entered_at: number;
};

type TraceRow = {
  kind: 'sale' | 'dispense';
  at: number;
  document_id: string;
  receipt_code: string | null;
  batch: string;
  expiry: string;
  quantity: number;
  stock_units: number;
  voided: number;
};

const recallColumns = `r.id, r.product_id, p.name AS product_name, r.gtin, r.whole_product, r.class, r.reason, r.reference, r.entered_at`;

/** Sales (sale_line, by product and batch) and dispenses (ledger movements) of the recalled stock. */
export const traceSql = `
  SELECT 'sale' AS kind, s.at, s.id AS document_id, s.receipt_code, sl.batch, sl.expiry, sl.quantity, sl.stock_units,
    EXISTS (SELECT 1 FROM sale_void v WHERE v.sale_id = s.id) AS voided
  FROM recall r JOIN sale_line sl ON sl.product_id = r.product_id JOIN sale s ON s.id = sl.sale_id
  WHERE r.id = @recallId AND (r.whole_product = 1 OR sl.batch IN (SELECT batch FROM recall_batch WHERE recall_id = r.id))
  UNION ALL
  SELECT 'dispense', m.at, coalesce(m.document_id, m.id), NULL, l.batch, l.expiry, -m.quantity, -m.quantity, 0
  FROM recall r JOIN stock_lot l ON l.product_id = r.product_id JOIN stock_movement m ON m.lot_id = l.id AND m.kind = 'dispense'
  WHERE r.id = @recallId AND (r.whole_product = 1 OR l.batch IN (SELECT batch FROM recall_batch WHERE recall_id = r.id))
  ORDER BY 2, 3`;

const statements = perDatabase((db: Database) => ({
  insertRecall: db.prepare(
    `INSERT INTO recall (id, product_id, gtin, whole_product, class, reason, reference, entered_at, actor_id)
     VALUES (@id, @productId, @gtin, @wholeProduct, @class, @reason, @reference, @at, @actorId)`,
  ),
  insertBatch: db.prepare('INSERT INTO recall_batch (recall_id, batch) VALUES (?, ?)'),
  byId: db.prepare<[string], RecallRow>(`SELECT ${recallColumns} FROM recall r JOIN product p ON p.id = r.product_id WHERE r.id = ?`),
  list: db.prepare<[number], RecallRow>(`SELECT ${recallColumns} FROM recall r JOIN product p ON p.id = r.product_id ORDER BY r.num DESC LIMIT ?`),
  batches: db.prepare<[string], { batch: string }>('SELECT batch FROM recall_batch WHERE recall_id = ? ORDER BY batch'),
  trace: db.prepare<[{ recallId: string }], TraceRow>(traceSql),
}));

function toRecall(db: Database, r: RecallRow): OutputOf<'inventory.enterRecall'>['recall'] {
  return {
    id: r.id,
    productId: r.product_id,
    productName: r.product_name,
    gtin: r.gtin,
    wholeProduct: r.whole_product === 1,
    batches: statements(db).batches.all(r.id).map((b) => b.batch),
    class: r.class,
    reason: r.reason,
    reference: r.reference,
    enteredAt: r.entered_at,
  };
}

export function requireRecall(db: Database, id: string): OutputOf<'inventory.enterRecall'>['recall'] {
  const row = statements(db).byId.get(id);
  if (!row) throw new CoreError('inventory.recallNotFound', 'There is no such recall.', { recallId: id });
  return toRecall(db, row);
}

export function listRecalls(db: Database, limit: number): OutputOf<'inventory.listRecalls'> {
  return statements(db).list.all(limit).map((r) => toRecall(db, r));
}

export function enterRecall(ctx: CommandContext, input: ParsedInputOf<'inventory.enterRecall'>): OutputOf<'inventory.enterRecall'> {
  const gtin = normalizeGtin(input.gtin);
  if (gtin === null) throw new CoreError('catalog.gtinInvalid', `${input.gtin} is not a valid GTIN.`, { gtin: input.gtin });
  const product = catalogStore(ctx.db).byGtin(gtin);
  if (!product) throw new CoreError('inventory.unknownGtin', `No product in the catalog has the barcode ${gtin}.`, { gtin });
  const batches = [...new Set(input.batches)].sort();
  const s = statements(ctx.db);
  const id = ctx.ids.next();
  s.insertRecall.run({
    id,
    productId: product.id,
    gtin,
    wholeProduct: input.wholeProduct ? 1 : 0,
    class: input.class,
    reason: input.reason,
    reference: input.reference ?? null,
    at: ctx.now,
    actorId: ctx.actor?.id ?? null,
  });
  for (const b of batches) s.insertBatch.run(id, b);
  const lots = input.wholeProduct ? inventoryLots.ofProduct(ctx.db, product.id) : batches.flatMap((b) => inventoryLots.ofProductBatch(ctx.db, product.id, b));
  const quarantined = lots
    .filter((lot) => lot.location !== 'quarantine' && lot.on_hand > 0)
    .map((lot) => {
      const toLotId = moveBetweenLocations(ctx, lot, 'quarantine', lot.on_hand, { kind: 'quarantine', documentType: 'recall', documentId: id, reason: `recall class ${input.class}: ${input.reason}` });
      return { fromLotId: lot.lot_id, toLotId, batch: lot.batch, quantity: lot.on_hand };
    });
  const recall = requireRecall(ctx.db, id);
  ctx.audit({ action: 'inventory.enterRecall', entityType: 'recall', entityId: id, after: { recall, quarantined }, reason: input.reason });
  ctx.emit('inventory.recallEntered', { recall, quarantined });
  return { recall, quarantined };
}

export function recallTrace(db: Database, recallId: string): OutputOf<'inventory.recallTrace'> {
  const recall = requireRecall(db, recallId);
  const entries: RecallTraceEntry[] = statements(db)
    .trace.all({ recallId })
    .map((r) => ({
      kind: r.kind,
      at: r.at,
      date: isoDay(r.at),
      documentId: r.document_id,
      receiptCode: r.receipt_code,
      batch: r.batch,
      expiry: r.expiry,
      quantity: r.quantity,
      stockUnits: r.stock_units,
      // No sale records its customer yet; dispensing will name the patient here.
      customer: null,
      voided: r.voided === 1,
    }));
  return { recall, entries };
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, with quotes doubled. */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function recallTraceCsv(db: Database, recallId: string): OutputOf<'inventory.exportRecallTraceCsv'> {
  const { recall, entries } = recallTrace(db, recallId);
  const header = ['recall_id', 'class', 'product', 'gtin', 'kind', 'date', 'at_utc', 'document_id', 'receipt', 'batch', 'expiry', 'quantity', 'stock_units', 'customer', 'voided'];
  const rows = entries.map((e) => [
    recall.id,
    recall.class,
    recall.productName,
    recall.gtin,
    e.kind,
    e.date,
    new Date(e.at).toISOString(),
    e.documentId,
    e.receiptCode,
    e.batch,
    e.expiry,
    e.quantity,
    e.stockUnits,
    e.customer,
    e.voided,
  ]);
  const csv = [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return { filename: `recall-trace-${recall.id}.csv`, csv, rows: entries.length };
}
