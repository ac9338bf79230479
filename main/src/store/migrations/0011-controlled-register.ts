import type { Migration } from '../migrate.js';

const immutable = (table: string): string => `
CREATE TRIGGER ${table}_immutable_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;
CREATE TRIGGER ${table}_immutable_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;`;

/**
 * The controlled-drug register. Its balance is derived from stock_movement (DESIGN.md principle 2), so only
 * what the ledger does not hold is stored here: who collected a controlled dispense, with which identity
 * document, and the reason given for an early refill. A partial index lists scheduled products without
 * reading the whole catalog.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'controlled-register',
  sql: `
CREATE TABLE controlled_dispense (
  dispense_id TEXT PRIMARY KEY REFERENCES dispense (id),
  collector_name TEXT NOT NULL,
  collector_id_type TEXT NOT NULL CHECK (collector_id_type IN ('passport', 'drivingLicence', 'nationalId', 'other')),
  collector_id_number TEXT NOT NULL,
  early_refill_reason TEXT
) WITHOUT ROWID;
${immutable('controlled_dispense')}

CREATE INDEX product_controlled ON product (name) WHERE schedule IS NOT NULL OR legal_category = 'controlled';
`,
};
