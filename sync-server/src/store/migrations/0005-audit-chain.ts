// The counters' audit chains, verified on arrival (DESIGN.md "Security": the server verifies the chain and a
// break is an alarm). A chain is keyed by the counter's own device id named in each entry, which survives a
// re-enrollment; the entries keep only seq and hashes (the log keeps the events). An alert names one break
// once: (chain, kind, seq) is unique, so folding the log again never raises it twice. The partial index lets
// the fold read only audit events of a tenant's log. No foreign keys, like the other tables a test drops and
// migrates again (IF NOT EXISTS).
import type { Migration } from '../migrate.js';

export const migration0005: Migration = {
  id: 5,
  name: 'audit-chain',
  sql: `
CREATE TABLE IF NOT EXISTS audit_chains (
  tenant_id uuid NOT NULL,
  chain_device_id text NOT NULL,
  branch_id uuid NOT NULL,
  device_id uuid NOT NULL,
  verified_seq bigint NOT NULL DEFAULT 0,
  verified_hash text NOT NULL,
  max_seq bigint NOT NULL DEFAULT 0,
  held_gap_seq bigint,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, chain_device_id)
);

CREATE TABLE IF NOT EXISTS audit_chain_entries (
  tenant_id uuid NOT NULL,
  chain_device_id text NOT NULL,
  seq bigint NOT NULL,
  hash text NOT NULL,
  prev_hash text NOT NULL,
  event_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, chain_device_id, seq)
);

CREATE TABLE IF NOT EXISTS audit_alerts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  branch_id uuid NOT NULL,
  device_id uuid NOT NULL,
  chain_device_id text NOT NULL,
  kind text NOT NULL,
  seq bigint NOT NULL,
  details jsonb NOT NULL,
  first_seen_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_note text,
  UNIQUE (tenant_id, chain_device_id, kind, seq)
);

CREATE INDEX IF NOT EXISTS audit_alerts_open ON audit_alerts (tenant_id, first_seen_at) WHERE acknowledged_at IS NULL;

CREATE INDEX IF NOT EXISTS events_audit_entries ON events (tenant_id, seq) WHERE type = 'audit.entryRecorded';
`,
};
