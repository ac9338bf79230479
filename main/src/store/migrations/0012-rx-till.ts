import type { Migration } from '../migrate.js';

/**
 * Two facts the prescription flow needed a place for. A signer's wrong signing credentials are counted and,
 * past the terminal's limit, signing is locked for a while (21 CFR 11.300(d)), apart from the login lockout so
 * a signer stays logged in. A dispensed prescription item sold at the till is linked to its sale line, once:
 * the primary key refuses a second sale of the same item, whatever the race.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'rx-till',
  sql: `
CREATE TABLE signing_lock (
  user_id TEXT PRIMARY KEY REFERENCES app_user (id),
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until INTEGER
) WITHOUT ROWID;

CREATE TABLE dispense_sale (
  dispense_id TEXT NOT NULL REFERENCES dispense (id),
  line_no INTEGER NOT NULL CHECK (line_no >= 1),
  sale_id TEXT NOT NULL REFERENCES sale (id),
  sale_line_no INTEGER NOT NULL,
  PRIMARY KEY (dispense_id, line_no)
) WITHOUT ROWID;
CREATE UNIQUE INDEX dispense_sale_line ON dispense_sale (sale_id, sale_line_no);
CREATE TRIGGER dispense_sale_immutable_update BEFORE UPDATE ON dispense_sale
BEGIN SELECT RAISE(ABORT, 'dispense_sale rows are immutable; record a correcting fact'); END;
CREATE TRIGGER dispense_sale_immutable_delete BEFORE DELETE ON dispense_sale
BEGIN SELECT RAISE(ABORT, 'dispense_sale rows are immutable; record a correcting fact'); END;

-- The till's list of prescriptions ready to sell reads recent dispenses by time.
CREATE INDEX dispense_at ON dispense (at);
`,
};
