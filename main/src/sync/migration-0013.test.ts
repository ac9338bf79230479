import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../store/migrate.js';
import { migrations } from '../store/migrations/index.js';

function migratedTo(version: number) {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}

describe('migration 0013 (head-office data)', () => {
  it('migrates a populated terminal: its products stay local, nothing is linked, no snapshot is under way', () => {
    const before = Math.max(...migrations.filter((m) => m.version < 13).map((m) => m.version));
    const db = migratedTo(before);
    db.exec(`INSERT INTO product (id, sku, name, form, pack_size, unit, legal_category, tax_category, price_minor, currency, created_at, updated_at)
             VALUES ('p1', 'SKU-1', 'Paracetamol', 'tablet', 16, 'tablet', 'gsl', 'standard', 89, 'GBP', 1, 1)`);
    migrate(db, 13);
    expect(db.prepare('SELECT count(*) AS n FROM product').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM head_office_product').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM sync_snapshot').get()).toEqual({ n: 0 });
    db.exec("INSERT INTO head_office_product VALUES ('ho-1', 'p1', 1, 0, 1)");
    expect(() => db.exec("INSERT INTO head_office_product VALUES ('ho-2', 'nope', 1, 0, 1)")).toThrow(/FOREIGN KEY/);
  });

  it('migrates an empty database and keeps one snapshot row at most', () => {
    const db = migratedTo(13);
    db.exec('INSERT INTO sync_snapshot (id, at_seq, after_seq, started_at) VALUES (1, 10, 0, 1)');
    expect(() => db.exec('INSERT INTO sync_snapshot (id, at_seq, after_seq, started_at) VALUES (2, 10, 0, 1)')).toThrow(/CHECK/);
  });
});
