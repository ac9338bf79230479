// SQL of purchase orders and the read model the API answers with. Received quantities are never stored on
// the order: they are summed from the deliveries received against it, so the order cannot disagree with them.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../api/core-error.js';
import { perDatabase } from '../store/per-database.js';
import type { PurchaseOrderStatus, PurchaseOrderView } from './contract/purchasing-schemas.js';
import { baseCurrency } from './inventory-rules.js';

export type OrderRow = {
  num: number;
  id: string;
  supplier_id: string;
  supplier_name: string;
  status: 'draft' | 'approved' | 'sent' | 'partlyReceived' | 'received' | 'closed';
  origin: 'manual' | 'suggested';
  currency: string | null;
  created_at: number;
  created_by: string | null;
  approved_at: number | null;
  approved_by: string | null;
  sent_at: number | null;
  closed_at: number | null;
  cancelled_at: number | null;
  cancel_reason: string | null;
  note: string | null;
};

export type OrderLineRow = {
  line_no: number;
  product_id: string;
  gtin: string | null;
  packs: number;
  cost_minor: number | null;
  suggested_packs: number | null;
  note: string | null;
  sku: string;
  name: string;
  pack_size: number;
};

export type NewOrderLine = {
  lineNo: number;
  productId: string;
  gtin: string | null;
  packs: number;
  costMinor: number | null;
  suggestedPacks: number | null;
  note: string | null;
};

const statements = perDatabase((db: Database) => ({
  byId: db.prepare<[string], OrderRow>(
    'SELECT o.*, s.name AS supplier_name FROM purchase_order o JOIN supplier s ON s.id = o.supplier_id WHERE o.id = ?',
  ),
  list: db.prepare<[{ supplierId: string | null; status: string | null; limit: number }], OrderRow & { line_count: number }>(
    `SELECT o.*, s.name AS supplier_name, (SELECT count(*) FROM purchase_order_line l WHERE l.order_id = o.id) AS line_count
     FROM purchase_order o JOIN supplier s ON s.id = o.supplier_id
     WHERE (@supplierId IS NULL OR o.supplier_id = @supplierId)
       AND (@status IS NULL OR (CASE WHEN o.cancelled_at IS NOT NULL THEN 'cancelled' ELSE o.status END) = @status)
     ORDER BY o.num DESC LIMIT @limit`,
  ),
  lines: db.prepare<[string], OrderLineRow>(
    `SELECT l.line_no, l.product_id, l.gtin, l.packs, l.cost_minor, l.suggested_packs, l.note, p.sku, p.name, p.pack_size
     FROM purchase_order_line l JOIN product p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.line_no`,
  ),
  received: db.prepare<[string], { product_id: string; packs: number; damaged: number }>(
    `SELECT dl.product_id, sum(dl.packs) AS packs, sum(dl.damaged_packs) AS damaged
     FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id WHERE d.purchase_order_id = ? GROUP BY dl.product_id`,
  ),
  deliveries: db.prepare<[string], { id: string; reference: string | null; received_at: number }>(
    'SELECT id, reference, received_at FROM delivery WHERE purchase_order_id = ? ORDER BY num',
  ),
  documents: db.prepare<[string], { id: string; direction: 'out' | 'in'; transaction_set: string; document_number: string | null; matches: number | null; at: number }>(
    'SELECT id, direction, transaction_set, document_number, matches, at FROM edi_document WHERE purchase_order_id = ? ORDER BY num',
  ),
  insert: db.prepare(
    `INSERT INTO purchase_order (id, supplier_id, status, origin, currency, created_at, created_by, updated_at, note)
     VALUES (@id, @supplierId, 'draft', @origin, @currency, @now, @actorId, @now, @note)`,
  ),
  insertLine: db.prepare(
    `INSERT INTO purchase_order_line (order_id, line_no, product_id, gtin, packs, cost_minor, suggested_packs, note)
     VALUES (@orderId, @lineNo, @productId, @gtin, @packs, @costMinor, @suggestedPacks, @note)`,
  ),
  deleteLines: db.prepare('DELETE FROM purchase_order_line WHERE order_id = ?'),
  setNote: db.prepare('UPDATE purchase_order SET note = ?, updated_at = ? WHERE id = ?'),
  approve: db.prepare("UPDATE purchase_order SET status = 'approved', approved_at = @now, approved_by = @actorId, updated_at = @now WHERE id = @id"),
  send: db.prepare("UPDATE purchase_order SET status = 'sent', sent_at = @now, sent_by = @actorId, updated_at = @now WHERE id = @id"),
  close: db.prepare("UPDATE purchase_order SET status = 'closed', closed_at = @now, closed_by = @actorId, updated_at = @now WHERE id = @id"),
  cancel: db.prepare(
    "UPDATE purchase_order SET status = 'closed', closed_at = @now, closed_by = @actorId, cancelled_at = @now, cancel_reason = @reason, updated_at = @now WHERE id = @id",
  ),
  lastCostFromSupplier: db.prepare<[string, string], { cost_minor: number }>(
    `SELECT dl.cost_minor FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id
     WHERE dl.product_id = ? AND d.supplier_id = ? ORDER BY d.num DESC, dl.line_no DESC LIMIT 1`,
  ),
  lastLotCost: db.prepare<[string], { cost_minor: number }>(
    'SELECT cost_minor FROM stock_lot WHERE product_id = ? AND cost_minor IS NOT NULL ORDER BY rowid DESC LIMIT 1',
  ),
}));

