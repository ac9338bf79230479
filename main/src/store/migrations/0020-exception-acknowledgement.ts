import type { Migration } from '../migrate.js';

/**
 * A manager acknowledges a sync exception: who (the user's id), when, and what they did about it. Columns only
 * (DESIGN.md "Data": tables only gain columns), empty on every exception found before. The partial index keeps
 * the open ones, which the status counts on a timer and the manager's list reads newest first, apart from the
 * acknowledged ones that only grow.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'exception-acknowledgement',
  sql: `
ALTER TABLE sync_exception ADD COLUMN acknowledged_at INTEGER;
ALTER TABLE sync_exception ADD COLUMN acknowledged_by TEXT;
ALTER TABLE sync_exception ADD COLUMN acknowledgement_note TEXT;
CREATE INDEX sync_exception_open ON sync_exception (detected_at) WHERE acknowledged_at IS NULL;
`,
};
