// Rule: the controlled-drug register is the stock ledger read for one scheduled product (DESIGN.md principle
// 2): every receipt, sale, dispense, return, adjustment and destruction in order with the balance after it,
// so the register cannot disagree with the stock. Moves between this branch's own locations (quarantine,
// release) cancel out within their document and are left out; the collector and an early refill's reason
// come from controlled_dispense.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import { CONTROLLED_PRODUCT } from './controlled-register-collection.js';
import type { ControlledProduct, RegisterEntry, RegisterKind } from './contract/controlled-register.js';
import { collectorIdTypes } from './contract/controlled-register.js';
import { refillDueAt } from './dispense-prescription.js';

type ProductRow = {
  id: string;
  name: string;
  strength: string | null;
  form: string | null;
  unit: string;
  legal_category: ControlledProduct['legalCategory'];
  schedule: string | null;
  balance: number;
};

type MovementRow = {
  id: string;
  kind: string;
  quantity: number;
  at: number;
  document_type: string | null;
  document_id: string | null;
  reason: string | null;
  batch: string;
  actor_name: string | null;
};

type DispenseInfoRow = {
  prescription_id: string;
  patient_name: string;
  prescriber_name: string;
  prescriber_dea: string | null;
  line_no: number;
  fill_no: number;
  collector_name: string | null;
  collector_id_type: string | null;
  collector_id_number: string | null;
  early_refill_reason: string | null;
};

const balanceOf = '(SELECT coalesce(sum(b.on_hand), 0) FROM stock_balance b WHERE b.product_id = p.id)';
const productColumns = `p.id, p.name, p.strength, p.form, p.unit, p.legal_category, p.schedule, ${balanceOf} AS balance`;

export const controlledSql = {
  products: `SELECT ${productColumns} FROM product p WHERE ${CONTROLLED_PRODUCT} ORDER BY p.name`,
  product: `SELECT ${productColumns} FROM product p WHERE p.id = ?`,
  movements: `SELECT m.id, m.kind, m.quantity, m.at, m.document_type, m.document_id, m.reason, l.batch, u.display_name AS actor_name
    FROM stock_movement m JOIN stock_lot l ON l.id = m.lot_id LEFT JOIN app_user u ON u.id = m.actor_id
    WHERE m.product_id = ? AND m.at < ? ORDER BY m.at, m.seq`,
  dispense: `SELECT d.prescription_id, pa.name AS patient_name, rx.prescriber_name, rx.prescriber_dea, dl.line_no, dl.fill_no,
      c.collector_name, c.collector_id_type, c.collector_id_number, c.early_refill_reason
    FROM dispense d JOIN prescription rx ON rx.id = d.prescription_id JOIN patient pa ON pa.id = d.patient_id
    JOIN dispense_line dl ON dl.dispense_id = d.id LEFT JOIN controlled_dispense c ON c.dispense_id = d.id
    WHERE d.id = ? AND dl.product_id = ? ORDER BY dl.line_no, dl.seq LIMIT 1`,
  /** The fill before this one of the same item: when it was given and for how many days. */
  previousFill: `SELECT d.at, max(l.days_supply) AS days_supply FROM dispense d JOIN dispense_line l ON l.dispense_id = d.id
    WHERE d.prescription_id = ? AND l.line_no = ? AND l.fill_no = ? GROUP BY d.id ORDER BY d.num DESC LIMIT 1`,
  witness: 'SELECT witness FROM stock_disposal WHERE id = ?',
} as const;

const statements = perDatabase((db: Database) => ({
  products: db.prepare<[], ProductRow>(controlledSql.products),
  product: db.prepare<[string], ProductRow>(controlledSql.product),
  movements: db.prepare<[string, number], MovementRow>(controlledSql.movements),
  dispense: db.prepare<[string, string], DispenseInfoRow>(controlledSql.dispense),
  previousFill: db.prepare<[string, number, number], { at: number; days_supply: number | null }>(controlledSql.previousFill),
  witness: db.prepare<[string], { witness: string | null }>(controlledSql.witness),
}));

const DAY_MS = 86_400_000;

function toProduct(r: ProductRow): ControlledProduct {
  return { productId: r.id, name: r.name, strength: r.strength, form: r.form, unit: r.unit, legalCategory: r.legal_category, schedule: r.schedule, balance: r.balance };
}

function isControlled(r: ProductRow): boolean {
  return r.schedule !== null || r.legal_category === 'controlled';
}

