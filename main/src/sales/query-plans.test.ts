import { afterEach, describe, expect, it } from 'vitest';
import { queryPlan, tableScans } from '../testing/index.js';
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
});
