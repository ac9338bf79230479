// Test support for inventory: the sales counter (catalog, stock, cashier, open shift) plus a supplier, and
// counts of every table an inventory command writes, to prove that a refused command wrote nothing.
import type { Connection } from '../core.js';
import { expectOk } from '../testing/index.js';
import { addStaff, setUpCounter, type Counter } from '../sales/sales-fixtures.js';

export type Store = Counter & { pharmacist: Connection; supplierId: string };

export const STOCK_TABLES = [
  'stock_lot',
  'stock_movement',
  'stock_balance',
  'supplier',
  'delivery',
  'delivery_line',
  'stock_disposal',
  'recall',
  'recall_batch',
  'stocktake',
  'stocktake_line',
  'purchase_order',
  'purchase_order_line',
  'edi_document',
  'stock_transfer',
  'stock_transfer_line',
  'outbox_event',
] as const;

/**
 * Rows per stock table, to prove that a refused command wrote nothing. A refusal is audited in its own transaction
 * (a fact, DESIGN.md) and its audit entry travels to the server, so the outbox is counted without audit events.
 */
export function tableCounts(counter: Counter): Record<string, number> {
  const where = (t: string) => (t === 'outbox_event' ? " WHERE type <> 'audit.entryRecorded'" : '');
  return Object.fromEntries(
    STOCK_TABLES.map((t) => [t, (counter.core.db.prepare(`SELECT count(*) AS n FROM ${t}${where(t)}`).get() as { n: number }).n]),
  );
}

export async function setUpStore(options: { seed?: number; openShift?: boolean } = {}): Promise<Store> {
  const counter = await setUpCounter(options);
  const pharmacist = await addStaff(counter, 'pharmacist', 'pat', '4321');
  const supplier = expectOk(await counter.admin.invoke('inventory.createSupplier', { name: 'Wholesale One', leadTimeDays: 1, ediQualifier: 'ZZ', ediId: 'WHOLESALE1' }));
  return { ...counter, pharmacist, supplierId: supplier.id };
}

/** The GTIN-14 of a fixture product (the catalog stores 14 digits). */
export function gtinOf(store: Counter, key: keyof Counter['products']): string {
  const gtin = store.products[key].gtins[0];
  if (gtin === undefined) throw new Error(`fixture product ${key} has no GTIN`);
  return gtin;
}

export function lotAt(store: Counter, productId: string, batch: string, location: string): { id: string; cost_minor: number | null } | undefined {
  return store.core.db
    .prepare('SELECT id, cost_minor FROM stock_lot WHERE product_id = ? AND batch = ? AND location = ?')
    .get(productId, batch, location) as { id: string; cost_minor: number | null } | undefined;
}
