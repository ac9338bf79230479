import type { Migration } from '../migrate.js';

// Signed and dispensed facts never change (DESIGN.md principles 2 and 5): a correction is a new record.
const immutable = (table: string): string => `
CREATE TRIGGER ${table}_immutable_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;
CREATE TRIGGER ${table}_immutable_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;`;

/**
 * Patients, their clinical-data access log, prescriptions (as read, as corrected, as signed) and dispenses.
 * Stock still moves only through stock_movement (kind 'dispense'); a dispense line names the movement's lot.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'prescriptions',
  sql: `
CREATE TABLE patient (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  birth_date TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  phone TEXT,
  email TEXT,
  address TEXT,
  -- lists kept as one JSON field each: a profile merges field by field across branches (DESIGN.md "Sync")
  allergies TEXT NOT NULL DEFAULT '[]',
  conditions TEXT NOT NULL DEFAULT '[]',
  reminder_consent INTEGER NOT NULL DEFAULT 0 CHECK (reminder_consent IN (0, 1)),
  reminder_consent_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX patient_birth_date ON patient (birth_date);

-- Every word of a patient's name, lower case and without accents, so a search by a prefix of any word uses an index.
CREATE TABLE patient_name_word (
  word TEXT NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patient (id),
  PRIMARY KEY (word, patient_id)
) WITHOUT ROWID;

CREATE TABLE patient_access_log (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  patient_id TEXT NOT NULL REFERENCES patient (id),
  at INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES app_user (id),
  actor_name TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  op TEXT NOT NULL
);
CREATE INDEX patient_access_log_patient ON patient_access_log (patient_id, seq);
${immutable('patient_access_log')}

CREATE TABLE prescription (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  patient_id TEXT NOT NULL REFERENCES patient (id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'verified')),
  prescriber_name TEXT NOT NULL,
  prescriber_npi TEXT,
  prescriber_dea TEXT,
  prescriber_licence TEXT,
  written_date TEXT NOT NULL,
  -- the OCR output as read and the pharmacist's corrections of it, kept side by side
  reading TEXT,
  corrections TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES app_user (id)
);
CREATE INDEX prescription_patient ON prescription (patient_id, num);
-- Once signed, nothing of a prescription changes; a draft may only become verified.
CREATE TRIGGER prescription_signed_is_final BEFORE UPDATE ON prescription
WHEN old.status <> 'draft' OR new.status <> 'verified' OR new.id <> old.id OR new.patient_id <> old.patient_id
  OR new.written_date <> old.written_date OR new.prescriber_name <> old.prescriber_name
BEGIN SELECT RAISE(ABORT, 'a verified prescription is final'); END;
CREATE TRIGGER prescription_no_delete BEFORE DELETE ON prescription
BEGIN SELECT RAISE(ABORT, 'prescriptions are never deleted'); END;

CREATE TABLE prescription_item (
  prescription_id TEXT NOT NULL REFERENCES prescription (id),
  line_no INTEGER NOT NULL CHECK (line_no >= 1),
  product_id TEXT REFERENCES product (id),
  ingredient TEXT NOT NULL,
  strength TEXT,
  form TEXT,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  refills INTEGER NOT NULL CHECK (refills >= 0),
  sig TEXT NOT NULL,
  dosage TEXT,
  PRIMARY KEY (prescription_id, line_no)
) WITHOUT ROWID;
${immutable('prescription_item')}

CREATE TABLE prescription_signature (
  id TEXT PRIMARY KEY,
  prescription_id TEXT NOT NULL REFERENCES prescription (id),
  meaning TEXT NOT NULL CHECK (meaning IN ('verified')),
  signer_id TEXT NOT NULL REFERENCES app_user (id),
  signer_name TEXT NOT NULL,
  signed_at INTEGER NOT NULL,
  second_factor TEXT NOT NULL CHECK (second_factor IN ('password', 'pin')),
  content_hash TEXT NOT NULL,
  findings TEXT NOT NULL,
  acknowledgements TEXT NOT NULL,
  signature TEXT NOT NULL,
  UNIQUE (prescription_id, meaning)
);
${immutable('prescription_signature')}

CREATE TABLE dispense (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  prescription_id TEXT NOT NULL REFERENCES prescription (id),
  patient_id TEXT NOT NULL REFERENCES patient (id),
  idempotency_key TEXT NOT NULL UNIQUE,
  request_digest TEXT NOT NULL,
  at INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES app_user (id),
  actor_name TEXT NOT NULL,
  location TEXT NOT NULL REFERENCES stock_location (code)
);
CREATE INDEX dispense_prescription ON dispense (prescription_id, num);
CREATE INDEX dispense_patient ON dispense (patient_id, at);
${immutable('dispense')}

CREATE TABLE dispense_line (
  dispense_id TEXT NOT NULL REFERENCES dispense (id),
  line_no INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  fill_no INTEGER NOT NULL CHECK (fill_no >= 1),
  product_id TEXT NOT NULL REFERENCES product (id),
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  batch TEXT NOT NULL,
  expiry TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  days_supply INTEGER,
  PRIMARY KEY (dispense_id, line_no, seq)
) WITHOUT ROWID;
${immutable('dispense_line')}
`,
};
