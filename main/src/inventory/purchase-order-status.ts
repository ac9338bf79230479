// Rule: a delivery may be received against an order only once the order has been approved, and only from
// the order's own supplier; receiving moves the order to partly or fully received by what has arrived.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { perDatabase } from '../store/per-database.js';

export type PurchaseOrderRow = {
  num: number;
  id: string;
  supplier_id: string;
  status: 'draft' | 'approved' | 'sent' | 'partlyReceived' | 'received' | 'closed';
  created_at: number;
  created_by: string | null;
  approved_at: number | null;
  approved_by: string | null;
  sent_at: number | null;
  closed_at: number | null;
  note: string | null;
};

const statements = perDatabase((db: Database) => ({
  byId: db.prepare<[string], PurchaseOrderRow>('SELECT * FROM purchase_order WHERE id = ?'),
  outstanding: db.prepare<[string, string], { ordered: number; received: number }>(
    `SELECT o.product_id, o.packs AS ordered,
       coalesce((SELECT sum(dl.packs + dl.damaged_packs) FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id
                 WHERE d.purchase_order_id = ? AND dl.product_id = o.product_id), 0) AS received
     FROM (SELECT product_id, sum(packs) AS packs FROM purchase_order_line WHERE order_id = ? GROUP BY product_id) o`,
  ),
  setStatus: db.prepare('UPDATE purchase_order SET status = ? WHERE id = ?'),
  touch: db.prepare('UPDATE purchase_order SET updated_at = ? WHERE id = ?'),
}));

export function requireOrder(db: Database, id: string): PurchaseOrderRow {
  const row = statements(db).byId.get(id);
  if (!row) throw new CoreError('inventory.purchaseOrderNotFound', 'There is no such purchase order.', { purchaseOrderId: id });
  return row;
}

export function setOrderStatus(db: Database, id: string, status: PurchaseOrderRow['status']): void {
  statements(db).setStatus.run(status, id);
}

export function checkReceivableOrder(db: Database, id: string, supplierId: string): PurchaseOrderRow {
  const order = requireOrder(db, id);
  if (order.supplier_id !== supplierId) {
    throw new CoreError('inventory.purchaseOrderSupplier', 'This purchase order is for another supplier.', { purchaseOrderId: id, supplierId: order.supplier_id });
  }
  if (!['approved', 'sent', 'partlyReceived'].includes(order.status)) {
    throw new CoreError('inventory.purchaseOrderState', `A ${order.status} purchase order cannot be received against.`, { purchaseOrderId: id, status: order.status });
  }
  return order;
}

/** After a delivery against the order: fully received when every product has arrived in full, else partly. */
export function noteOrderReceipt(ctx: CommandContext, id: string): void {
  const rows = statements(ctx.db).outstanding.all(id, id);
  const full = rows.length > 0 && rows.every((r) => r.received >= r.ordered);
  const before = requireOrder(ctx.db, id).status;
  const status = full ? 'received' : 'partlyReceived';
  setOrderStatus(ctx.db, id, status);
  statements(ctx.db).touch.run(ctx.now, id);
  // The delivery's own audit entry records the receipt; the event tells other screens and head office.
  ctx.emit('inventory.purchaseOrderReceived', { id, from: before, status });
}
