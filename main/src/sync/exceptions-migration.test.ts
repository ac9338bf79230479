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

const before = Math.max(...migrations.filter((m) => m.version < 20).map((m) => m.version));

describe('migration 0020 (exception acknowledgement)', () => {
  it('keeps every exception found before, open and with its facts, and only adds columns', () => {
    const db = migratedTo(before);
    const columnsBefore = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('sync_exception')").all().map((c) => c.name);
    db.exec(`INSERT INTO sync_exception VALUES ('x1', 'stock.belowZero', 'ev1', 'b2', 'Hillside', 'SKU1', 'Paracetamol', '{"onHand":-2}', 9);
             INSERT INTO sync_exception VALUES ('x2', 'sync.applyFailed', 'ev2', 'b2', NULL, NULL, NULL, '{"type":"x.y"}', 10);`);
    expect(migrate(db, 20)).toEqual([20]);
    const columnsAfter = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('sync_exception')").all().map((c) => c.name);
    expect(columnsAfter).toEqual([...columnsBefore, 'acknowledged_at', 'acknowledged_by', 'acknowledgement_note']);
    expect(db.prepare('SELECT id, detail, acknowledged_at, acknowledged_by, acknowledgement_note FROM sync_exception ORDER BY id').all()).toEqual([
      { id: 'x1', detail: '{"onHand":-2}', acknowledged_at: null, acknowledged_by: null, acknowledgement_note: null },
      { id: 'x2', detail: '{"type":"x.y"}', acknowledged_at: null, acknowledged_by: null, acknowledgement_note: null },
    ]);
    db.exec("UPDATE sync_exception SET acknowledged_at = 11, acknowledged_by = 'u1', acknowledgement_note = 'Counted the shelf' WHERE id = 'x1'");
    expect(db.prepare('SELECT count(*) AS n FROM sync_exception WHERE acknowledged_at IS NULL').get()).toEqual({ n: 1 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('applies to an empty database, and the open exceptions are counted and listed through their own index', () => {
    const db = migratedTo(20);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan('SELECT count(*) FROM sync_exception WHERE acknowledged_at IS NULL')).toMatch(/sync_exception_open/);
    expect(plan('SELECT * FROM sync_exception WHERE acknowledged_at IS NULL ORDER BY detected_at DESC LIMIT 10')).toMatch(/sync_exception_open/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