export function listControlledProducts(db: Database): ControlledProduct[] {
  return statements(db).products.all().map(toProduct);
}

/** What the register calls an entry: the ledger's kind, named more exactly where the document says more. */
function kindOf(m: MovementRow): RegisterKind {
  if (m.kind === 'writeOff' && m.document_type === 'destruction') return 'destruction';
  if (m.kind === 'transferOut' && m.document_type === 'supplierReturn') return 'supplierReturn';
  return m.kind as RegisterKind;
}

function isCollectorIdType(v: string | null): v is (typeof collectorIdTypes)[number] {
  return v !== null && (collectorIdTypes as readonly string[]).includes(v);
}

function dispenseOf(db: Database, dispenseId: string, productId: string, at: number): RegisterEntry['dispense'] {
  const s = statements(db);
  const d = s.dispense.get(dispenseId, productId);
  if (!d) return null;
  const previous = d.fill_no > 1 ? (s.previousFill.get(d.prescription_id, d.line_no, d.fill_no - 1) ?? null) : null;
  const dueAt = refillDueAt(previous);
  return {
    prescriptionId: d.prescription_id,
    rxNumber: d.prescription_id.slice(-8).toUpperCase(),
    patientName: d.patient_name,
    prescriberName: d.prescriber_name,
    prescriberDea: d.prescriber_dea,
    fillNo: d.fill_no,
    collector:
      d.collector_name !== null && isCollectorIdType(d.collector_id_type) && d.collector_id_number !== null
        ? { name: d.collector_name, idType: d.collector_id_type, idNumber: d.collector_id_number }
        : null,
    earlyRefill: dueAt !== null && at < dueAt ? { dueAt, reason: d.early_refill_reason } : null,
  };
}

/** Movements of one document folded into one entry, in ledger order; internal moves that cancel out are dropped. */
function entriesOf(db: Database, productId: string, rows: readonly MovementRow[], from: number): { entry: RegisterEntry; at: number }[] {
  const groups = new Map<string, MovementRow[]>();
  for (const m of rows) {
    const key = m.document_id === null ? `movement:${m.id}` : `${m.kind}:${m.document_type ?? ''}:${m.document_id}`;
    const g = groups.get(key);
    if (g) g.push(m);
    else groups.set(key, [m]);
  }
  const out: { entry: RegisterEntry; at: number }[] = [];
  for (const g of groups.values()) {
    const first = g[0] as MovementRow;
    const quantity = g.reduce((n, m) => n + m.quantity, 0);
    if (quantity === 0) continue;
    const kind = kindOf(first);
    // Entries before the period only count towards the opening balance: their details are not read.
    const shown = first.at >= from && first.document_id !== null;
    out.push({
      at: first.at,
      entry: {
        id: first.id,
        at: first.at,
        kind,
        quantity,
        balance: 0,
        batches: [...new Set(g.map((m) => m.batch))],
        actorName: first.actor_name,
        documentType: first.document_type,
        documentId: first.document_id,
        reason: first.reason,
        witness: shown && kind === 'destruction' ? (statements(db).witness.get(first.document_id as string)?.witness ?? null) : null,
        dispense: shown && kind === 'dispense' ? dispenseOf(db, first.document_id as string, productId, first.at) : null,
      },
    });
  }
  // Groups keep the order of their first movement, which is ledger order.
  return out;
}

function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function controlledRegister(ctx: CommandContext, input: ParsedInputOf<'rx.controlledRegister'>): OutputOf<'rx.controlledRegister'> {
  const s = statements(ctx.db);
  const row = s.product.get(input.productId);
  if (!row) throw new CoreError('catalog.productNotFound', 'There is no such product.', { productId: input.productId });
  if (!isControlled(row)) {
    throw new CoreError('controlled.notControlled', `${row.name} has no schedule and is not a controlled medicine, so it has no register.`, { productId: row.id });
  }
  const from = input.from === undefined ? Number.NEGATIVE_INFINITY : dayStart(input.from);
  const until = input.to === undefined ? Number.MAX_SAFE_INTEGER : dayStart(input.to) + DAY_MS;
  let balance = 0;
  let opening = 0;
  const entries: RegisterEntry[] = [];
  for (const { entry, at } of entriesOf(ctx.db, row.id, s.movements.all(row.id, until), from)) {
    balance += entry.quantity;
    if (at < from) {
      opening = balance;
      continue;
    }
    entries.push({ ...entry, balance });
  }
  return { product: toProduct(row), from: input.from ?? null, to: input.to ?? null, opening, closing: balance, entries };
}
