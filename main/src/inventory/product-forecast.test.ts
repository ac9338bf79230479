import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, queryPlan, tableScans } from '../testing/index.js';
import { demandSql, DEFAULT_LEAD_TIME_DAYS } from './product-forecast.js';
import { setUpStore, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

const DAY = 86_400_000;

/** Sales straight into the ledger, one movement per day: `perDay(i)` units on day i before today. */
function sellDaily(s: Store, lotId: string, productId: string, days: number, perDay: (daysAgo: number) => number): number {
  const today = Date.UTC(2026, 10, 27);
  const insert = s.core.db.prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES (?, ?, ?, 'sale', ?, ?)");
  let total = 0;
  for (let ago = days; ago >= 1; ago--) {
    const q = perDay(ago);
    if (q === 0) continue;
    insert.run(`sale-${ago}`, lotId, productId, -q, today - ago * DAY + 10 * 3_600_000);
    total += q;
  }
  return total;
}

describe('inventory.productForecast', () => {
  it('gives daily history, a forecast with its interval, the method and baseline errors, on-hand and reorder levels', async () => {
    const s = (store = await setUpStore());
    const para = s.products.paracetamol;
    // A weekly pattern: busy on one weekday, quiet on the others.
    const sold = sellDaily(s, s.lots.paracetamol, para.id, 84, (ago) => (ago % 7 === 0 ? 9 : 2));
    const f = expectOk(await s.cashier.invoke('inventory.productForecast', { productId: para.id, historyDays: 84, horizonDays: 14, workers: 0 }));
    expect(f).toMatchObject({ productId: para.id, name: para.name, unit: 'tablet', today: '2026-11-27', leadTimeDays: DEFAULT_LEAD_TIME_DAYS, supplierName: null, serviceLevel: 0.95 });
    expect(f.history).toHaveLength(84);
    expect(f.history[0]).toEqual({ date: '2026-09-04', quantity: 9 });
    expect(f.history.at(-1)).toEqual({ date: '2026-11-26', quantity: 2 });
    expect(f.history.reduce((n, h) => n + h.quantity, 0)).toBe(sold);
    expect(f.forecast).toHaveLength(14);
    expect(f.forecast[0]?.date).toBe('2026-11-27');
    for (const p of f.forecast) expect(p.lower <= p.mean && p.mean <= p.upper).toBe(true);
    expect(f.baseline.map((b) => b.date)).toEqual(f.forecast.map((p) => p.date));
    // Seasonal naive repeats last week: the busy weekday comes back 7 days after the last one.
    expect(f.baseline.map((b) => b.quantity).filter((q) => q === 9)).toHaveLength(2);
    expect(f.backtest.map((b) => b.method)).toContain('seasonalNaive');
    expect(f.method).toBe(f.backtest[0]?.method);
    expect(f.baselineError.mase).not.toBeNull();
    expect(f.onHand).toBe(320 - sold);
    expect(f.projection.map((p) => p.date)).toEqual(f.forecast.map((p) => p.date));
    expect(f.projection.at(-1)?.onHand).toBe(Math.round(f.onHand - f.forecast.reduce((n, p) => n + p.mean, 0)));
    expect(f.reorderPoint).toBeGreaterThan(0);
    expect(f.orderUpToLevel).toBeGreaterThanOrEqual(f.reorderPoint);
  });

  it("takes the lead time from the product's last supplier, or the one given", async () => {
    const s = (store = await setUpStore());
    const ibu = s.products.ibuprofen;
    expectOk(await s.admin.invoke('inventory.updateSupplier', { id: s.supplierId, leadTimeDays: 5 }));
    expectOk(
      await s.pharmacist.invoke('inventory.receiveDelivery', {
        supplierId: s.supplierId,
        lines: [{ gtin: ibu.gtins[0] as string, batch: 'NEW', expiry: '2028-01-31', quantity: 1, cost: '1.00' }],
      }),
    );
    sellDaily(s, s.lots.ibuprofen, ibu.id, 60, (ago) => (ago % 3 === 0 ? 4 : 0));
    const f = expectOk(await s.cashier.invoke('inventory.productForecast', { productId: ibu.id, historyDays: 60, workers: 0 }));
    expect(f).toMatchObject({ leadTimeDays: 5, supplierName: 'Wholesale One' });
    const longer = expectOk(await s.cashier.invoke('inventory.productForecast', { productId: ibu.id, historyDays: 60, leadTimeDays: 20, workers: 0 }));
    expect(longer.leadTimeDays).toBe(20);
    expect(longer.reorderPoint).toBeGreaterThan(f.reorderPoint);
  });

  it('forecasts a product that never sold as no demand, and refuses an unknown product', async () => {
    const s = (store = await setUpStore());
    const f = expectOk(await s.cashier.invoke('inventory.productForecast', { productId: s.products.nicotine.id, workers: 0 }));
    expect(f.history.every((h) => h.quantity === 0)).toBe(true);
    expect(f.forecast.every((p) => p.mean === 0)).toBe(true);
    expect(f.reorderPoint).toBe(0);
    expect(await s.cashier.invoke('inventory.productForecast', { productId: '00000000-0000-7000-8000-00000000ffff', workers: 0 })).toMatchObject({
      ok: false,
      error: { code: 'inventory.productNotFound' },
    });
    expect(await s.cashier.invoke('inventory.productForecast', { productId: s.products.nicotine.id, historyDays: 7 })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
  });

  it('runs the forecast in a worker thread by default, with the same answer as in the calling thread', async () => {
    const s = (store = await setUpStore());
    const para = s.products.paracetamol;
    sellDaily(s, s.lots.paracetamol, para.id, 56, (ago) => (ago % 5 === 0 ? 6 : 1));
    const here = expectOk(await s.cashier.invoke('inventory.productForecast', { productId: para.id, historyDays: 56, workers: 0 }));
    const worker = expectOk(await s.cashier.invoke('inventory.productForecast', { productId: para.id, historyDays: 56 }));
    expect(worker).toEqual(here);
  });

  it('reads one product’s demand through the ledger’s product index, never a full scan', async () => {
    const s = (store = await setUpStore());
    const plan = queryPlan(s.core, demandSql, 'p', 0, 1);
    expect(plan.join('\n')).toMatch(/stock_movement_product/);
    expect(tableScans(plan)).toEqual([]);
  });
});
