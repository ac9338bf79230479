import { describe, expect, it } from 'vitest';
import { ADMIN, freshHarness, type Harness } from '../testing/http-fixtures.js';
import { makeEvent, type Counter } from '../testing/fixtures.js';
import { catchUp } from './projections.js';

const DAY = 24 * 3600 * 1000;
const saleAt = (id: string, at: number, amountToPayMinor: number) => ({ sale: { id, at, currency: 'EUR', totals: { amountToPayMinor } } });

describe('head-office projections', () => {
  const setup = freshHarness();

  const get = async (h: Harness, url: string) => {
    const r = await h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN}` } });
    return { status: r.statusCode, json: r.json() as Record<string, unknown> };
  };

  async function activity(h: Harness): Promise<{ a: Counter; b: Counter; flagged: string }> {
    const a = await h.branchWithDevice();
    const b = await h.branchWithDevice(a.tenantId);
    const now = h.clock.now.getTime();
    const level = (productId: string, batch: string, expiry: string, onHand: number) => ({ productId, batch, expiry, onHand });
    const flag = makeEvent(b, 'stock.negativeStockFlagged', { payload: { saleId: 's-9', lots: [] } });
    await h.push(a, [
      makeEvent(a, 'stock.levelChanged', { payload: level('p-1', 'B1', '2026-04-01', 30) }),
      makeEvent(a, 'stock.levelChanged', { payload: { levels: [level('p-1', 'B1', '2026-04-01', 28), level('p-2', 'C7', '2027-01-31', 5)] } }),
      makeEvent(a, 'sales.saleCompleted', { payload: saleAt('s-1', now, 1250) }),
      makeEvent(a, 'sales.saleCompleted', { payload: saleAt('s-2', now + 60_000, 750) }),
      makeEvent(a, 'sales.saleVoided', { payload: { saleId: 's-2' } }),
      makeEvent(a, 'sales.saleVoided', { payload: { saleId: 's-2' } }),
    ]);
    const contractLevel = { productId: 'local-7', sku: 'SKU-7', gtins: ['05012345678900'], productName: 'Ibuprofen 200 mg', branchName: 'B', onHand: 40, quarantined: 3, asOf: now };
    await h.push(b, [
      makeEvent(b, 'stock.levelChanged', { payload: level('p-1', 'B2', '2026-03-20', 4) }),
      makeEvent(b, 'stock.levelChanged', { payload: contractLevel }),
      makeEvent(b, 'sales.saleCompleted', { payload: saleAt('s-3', now + DAY, 500) }),
      flag,
      makeEvent(b, 'stock.negativeStockFlagged', { payload: { saleId: 's-10', lots: [] } }),
    ]);
    return { a, b, flagged: flag.id };
  }

  it('folds stock by branch and batch, sales by day, expiring stock and open exceptions from the log', async () => {
    const h = await setup();
    const { a, b, flagged } = await activity(h);
    const base = `/v1/admin/tenants/${a.tenantId}/projections`;
    const stock = await get(h, `${base}/stock`);
    expect(stock.json.asOfSeq).toBe(11);
    expect(stock.json.stock).toEqual(
      expect.arrayContaining([
        { branchId: a.branchId, productId: 'p-1', batch: 'B1', expiry: '2026-04-01', onHand: 28, quarantined: 0 },
        { branchId: a.branchId, productId: 'p-2', batch: 'C7', expiry: '2027-01-31', onHand: 5, quarantined: 0 },
        { branchId: b.branchId, productId: 'p-1', batch: 'B2', expiry: '2026-03-20', onHand: 4, quarantined: 0 },
        // The shared contract's per-product form, matched across branches by SKU.
        { branchId: b.branchId, productId: 'SKU-7', batch: '', expiry: '', onHand: 40, quarantined: 3 },
      ]),
    );
    expect((await get(h, `${base}/stock?branchId=${b.branchId}`)).json.stock).toHaveLength(2);
    const expiring = await get(h, `${base}/expiring?days=60`);
    expect(expiring.json).toMatchObject({ before: '2026-04-30' });
    expect((expiring.json.stock as { batch: string }[]).map((s) => s.batch)).toEqual(['B2', 'B1']);
    const sales = await get(h, `${base}/sales-by-day?from=2026-03-01&to=2026-03-31`);
    expect(sales.json.days).toEqual([
      { branchId: a.branchId, day: '2026-03-01', currency: 'EUR', sales: 2, voids: 1, amountMinor: 1250 },
      { branchId: b.branchId, day: '2026-03-02', currency: 'EUR', sales: 1, voids: 0, amountMinor: 500 },
    ]);
    await h.push(b, [makeEvent(b, 'exceptions.exceptionResolved', { payload: { exceptionId: flagged } })]);
    const open = await get(h, `${base}/exceptions`);
    expect(open.json.asOfSeq).toBe(12);
    expect((open.json.exceptions as { kind: string; branchId: string }[]).map((e) => [e.kind, e.branchId])).toEqual([['stock.negativeStockFlagged', b.branchId]]);
  });

  it('applies each event once however often and however concurrently the views catch up', async () => {
    const h = await setup();
    const { a } = await activity(h);
    const db = h.db;
    const heads = await Promise.all(Array.from({ length: 6 }, () => catchUp(db, a.tenantId)));
    expect(new Set(heads)).toEqual(new Set([11]));
    expect(await catchUp(db, a.tenantId)).toBe(11);
    const sales = await get(h, `/v1/admin/tenants/${a.tenantId}/projections/sales-by-day?from=2026-03-01&to=2026-03-01`);
    expect(sales.json.days).toEqual([expect.objectContaining({ sales: 2, voids: 1, amountMinor: 1250 })]);
  });

  it('refuses bad queries and unknown tenants, and answers only to the admin token', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const base = `/v1/admin/tenants/${a.tenantId}/projections`;
    expect((await get(h, `${base}/sales-by-day?from=March`)).status).toBe(400);
    expect((await get(h, `${base}/expiring?days=-3`)).status).toBe(400);
    expect((await get(h, '/v1/admin/tenants/0190b5a4-0000-7000-8000-000000000000/projections/exceptions')).json).toMatchObject({ error: { code: 'tenant.notFound' } });
    const asDevice = await h.app.inject({ method: 'GET', url: `${base}/stock`, headers: { authorization: `Bearer ${a.credential}` } });
    expect(asDevice.statusCode).toBe(401);
  });
});
