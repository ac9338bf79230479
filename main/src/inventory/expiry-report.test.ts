import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, queryPlan, tableScans } from '../testing/index.js';
import { EXP_PAST, receiveStock } from '../sales/sales-fixtures.js';
import { expirySql, expiryTotalsSql } from './expiry-report.js';
import { setUpStore, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

describe('inventory.expiryReport', () => {
  it('lists expired and soon-expiring lots by horizon, soonest first, valued at cost per pack', async () => {
    const s = (store = await setUpStore());
    const { paracetamol, aspirin, ibuprofen, pads } = s.products;
    receiveStock(s.core, aspirin.id, 'OLD', EXP_PAST, 'shelf', 16);
    receiveStock(s.core, ibuprofen.id, 'DEC', '2026-12-15', 'shelf', 30);
    receiveStock(s.core, pads.id, 'JAN', '2027-01-10', 'shelf', 10);
    receiveStock(s.core, pads.id, 'QUA', '2026-12-20', 'quarantine', 10);
    receiveStock(s.core, pads.id, 'LATE', '2027-06-01', 'shelf', 10);
    receiveStock(s.core, pads.id, 'GONE', '2026-12-01', 'shelf', 0 + 10);
    s.core.db.prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) SELECT 'm-gone', id, product_id, 'writeOff', -10, 1 FROM stock_lot WHERE batch = 'GONE'").run();

    const r30 = expectOk(await s.cashier.invoke('inventory.expiryReport', { horizonDays: 30 }));
    expect(r30.today).toBe('2026-11-27');
    expect(r30.rows.map((r) => [r.batch, r.band, r.daysLeft])).toEqual([
      ['OLD', 'expired', -27],
      ['DEC', 'within30', 18],
      ['QUA', 'within30', 23],
    ]);
    // 30 ibuprofen tablets of a 24-pack at 0.10 a pack: 0.125 → 0.13 (half-up).
    expect(r30.rows[1]).toMatchObject({ onHand: 30, costMinor: 10, valueMinor: 13, location: 'shelf' });
    expect(r30.totals).toEqual([
      { band: 'expired', lots: 1, units: 16, valueMinor: 10 },
      { band: 'within30', lots: 2, units: 40, valueMinor: 13 + 10 },
    ]);

    const r90 = expectOk(await s.cashier.invoke('inventory.expiryReport', { horizonDays: 90, includeQuarantine: false }));
    expect(r90.rows.slice(0, 3).map((r) => r.batch)).toEqual(['OLD', 'DEC', 'JAN']);
    expect(r90.rows).toHaveLength(3 + 8);
    expect(r90.rows.some((r) => r.batch === 'QUA' || r.batch === 'LATE' || r.batch === 'GONE')).toBe(false);
    expect(r90.rows.map((r) => r.expiry)).toEqual([...r90.rows.map((r) => r.expiry)].sort());
    expect(r90.rows.find((r) => r.productId === paracetamol.id)).toMatchObject({ band: 'within90', onHand: 320, valueMinor: 200 });
    expect(r90.totals.map((t) => t.band)).toEqual(['expired', 'within30', 'within60', 'within90']);

    const cut = expectOk(await s.cashier.invoke('inventory.expiryReport', { horizonDays: 90, limit: 2 }));
    expect(cut).toMatchObject({ truncated: true, rows: [{ batch: 'OLD' }, { batch: 'DEC' }] });
    expect(cut.totals.reduce((n, t) => n + t.lots, 0)).toBe(r90.rows.length + 1);
  });

  it('reads lots through the expiry index, never a full scan', async () => {
    const s = (store = await setUpStore());
    const plan = queryPlan(s.core, expirySql, '2027-02-25', 1, 100);
    expect(plan.join('\n')).toMatch(/stock_balance_in_stock_expiry/);
    expect(tableScans(plan)).toEqual([]);
  });

  it('sums the totals from the covering in-stock expiry index alone, in its order, reading no lot and no product', async () => {
    const s = (store = await setUpStore());
    const plan = queryPlan(s.core, expiryTotalsSql, '2027-02-25', 0);
    expect(plan.join('\n')).toMatch(/COVERING INDEX stock_balance_in_stock_expiry_value/);
    expect(plan.join('\n')).not.toMatch(/stock_lot|product|TEMP B-TREE/);
    expect(tableScans(plan)).toEqual([]);
  });

  it('follows a new cost paid for a lot and a new pack size of its product in the value at cost', async () => {
    const s = (store = await setUpStore());
    const { ibuprofen } = s.products;
    const lotId = receiveStock(s.core, ibuprofen.id, 'DEC', '2026-12-15', 'shelf', 30);
    const value = async () => {
      const r = expectOk(await s.cashier.invoke('inventory.expiryReport', { horizonDays: 30 }));
      return [r.rows.find((x) => x.lotId === lotId)?.valueMinor, r.totals.find((t) => t.band === 'within30')?.valueMinor];
    };
    // 30 tablets of a 24-pack at 0.10: 0.13 (half-up).
    expect(await value()).toEqual([13, 13]);
    s.core.db.prepare('UPDATE stock_lot SET cost_minor = 240 WHERE id = ?').run(lotId);
    expect(await value()).toEqual([300, 300]);
    s.core.db.prepare('UPDATE product SET pack_size = 12 WHERE id = ?').run(ibuprofen.id);
    expect(await value()).toEqual([600, 600]);
  });

  it('caps a long report at its limit over 20,000 lots and says it was cut (speed is measured in bench/inventory.ts)', async () => {
    const s = (store = await setUpStore());
    const ids = Object.values(s.products).map((p) => p.id);
    const insertLot = s.core.db.prepare("INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, ?, ?, 'shelf', 100)");
    const insertMove = s.core.db.prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES (?, ?, ?, 'receipt', 24, 1)");
    s.core.db.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        const day = new Date(Date.UTC(2026, 0, 1) + (i % 1400) * 86_400_000).toISOString().slice(0, 10);
        const productId = ids[i % ids.length] ?? '';
        insertLot.run(`lot-${i}`, productId, `BULK${i}`, day);
        insertMove.run(`mv-${i}`, `lot-${i}`, productId);
      }
    })();
    const report = expectOk(await s.cashier.invoke('inventory.expiryReport', { horizonDays: 90, limit: 1000 }));
    expect(report.truncated).toBe(true);
    expect(report.rows).toHaveLength(1000);
    expect(report.rows.map((r) => r.expiry)).toEqual([...report.rows.map((r) => r.expiry)].sort());
  });
});
