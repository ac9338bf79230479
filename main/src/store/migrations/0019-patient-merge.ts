import type { Migration } from '../migrate.js';

/**
 * Patient profiles are shared by the tills of a branch and merge field by field, the newest hybrid-clock
 * stamp winning (DESIGN.md "Sync"; patients/patient-merge.ts). A row per patient and merged field holds the
 * stamp its value has; a field without a row is older than any stamp (every patient saved before this
 * version). The `patients.patientSaved` events other tills sent before this version were recorded as `noop`
 * (no applier then); the sync round folds them once, in server order with the branch's prescriptions
 * (sync/refold.ts, which finds them through migration 0021's index instead of reading the whole inbox).
 */
export const migration0019: Migration = {
  version: 19,
  name: 'patient-merge',
  sql: `
CREATE TABLE patient_field_clock (
  patient_id TEXT NOT NULL REFERENCES patient (id),
  field TEXT NOT NULL CHECK (field IN ('name', 'birthDate', 'phone', 'email', 'address', 'allergies', 'conditions', 'reminderConsent')),
  hlc TEXT NOT NULL,
  PRIMARY KEY (patient_id, field)
) WITHOUT ROWID;

`,
};
