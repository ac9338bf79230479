// Two things that must hold across server processes: events addressed to one other branch (a stock transfer
// goes to its destination, its receipt back to the sender) are routed by a column the pull filter reads,
// and the per-device rate limit keeps its token buckets here so that N processes allow the rate of one.
// The buckets are UNLOGGED: a take writes no WAL and waits for no disk flush, and after a crash they start
// full again (which errs on allowing). IF NOT EXISTS: a test drops the tables of older versions and
// migrates again; the buckets survive that.
import type { Migration } from '../migrate.js';

export const migration0004: Migration = {
  id: 4,
  name: 'routing-and-limits',
  sql: `
ALTER TABLE events ADD COLUMN IF NOT EXISTS to_branch_id uuid;

CREATE INDEX IF NOT EXISTS events_addressed ON events (tenant_id, to_branch_id, seq) WHERE to_branch_id IS NOT NULL;

CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_buckets (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  at_ms bigint NOT NULL,
  allowed boolean NOT NULL
);
`,
};
