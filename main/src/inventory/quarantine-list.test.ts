import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, queryPlan, tableScans } from '../testing/index.js';
import { EXP_PAST, receiveStock } from '../sales/sales-fixtures.js';
import { quarantineSql } from './quarantine-list.js';
import { gtinOf, setUpStore, type Store } from './inventory-fixtures.js';
import { readCountScan } from './stocktake-scan.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

describe('inventory.listQuarantine', () => {
  it('lists quarantined lots with their reason, expiry state and the recall that holds them', async () => {
    const s = (store = await setUpStore());
    const q = expectOk(await s.pharmacist.invoke('inventory.quarantineStock', { lotId: s.lots.ibuprofen, quantity: 48, reason: 'box crushed in delivery' }));
    expectOk(await s.pharmacist.invoke('inventory.enterRecall', { gtin: gtinOf(s, 'paracetamol'), batches: ['B-PARACETAMOL'], class: 'II', reason: 'wrong leaflet' }));
    receiveStock(s.core, s.products.pads.id, 'OLD', EXP_PAST, 'quarantine', 10);
    const list = expectOk(await s.cashier.invoke('inventory.listQuarantine', {}));
    expect(list.currency).toBe('GBP');
    expect(list.lots.map((l) => [l.batch, l.onHand, l.expired, l.recallClass])).toEqual([
      ['OLD', 10, true, null],
      ['B-IBUPROFEN', 48, false, null],
      ['B-PARACETAMOL', 320, false, 'II'],
    ]);
    expect(list.lots[1]).toMatchObject({ lotId: q.toLotId, reason: 'box crushed in delivery', since: s.core.clock.now(), valueMinor: 20 });
    expect(list.lots[2]?.reason).toBe('recall class II: wrong leaflet');
    expect(list.lots[2]?.recallId).not.toBeNull();
    expect(expectOk(await s.cashier.invoke('inventory.listQuarantine', { limit: 1 }))).toMatchObject({ truncated: true, lots: [{ batch: 'OLD' }] });
  });

  it('reads quarantined lots through the partial index, never a scan of every lot', async () => {
    const s = (store = await setUpStore());
    const plan = queryPlan(s.core, quarantineSql, 10);
    expect(plan.join('\n')).toMatch(/stock_lot_quarantine/);
    expect(tableScans(plan).filter((d) => !/USING (COVERING )?INDEX/.test(d))).toEqual([]);
  });
});

describe('inventory.readCountScan', () => {
  it('reads a GS1 scan into product, batch and expiry, and a plain EAN into the product alone', async () => {
    const s = (store = await setUpStore());
    const gtin = gtinOf(s, 'aspirin');
    expect(expectOk(await s.cashier.invoke('inventory.readCountScan', { scan: `(01)${gtin}(17)270131(10)B-ASPIRIN` }))).toEqual({
      productId: s.products.aspirin.id,
      name: 'Aspirin 300 mg dispersible tablets',
      gtin,
      packSize: 16,
      unit: 'tablet',
      batch: 'B-ASPIRIN',
      expiry: '2027-01-31',
    });
    expect(expectOk(await s.cashier.invoke('inventory.readCountScan', { scan: gtin.slice(1) }))).toMatchObject({ productId: s.products.aspirin.id, batch: null, expiry: null });
  });

  it('refuses an unknown product, a bad check digit and a code without a GTIN', async () => {
    const s = (store = await setUpStore());
    expect(await s.cashier.invoke('inventory.readCountScan', { scan: '5010000000991' })).toMatchObject({ ok: false });
    expect(await s.cashier.invoke('inventory.readCountScan', { scan: '4006381333931' })).toMatchObject({ ok: false, error: { code: 'inventory.unknownGtin' } });
    expect(await s.cashier.invoke('inventory.readCountScan', { scan: '(10)ABC' })).toMatchObject({ ok: false });
    expect(typeof readCountScan).toBe('function');
  });
});
