import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, queryPlan, tableScans, TEST_START } from '../testing/index.js';
import { receiveStock } from '../sales/sales-fixtures.js';
import { gtinOf, setUpStore, type Store } from './inventory-fixtures.js';
import { productDemandSql } from './suggested-orders.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

const DAY = 86_400_000;
let seq = 0;

/** Past sales straight into the ledger, as the till would have left them: `units(d)` on each of the last `days` days. */
function pastSales(s: Store, key: keyof Store['products'], days: number, units: (daysAgo: number) => number): void {
  const insert = s.core.db.prepare(
    "INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, document_type, document_id) VALUES (?, ?, ?, 'sale', ?, ?, 'test', 'history')",
  );
  for (let d = 1; d <= days; d++) {
    const q = units(d);
    seq += 1;
    if (q > 0) insert.run(`00000000-0000-7000-9000-${seq.toString(16).padStart(12, '0')}`, s.lots[key], s.products[key].id, -q, TEST_START - d * DAY + 3_600_000);
  }
}

describe('inventory.suggestPurchaseOrders', () => {
  it("forecasts demand from the ledger and drafts an order in the supplier's pack multiples and minimum, which a manager edits and approves", async () => {
    const s = await setUpStore();
    store = s;
    const strict = expectOk(await s.admin.invoke('inventory.createSupplier', { name: 'Strict Wholesale', leadTimeDays: 3, minOrderPacks: 10, packMultiple: 5 }));
    for (const key of ['paracetamol', 'aspirin'] as const) {
      expectOk(await s.pharmacist.invoke('inventory.receiveDelivery', { supplierId: strict.id, lines: [{ gtin: gtinOf(s, key), batch: 'D1', expiry: '2028-01-31', quantity: 1, cost: '0.40' }] }));
    }
    // Paracetamol: 2–3 packs a day for 140 days, ending with 100 tablets on hand. Aspirin: slow, with plenty left.
    receiveStock(s.core, s.products.paracetamol.id, 'B-PARACETAMOL', '2027-01-31', 'shelf', 4560);
    pastSales(s, 'paracetamol', 140, (d) => (d % 7 === 0 ? 48 : 32));
    const paraSold = Array.from({ length: 140 }, (_, i) => ((i + 1) % 7 === 0 ? 48 : 32)).reduce((a, b) => a + b, 0);
    const paraOnHand = 320 + 16 + 4560 - paraSold;
    pastSales(s, 'aspirin', 140, (d) => (d % 10 === 0 ? 16 : 0));
    // Nicotine sells but has never come from a supplier this pharmacy knows.
    pastSales(s, 'nicotine', 140, (d) => (d % 3 === 0 ? 7 : 0));

    const result = expectOk(await s.pharmacist.invoke('inventory.suggestPurchaseOrders', { serviceLevel: 0.95, reviewPeriodDays: 7 }));
    expect(result.truncated).toBe(false);
    const row = (id: string) => result.products.find((p) => p.productId === id);
    const para = row(s.products.paracetamol.id);
    expect(para).toMatchObject({ supplierId: strict.id, onHand: paraOnHand, onOrder: 0, skipped: null });
    expect(para?.method).not.toBeNull();
    expect(para?.baselineMase).not.toBeNull();
    expect(para?.reorderPoint).toBeGreaterThanOrEqual(paraOnHand);
    const packs = para?.packs ?? 0;
    expect(packs % 5).toBe(0);
    expect(packs).toBeGreaterThanOrEqual(10);
    expect(para?.units).toBe(packs * 16);
    // Enough to reach the order-up-to level, and not a whole pack multiple more.
    expect(paraOnHand + packs * 16).toBeGreaterThanOrEqual(para?.orderUpToLevel ?? Infinity);
    expect(paraOnHand + (packs - 5) * 16).toBeLessThan(Math.max(para?.orderUpToLevel ?? 0, paraOnHand + 160));
    expect(row(s.products.aspirin.id)).toMatchObject({ skipped: 'enoughStock', packs: 0 });
    expect(row(s.products.nicotine.id)).toMatchObject({ skipped: 'noSupplier', supplierId: null });

    expect(result.orders).toHaveLength(1);
    const order = result.orders[0];
    if (!order) throw new Error('no order');
    expect(order).toMatchObject({ status: 'draft', origin: 'suggested', supplierId: strict.id });
    expect(order.lines.map((l) => [l.productId, l.packs, l.suggestedPacks, l.costMinor])).toEqual([[s.products.paracetamol.id, packs, packs, 40]]);

    // Run again: the draft is on order now, so nothing more is suggested.
    const again = expectOk(await s.pharmacist.invoke('inventory.suggestPurchaseOrders', { workers: 0 }));
    expect(again.orders).toEqual([]);
    expect(row(s.products.paracetamol.id)?.onOrder).toBe(0);
    expect(again.products.find((p) => p.productId === s.products.paracetamol.id)).toMatchObject({ onOrder: packs * 16, skipped: 'enoughStock' });

    const edited = expectOk(await s.pharmacist.invoke('inventory.updatePurchaseOrder', { id: order.id, lines: [{ productId: s.products.paracetamol.id, packs: packs + 5 }] }));
    expect(edited.lines[0]).toMatchObject({ packs: packs + 5, suggestedPacks: packs });
    expect(await s.pharmacist.invoke('inventory.updatePurchaseOrder', { id: order.id, lines: [{ productId: s.products.paracetamol.id, packs: packs + 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'inventory.notPackMultiple' },
    });
    expect(expectOk(await s.admin.invoke('inventory.approvePurchaseOrder', { id: order.id })).status).toBe('approved');
  });

  it('bounds one call to the products that sell most, and uses the default supplier for products never delivered', async () => {
    const s = await setUpStore();
    store = s;
    pastSales(s, 'paracetamol', 60, () => 40);
    pastSales(s, 'ibuprofen', 60, () => 24);
    pastSales(s, 'aspirin', 60, (d) => (d % 5 === 0 ? 16 : 0));
    const result = expectOk(await s.pharmacist.invoke('inventory.suggestPurchaseOrders', { maxProducts: 2, defaultSupplierId: s.supplierId, historyDays: 60, workers: 0 }));
    expect(result.truncated).toBe(true);
    expect(result.products.map((p) => p.productId)).toEqual([s.products.paracetamol.id, s.products.ibuprofen.id]);
    expect(result.products.every((p) => p.supplierId === s.supplierId && p.skipped === null)).toBe(true);
    expect(result.orders).toHaveLength(1);
    expect(result.orders[0]?.lines.map((l) => l.productId)).toEqual([s.products.paracetamol.id, s.products.ibuprofen.id]);
  });

  it("reads a named product's history alone and forecasts it as a call over the whole ledger does", async () => {
    const s = await setUpStore();
    store = s;
    pastSales(s, 'paracetamol', 90, (d) => (d % 7 === 0 ? 48 : 32));
    pastSales(s, 'ibuprofen', 90, (d) => (d % 4 === 0 ? 24 : 0));
    const options = { defaultSupplierId: s.supplierId, historyDays: 90, workers: 0 };
    const named = expectOk(await s.pharmacist.invoke('inventory.suggestPurchaseOrders', { ...options, productIds: [s.products.ibuprofen.id] }));
    expect(named.products.map((p) => p.productId)).toEqual([s.products.ibuprofen.id]);
    const all = expectOk(await s.pharmacist.invoke('inventory.suggestPurchaseOrders', options));
    const forecastOf = (r: (typeof all.products)[number] | undefined) =>
      r && { method: r.method, classification: r.classification, mase: r.mase, baselineMase: r.baselineMase, reorderPoint: r.reorderPoint, orderUpToLevel: r.orderUpToLevel };
    expect(forecastOf(named.products[0])).toEqual(forecastOf(all.products.find((p) => p.productId === s.products.ibuprofen.id)));
    expect(named.products[0]?.method).not.toBeNull();

    // On a ledger of millions of rows, reading every product's history for a call about a few is what took the time.
    const plan = queryPlan(s.core, productDemandSql, s.products.ibuprofen.id, 0, TEST_START);
    expect(tableScans(plan), plan.join(' | ')).toEqual([]);
    expect(plan.join(' | ')).toMatch(/stock_movement USING INDEX stock_movement_product \(product_id=\? AND at>\? AND at<\?\)/);
  });
});
