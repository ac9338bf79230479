import type { Migration } from '../migrate.js';

/**
 * When the terminal's sync credential was last issued (enrollment or rotation), so that it is rotated every
 * 30 days (sync/credential-rotation.ts). A table of its own: sync_identity keeps its columns.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'sync-credential',
  sql: `
CREATE TABLE sync_credential (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  issued_at INTEGER NOT NULL
);
`,
};