export function orderNumber(num: number): string {
  return `PO-${String(num).padStart(6, '0')}`;
}

export function apiStatus(row: Pick<OrderRow, 'status' | 'cancelled_at'>): PurchaseOrderStatus {
  return row.cancelled_at !== null ? 'cancelled' : row.status;
}

export function findOrderRow(db: Database, id: string): OrderRow | null {
  return statements(db).byId.get(id) ?? null;
}

export function requireOrderRow(db: Database, id: string): OrderRow {
  const row = findOrderRow(db, id);
  if (!row) throw new CoreError('inventory.purchaseOrderNotFound', 'There is no such purchase order.', { purchaseOrderId: id });
  return row;
}

export function orderLineRows(db: Database, id: string): OrderLineRow[] {
  return statements(db).lines.all(id);
}

/** Packs received (good, damaged) per product over every delivery against the order. */
export function receivedByProduct(db: Database, id: string): Map<string, { packs: number; damaged: number }> {
  return new Map(statements(db).received.all(id).map((r) => [r.product_id, { packs: r.packs, damaged: r.damaged }]));
}

export function lastKnownCost(db: Database, productId: string, supplierId: string): number | null {
  const s = statements(db);
  return s.lastCostFromSupplier.get(productId, supplierId)?.cost_minor ?? s.lastLotCost.get(productId)?.cost_minor ?? null;
}

export const orderWrites = {
  insert(db: Database, o: { id: string; supplierId: string; origin: 'manual' | 'suggested'; currency: string; now: number; actorId: string | null; note: string | null }): void {
    statements(db).insert.run(o);
  },
  replaceLines(db: Database, orderId: string, lines: readonly NewOrderLine[]): void {
    const s = statements(db);
    s.deleteLines.run(orderId);
    for (const l of lines) s.insertLine.run({ orderId, ...l });
  },
  setNote(db: Database, id: string, note: string | null, now: number): void {
    statements(db).setNote.run(note, now, id);
  },
  approve(db: Database, id: string, now: number, actorId: string | null): void {
    statements(db).approve.run({ id, now, actorId });
  },
  send(db: Database, id: string, now: number, actorId: string | null): void {
    statements(db).send.run({ id, now, actorId });
  },
  close(db: Database, id: string, now: number, actorId: string | null): void {
    statements(db).close.run({ id, now, actorId });
  },
  cancel(db: Database, id: string, now: number, actorId: string | null, reason: string): void {
    statements(db).cancel.run({ id, now, actorId, reason });
  },
};

export function hasDeliveries(db: Database, id: string): boolean {
  return statements(db).deliveries.all(id).length > 0;
}

/** The order as the API shows it, with what each line has received so far. */
export function readPurchaseOrder(db: Database, id: string): PurchaseOrderView {
  const row = requireOrderRow(db, id);
  const s = statements(db);
  const received = receivedByProduct(db, id);
  const deliveries = s.deliveries.all(id);
  const lines = orderLineRows(db, id).map((l) => {
    const r = received.get(l.product_id) ?? { packs: 0, damaged: 0 };
    const outstanding = l.packs - r.packs - r.damaged;
    const discrepancy = outstanding < 0 ? ('over' as const) : outstanding > 0 && deliveries.length > 0 ? ('short' as const) : null;
    return {
      lineNo: l.line_no,
      productId: l.product_id,
      sku: l.sku,
      name: l.name,
      gtin: l.gtin,
      packSize: l.pack_size,
      packs: l.packs,
      suggestedPacks: l.suggested_packs,
      costMinor: l.cost_minor,
      receivedPacks: r.packs,
      damagedPacks: r.damaged,
      outstandingPacks: outstanding,
      discrepancy,
      note: l.note,
    };
  });
  return {
    id: row.id,
    number: orderNumber(row.num),
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    status: apiStatus(row),
    origin: row.origin,
    currency: row.currency ?? baseCurrency(db),
    createdAt: row.created_at,
    createdBy: row.created_by,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    sentAt: row.sent_at,
    closedAt: row.closed_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    note: row.note,
    lines,
    totalMinor: lines.reduce((sum, l) => sum + l.packs * (l.costMinor ?? 0), 0),
    deliveries: deliveries.map((d) => ({ id: d.id, reference: d.reference, receivedAt: d.received_at })),
    documents: s.documents.all(id).map((d) => ({
      id: d.id,
      direction: d.direction,
      transactionSet: d.transaction_set,
      documentNumber: d.document_number,
      matches: d.matches === null ? null : d.matches === 1,
      at: d.at,
    })),
  };
}

export function listPurchaseOrders(db: Database, filter: { status?: PurchaseOrderStatus | undefined; supplierId?: string | undefined; limit: number }) {
  return statements(db)
    .list.all({ supplierId: filter.supplierId ?? null, status: filter.status ?? null, limit: filter.limit })
    .map((row) => {
      const view = readPurchaseOrder(db, row.id);
      const { lines, deliveries, documents, ...summary } = view;
      void deliveries;
      void documents;
      return { ...summary, lineCount: lines.length };
    });
}
