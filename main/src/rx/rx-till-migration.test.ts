import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../store/migrate.js';

function migratedTo(version: number) {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}

describe('migration 0012 (signing lock, prescriptions sold at the till)', () => {
  it('creates empty tables on an empty database', () => {
    const db = migratedTo(12);
    expect(db.prepare('SELECT count(*) AS n FROM signing_lock').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM dispense_sale').get()).toEqual({ n: 0 });
    expect(db.pragma('user_version', { simple: true })).toBe(12);
  });

  it('keeps a populated store as it was and lets each dispensed item be linked to one sale line only', () => {
    const db = migratedTo(11);
    db.exec(`
      INSERT INTO app_user (id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u1', 'pat', 'Pat', 'pharmacist', 'h', 1, 1);
      INSERT INTO patient (id, name, created_at, updated_at) VALUES ('pa1', 'Robert King', 1, 1);
      INSERT INTO prescription (id, patient_id, status, prescriber_name, written_date, created_at, created_by) VALUES ('rx1', 'pa1', 'draft', 'Dr P', '2026-11-20', 1, 'u1');
      INSERT INTO dispense (id, prescription_id, patient_id, idempotency_key, request_digest, at, device_id, actor_id, actor_name, location)
        VALUES ('d1', 'rx1', 'pa1', 'k1', 'x', 5, 'dev', 'u1', 'Pat', 'dispensary');
    `);
    migrate(db, 12);
    expect(db.prepare('SELECT id, at FROM dispense').all()).toEqual([{ id: 'd1', at: 5 }]);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT id FROM dispense WHERE at >= ?').all(0) as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/dispense_at/);
    db.pragma('foreign_keys = OFF');
    const link = db.prepare("INSERT INTO dispense_sale (dispense_id, line_no, sale_id, sale_line_no) VALUES ('d1', 1, ?, ?)");
    link.run('s1', 1);
    expect(() => link.run('s2', 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("DELETE FROM dispense_sale WHERE dispense_id = 'd1'").run()).toThrow(/immutable/);
    db.prepare("INSERT INTO signing_lock (user_id, failed_attempts, locked_until) VALUES ('u1', 2, NULL)").run();
    expect(() => db.prepare("UPDATE signing_lock SET failed_attempts = -1 WHERE user_id = 'u1'").run()).toThrow(/CHECK/);
  });
});
