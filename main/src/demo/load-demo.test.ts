import { afterEach, describe, expect, it } from 'vitest';
import { countRows, createTestCore, expectOk, setUpPharmacy, type TestCore } from '../testing/index.js';
import { verifyStockProjection } from '../inventory/stock-ledger.js';
import { auditLog } from '../audit/audit-log.js';

let core: TestCore;
afterEach(() => core?.dispose());

describe('the demo pharmacy', () => {
  it('loads over 2,000 products with batches through the ledger, once, in one audited command', async () => {
    core = createTestCore();
    const { admin } = await setUpPharmacy(core);
    const summary = expectOk(await admin.invoke('demo.loadDemo', {}));
    expect(summary.products).toBeGreaterThanOrEqual(2000);
    expect(countRows(core, 'product')).toBe(summary.products);
    expect(countRows(core, 'stock_movement')).toBe(summary.lots);
    expect(verifyStockProjection(core.db)).toEqual([]);
    expect(auditLog(core.db).verify().ok).toBe(true);
    expect(expectOk(await admin.invoke('setup.getStatus', {})).demoLoaded).toBe(true);
    expect(await admin.invoke('demo.loadDemo', {})).toMatchObject({ ok: false, error: { code: 'demo.alreadyLoaded' } });

    const hits = expectOk(await admin.invoke('catalog.searchProducts', { query: 'ibuprofn' })).hits;
    expect(hits.some((h) => /ibuprofen/i.test(h.name))).toBe(true);
    const detail = expectOk(await admin.invoke('catalog.getProduct', { id: hits[0]!.id }));
    expect(detail.lots.length).toBeGreaterThan(0);
    expect(detail.gtins.every((g) => /^\d{14}$/.test(g))).toBe(true);
  });
});
