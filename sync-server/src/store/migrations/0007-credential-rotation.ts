// A counter rotates its credential (issue "Branch sync": credentials rotated, revocable). The new credential's
// hash waits beside the current one until the counter first uses it; only then does it replace the current one,
// so a counter that lost the answer to its rotation (a cut, a crash) still holds a credential that works.
import type { Migration } from '../migrate.js';

export const migration0007: Migration = {
  id: 7,
  name: 'credential-rotation',
  sql: `
ALTER TABLE devices ADD COLUMN IF NOT EXISTS pending_credential_hash text;
ALTER TABLE devices ADD COLUMN IF NOT EXISTS credential_rotated_at timestamptz;
CREATE UNIQUE INDEX IF NOT EXISTS devices_pending_credential ON devices (pending_credential_hash) WHERE pending_credential_hash IS NOT NULL
`,
};
