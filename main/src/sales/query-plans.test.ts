import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, queryPlan, tableScans } from '../testing/index.js';
import { searchSql } from '../catalog/search-products.js';
import { verifyProjectionSql, verifyStockProjection } from '../inventory/stock-ledger.js';
import { shiftSql } from '../shifts/shifts-store.js';
import { lotSql } from './lots-store.js';
import { setUpCounter, type Counter } from './sales-fixtures.js';
import { saleSql } from './sales-store.js';

let counter: Counter | undefined;
afterEach(() => counter?.core.dispose());

const id = '01900000-0000-7000-8000-000000000000';

describe('query plans of the checkout', () => {
  it('finds the product of a scanned GTIN by index', async () => {
    counter = await setUpCounter({ openShift: false });
    const plan = queryPlan(counter.core, 'SELECT p.* FROM product_gtin g JOIN product p ON p.id = g.product_id WHERE g.gtin = ?', '05010000000012');
    expect(tableScans(plan)).toEqual([]);
  });

  it('chooses the lot (first expiry first out, scanned batch, by id) without a table scan', async () => {
    counter = await setUpCounter({ openShift: false });
    const core = counter.core;
    for (const [name, sql, params] of [
      ['fefo', lotSql.fefo, [id, '2026-11-27']],
      ['fefoAny', lotSql.fefoAny, [id, '2026-11-27']],
      ['byBatch', lotSql.byBatch, [id, 'B1']],
      ['byExpiry', lotSql.byExpiry, [id, '2027-01-31']],
      ['byId', lotSql.byId, [id]],
      ['allOfProduct', lotSql.allOfProduct, [id]],
    ] as const) {
      const plan = queryPlan(core, sql, ...params);
      expect(tableScans(plan), `${name}: ${plan.join(' / ')}`).toEqual([]);
    }
    // FEFO walks the product's lots in expiry order through the (product, expiry) index.
    expect(queryPlan(core, lotSql.fefo, id, '2026-11-27').join(' ')).toMatch(/stock_lot_product_expiry/);
  });

  it('commits and reads back a sale without a table scan', async () => {
    counter = await setUpCounter({ openShift: false });
    const core = counter.core;
    for (const [name, sql, params] of [
      ['idempotency key', saleSql.byKey, ['key-1']],
      ['returned by line', saleSql.returnedByLine, [id]],
      ['open shift', shiftSql.openOf, [id]],
      ['recent sales', saleSql.list, [id, 1_000_000, 25]],
      ['sales of a shift', saleSql.listByShift, [id, 1_000_000, 25]],
      ['receipt', 'SELECT * FROM receipt WHERE code = ?', ['MR1-ABCDEF12-1']],
      ['receipt number', 'SELECT * FROM receipt WHERE device_id = ? AND receipt_no = ?', [id, 1]],
      ['stock balance', 'SELECT on_hand FROM stock_balance WHERE lot_id = ?', [id]],
      ['lot at location', 'SELECT id FROM stock_lot WHERE product_id = ? AND batch = ? AND expiry = ? AND location = ?', [id, 'B1', '2027-01-31', 'quarantine']],
    ] as const) {
      const plan = queryPlan(core, sql, ...params);
      expect(tableScans(plan), `${name}: ${plan.join(' / ')}`).toEqual([]);
    }
  });

  it('verifies the stock projection in linear time: the folded ledger is searched by lot, never rescanned per lot', async () => {
    counter = await setUpCounter({ openShift: false });
    const plan = queryPlan(counter.core, verifyProjectionSql);
    expect(plan.join(' / ')).not.toMatch(/RIGHT-JOIN/);
    expect(plan.some((d) => /^SEARCH l USING .*INDEX/.test(d)), plan.join(' / ')).toBe(true);
    expect(plan.some((d) => /^SEARCH b USING .*INDEX/.test(d)), plan.join(' / ')).toBe(true);
  });

  it('still finds a lot whose projection disagrees and a ledger lot with no projection', async () => {
    counter = await setUpCounter({ openShift: false });
    const { db } = counter.core;
    expect(verifyStockProjection(db)).toEqual([]);
    const [tampered, dropped] = [counter.lots.paracetamol, counter.lots.aspirin];
    db.prepare('UPDATE stock_balance SET on_hand = on_hand + 1 WHERE lot_id = ?').run(tampered);
    db.prepare('DELETE FROM stock_balance WHERE lot_id = ?').run(dropped);
    const found = verifyStockProjection(db).sort((a, b) => a.lotId.localeCompare(b.lotId));
    const ledger = (lotId: string) => (db.prepare('SELECT sum(quantity) AS n FROM stock_movement WHERE lot_id = ?').get(lotId) as { n: number }).n;
    expect(found).toEqual(
      [
        { lotId: tampered, projected: ledger(tampered) + 1, ledger: ledger(tampered) },
        { lotId: dropped, projected: 0, ledger: ledger(dropped) },
      ].sort((a, b) => a.lotId.localeCompare(b.lotId)),
    );
  });

  it('adds stock to the page of search hits only, not to every match it ranks', async () => {
    counter = await setUpCounter({ openShift: false });
    const { db } = counter.core;
    for (const [name, sql, params] of [
      ['ranked', searchSql.ranked, ['"para"*', 25]],
      ['broad', searchSql.broad, [{ ids: '[1,2,3]', prefix: 'para', limit: 25 }]],
    ] as const) {
      const steps = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { id: number; parent: number; detail: string }[];
      const page = steps.find((s) => /MATERIALIZE top/.test(s.detail));
      expect(page, `${name}: ${steps.map((s) => s.detail).join(' / ')}`).toBeDefined();
      const inPage = new Set([page!.id]);
      for (const s of steps) if (inPage.has(s.parent)) inPage.add(s.id);
      const stock = steps.filter((s) => /stock_balance/.test(s.detail));
      expect(stock.length, name).toBeGreaterThan(0);
      expect(stock.filter((s) => inPage.has(s.id)), name).toEqual([]);
    }
    const found = expectOk(await counter.cashier.invoke('catalog.searchProducts', { query: 'paracetmol', limit: 25 }));
    expect(found.hits.find((h) => h.id === counter!.products.paracetamol.id)?.onHand).toBe(20 * 16);
  });
});
