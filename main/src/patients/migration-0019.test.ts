import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../store/migrate.js';

function migratedTo(version: number) {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}

const inboxRow = (id: string, type: string, state: string) =>
  `INSERT INTO sync_inbox (event_id, server_seq, type, schema_version, branch_id, device_id, hlc, envelope, state, received_at, applied_at)
   VALUES ('${id}', 1, '${type}', 1, 'b1', 'd2', '000000000000001:000000:d2', '{}', '${state}', 1, 1)`;

describe('migration 0019 (patient merge)', () => {
  it('applies to an empty database and keeps one stamp per patient and field, for the merged fields only', () => {
    const db = migratedTo(19);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.exec("INSERT INTO patient (id, name, created_at, updated_at) VALUES ('pa1', 'Robert King', 1, 1)");
    db.exec("INSERT INTO patient_field_clock VALUES ('pa1', 'name', '000000000000001:000000:d1')");
    expect(() => db.exec("INSERT INTO patient_field_clock VALUES ('pa1', 'name', '000000000000002:000000:d1')")).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.exec("INSERT INTO patient_field_clock VALUES ('pa1', 'createdAt', '000000000000002:000000:d1')")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO patient_field_clock VALUES ('nobody', 'phone', '000000000000002:000000:d1')")).toThrow(/FOREIGN KEY/);
  });

  it('migrates a populated store: its patients keep every row and get no stamps, and the inbox is left as it was (the sync round folds kept saves)', () => {
    const db = migratedTo(18);
    db.exec(`INSERT INTO patient (id, name, birth_date, allergies, created_at, updated_at) VALUES ('pa1', 'Robert King', '1964-06-14', '[]', 9, 9);
             INSERT INTO patient_name_word VALUES ('robert', 'pa1'), ('king', 'pa1');`);
    db.exec(inboxRow('e1', 'patients.patientSaved', 'noop'));
    db.exec(inboxRow('e2', 'sales.saleCompleted', 'noop'));
    db.exec(inboxRow('e3', 'patients.patientSaved', 'own'));
    migrate(db, 19);
    expect(db.prepare('SELECT id, name, birth_date FROM patient').all()).toEqual([{ id: 'pa1', name: 'Robert King', birth_date: '1964-06-14' }]);
    expect(db.prepare('SELECT count(*) AS n FROM patient_name_word').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT count(*) AS n FROM patient_field_clock').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT event_id, state, applied_at FROM sync_inbox ORDER BY event_id').all()).toEqual([
      { event_id: 'e1', state: 'noop', applied_at: 1 },
      { event_id: 'e2', state: 'noop', applied_at: 1 },
      { event_id: 'e3', state: 'own', applied_at: 1 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
