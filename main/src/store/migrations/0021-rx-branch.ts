import type { Migration } from '../migrate.js';

/**
 * A branch's prescriptions are dispensed at any of its tills (DESIGN.md "Sync"). A fill made at another till
 * moved that till's stock, so here only what refills need is kept: which item, which fill, how much, for how
 * many days, when and by whom. The count of fills of an item is this till's dispenses plus these rows.
 *
 * Pulled events this build did not fold when they arrived (`noop`: another till's patients and prescriptions)
 * are folded once an update teaches it their type; the partial index finds them by type without reading the
 * branch's whole history, and `sync_folded_type` remembers which types have been folded so.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'rx-branch',
  sql: `
CREATE TABLE rx_branch_fill (
  dispense_id TEXT NOT NULL,
  line_no INTEGER NOT NULL CHECK (line_no >= 1),
  prescription_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  fill_no INTEGER NOT NULL CHECK (fill_no >= 1),
  product_id TEXT,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  days_supply INTEGER,
  batch TEXT NOT NULL,
  expiry TEXT NOT NULL,
  at INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (dispense_id, line_no)
) WITHOUT ROWID;
CREATE INDEX rx_branch_fill_item ON rx_branch_fill (prescription_id, line_no);
CREATE INDEX rx_branch_fill_patient ON rx_branch_fill (patient_id, at);
CREATE TRIGGER rx_branch_fill_immutable_update BEFORE UPDATE ON rx_branch_fill
BEGIN SELECT RAISE(ABORT, 'rx_branch_fill rows are immutable; record a correcting fact'); END;
CREATE TRIGGER rx_branch_fill_immutable_delete BEFORE DELETE ON rx_branch_fill
BEGIN SELECT RAISE(ABORT, 'rx_branch_fill rows are immutable; record a correcting fact'); END;

-- Where a prescription signed at another till came from.
CREATE TABLE rx_from_branch (
  prescription_id TEXT PRIMARY KEY REFERENCES prescription (id),
  device_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  received_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX sync_inbox_noop_type ON sync_inbox (type, server_seq) WHERE state = 'noop';
CREATE TABLE sync_folded_type (
  type TEXT PRIMARY KEY,
  folded_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
