import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../store/migrate.js';

function migratedTo(version: number) {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}

describe('migration 0010 (expiry alerts)', () => {
  it('creates an empty alert table on an empty database', () => {
    const db = migratedTo(10);
    expect(db.prepare('SELECT count(*) AS n FROM expiry_alert').get()).toEqual({ n: 0 });
    expect(db.pragma('user_version', { simple: true })).toBe(10);
  });

  it('keeps a populated store as it was, records no alert by itself, and refuses a second alert for the same lot and band', () => {
    const db = migratedTo(9);
    db.exec(`
      INSERT INTO product (id, sku, name, form, pack_size, unit, legal_category, tax_category, price_minor, currency, created_at, updated_at)
        VALUES ('p1', 'SKU1', 'Pads', 'pad', 10, 'pad', 'gsl', 'zero', 450, 'GBP', 1, 1);
      INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES ('l1', 'p1', 'B1', '2026-12-01', 'shelf', 100);
      INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES ('l2', 'p1', 'B2', '2026-12-01', 'quarantine', 100);
      INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('m1', 'l1', 'p1', 'receipt', 10, 1);
    `);
    migrate(db, 10);
    expect(db.prepare('SELECT count(*) AS n FROM expiry_alert').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT on_hand FROM stock_balance WHERE lot_id = ?').get('l1')).toEqual({ on_hand: 10 });
    const insert = db.prepare(
      "INSERT INTO expiry_alert (id, lot_id, product_id, band, batch, expiry, location, on_hand, value_minor, crossed_on, crossed_at) VALUES (?, 'l1', 'p1', ?, 'B1', '2026-12-01', 'shelf', 10, 100, '2026-11-27', 1)",
    );
    insert.run('a1', 'within30');
    expect(() => insert.run('a2', 'within30')).toThrow(/UNIQUE/);
    expect(() => insert.run('a3', 'soon')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE expiry_alert SET acknowledged_at = 5 WHERE id = 'a1'").run()).toThrow(/CHECK/);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM stock_lot WHERE location = 'quarantine' ORDER BY product_id").all() as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/stock_lot_quarantine/);
  });
});
