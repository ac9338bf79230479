// SQL of the patients domain, bound parameters only. A name search looks up word prefixes in an index.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';
import type { Allergy, Condition, PatientProfile } from './contract.js';

export type PatientRow = {
  id: string;
  name: string;
  birth_date: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  allergies: string;
  conditions: string;
  reminder_consent: number;
  reminder_consent_at: number | null;
  created_at: number;
  updated_at: number;
};

export type AccessLogRow = {
  id: string;
  at: number;
  device_id: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  op: string;
};

/** Lower case, accents removed, split on anything but letters and digits: how names are indexed and searched. */
export function nameWords(name: string): string[] {
  const plain = name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return [...new Set(plain.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0))];
}

/** Dispensed within this many days and so, as far as the counter knows, waiting to be collected. */
export const READY_WINDOW_MS = 7 * 86_400_000;

export const patientSql = {
  byWordPrefix: `SELECT p.id, p.name, p.birth_date FROM patient_name_word w JOIN patient p ON p.id = w.patient_id
    WHERE w.word >= ? AND w.word < ? ORDER BY p.name, p.id LIMIT 500`,
  byBirthDate: 'SELECT id, name, birth_date FROM patient WHERE birth_date = ? ORDER BY name, id LIMIT 500',
  ready: 'SELECT EXISTS (SELECT 1 FROM dispense WHERE patient_id = ? AND at >= ?) AS ready',
  accessLog: `SELECT id, at, device_id, actor_id, actor_name, actor_role, op FROM patient_access_log
    WHERE patient_id = ? ORDER BY seq DESC LIMIT ?`,
} as const;

const statements = perDatabase((db: Database) => ({
  insert: db.prepare(
    `INSERT INTO patient (id, name, birth_date, phone, email, address, allergies, conditions, reminder_consent, reminder_consent_at, created_at, updated_at)
     VALUES (@id, @name, @birth_date, @phone, @email, @address, @allergies, @conditions, @reminder_consent, @reminder_consent_at, @created_at, @updated_at)`,
  ),
  update: db.prepare(
    `UPDATE patient SET name = @name, birth_date = @birth_date, phone = @phone, email = @email, address = @address, allergies = @allergies,
       conditions = @conditions, reminder_consent = @reminder_consent, reminder_consent_at = @reminder_consent_at, updated_at = @updated_at
     WHERE id = @id`,
  ),
  byId: db.prepare<[string], PatientRow>('SELECT * FROM patient WHERE id = ?'),
  deleteWords: db.prepare('DELETE FROM patient_name_word WHERE patient_id = ?'),
  insertWord: db.prepare('INSERT OR IGNORE INTO patient_name_word (word, patient_id) VALUES (?, ?)'),
  byWordPrefix: db.prepare<[string, string], { id: string; name: string; birth_date: string | null }>(patientSql.byWordPrefix),
  byBirthDate: db.prepare<[string], { id: string; name: string; birth_date: string | null }>(patientSql.byBirthDate),
  ready: db.prepare<[string, number], { ready: number }>(patientSql.ready),
  insertAccess: db.prepare(
    `INSERT INTO patient_access_log (id, patient_id, at, device_id, actor_id, actor_name, actor_role, op)
     VALUES (@id, @patientId, @at, @deviceId, @actorId, @actorName, @actorRole, @op)`,
  ),
  accessLog: db.prepare<[string, number], AccessLogRow>(patientSql.accessLog),
}));

export function toProfile(r: PatientRow): PatientProfile {
  return {
    id: r.id,
    name: r.name,
    birthDate: r.birth_date,
    phone: r.phone,
    email: r.email,
    address: r.address,
    allergies: JSON.parse(r.allergies) as Allergy[],
    conditions: JSON.parse(r.conditions) as Condition[],
    reminderConsent: r.reminder_consent === 1,
    reminderConsentAt: r.reminder_consent_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function fromProfile(p: PatientProfile): PatientRow {
  return {
    id: p.id,
    name: p.name,
    birth_date: p.birthDate,
    phone: p.phone,
    email: p.email,
    address: p.address,
    allergies: JSON.stringify(p.allergies),
    conditions: JSON.stringify(p.conditions),
    reminder_consent: p.reminderConsent ? 1 : 0,
    reminder_consent_at: p.reminderConsentAt,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

function indexName(db: Database, id: string, name: string): void {
  const s = statements(db);
  s.deleteWords.run(id);
  for (const w of nameWords(name)) s.insertWord.run(w, id);
}

export const patientsStore = {
  insert(db: Database, p: PatientProfile): void {
    statements(db).insert.run(fromProfile(p));
    indexName(db, p.id, p.name);
  },
  update(db: Database, p: PatientProfile): void {
    statements(db).update.run(fromProfile(p));
    indexName(db, p.id, p.name);
  },
  byId: (db: Database, id: string): PatientRow | null => statements(db).byId.get(id) ?? null,
  /** Patients with a name word starting with `prefix` (already a lower-case word). */
  byWordPrefix: (db: Database, prefix: string) => statements(db).byWordPrefix.all(prefix, `${prefix}\u{10FFFF}`),
  byBirthDate: (db: Database, birthDate: string) => statements(db).byBirthDate.all(birthDate),
  isReady: (db: Database, patientId: string, now: number): boolean => statements(db).ready.get(patientId, now - READY_WINDOW_MS)?.ready === 1,
  appendAccess(db: Database, entry: { id: string; patientId: string; at: number; deviceId: string; actorId: string; actorName: string; actorRole: string; op: string }): void {
    statements(db).insertAccess.run(entry);
  },
  accessLog: (db: Database, patientId: string, limit: number) => statements(db).accessLog.all(patientId, limit),
};
