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

describe('migration 0009 (sync client)', () => {
  it('starts an existing terminal unenrolled, at cursor 0, with nothing published yet', () => {
    const before = Math.max(...migrations.filter((m) => m.version < 9).map((m) => m.version));
    const db = migratedTo(before);
    db.exec(`INSERT INTO outbox_event VALUES (1, 'e1', 't1', 'b1', 'd1', '000000000000001:000000:d1', 'setup.terminalInitialized', 1, 1, '{}', NULL);`);
    migrate(db, 9);
    expect(db.prepare('SELECT count(*) AS n FROM sync_identity').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT cursor, online, published_movement_seq FROM sync_state').get()).toEqual({ cursor: 0, online: null, published_movement_seq: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM outbox_event WHERE sent_at IS NULL').get()).toEqual({ n: 1 });
  });

  it('allows one identity only and refuses an unknown inbox state', () => {
    const db = migratedTo(9);
    db.exec("INSERT INTO sync_identity VALUES (1, 'https://sync.example', 'sd1', 't1', 'b1', 'secret', 9)");
    expect(() => db.exec("INSERT INTO sync_identity VALUES (2, 'https://sync.example', 'sd2', 't1', 'b1', 'secret', 9)")).toThrow(/CHECK/);
    expect(() =>
      db.exec("INSERT INTO sync_inbox VALUES ('ev1', 3, 'x.y', 1, 'b2', 'd2', 'h', '{}', 'lost', 9, NULL)"),
    ).toThrow(/CHECK/);
  });
});
