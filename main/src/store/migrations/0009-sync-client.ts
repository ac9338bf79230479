import type { Migration } from '../migrate.js';

/**
 * The sync client: this terminal's enrolled identity, the pull cursor, every pulled event by id (so applying
 * is idempotent), other branches' stock levels for the stock view, and exceptions for managers.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'sync-client',
  sql: `
-- At most one row. The store is encrypted at rest, so the device credential is too.
CREATE TABLE sync_identity (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT NOT NULL,
  device_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  credential TEXT NOT NULL,
  enrolled_at INTEGER NOT NULL
);

CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor INTEGER NOT NULL DEFAULT 0,
  online INTEGER CHECK (online IN (0, 1)),
  last_success_at INTEGER,
  last_attempt_at INTEGER,
  last_error_code TEXT,
  last_error_message TEXT,
  last_error_at INTEGER,
  published_movement_seq INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE sync_inbox (
  event_id TEXT PRIMARY KEY,
  server_seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  branch_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  envelope TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('applied', 'deferred', 'own', 'noop', 'failed')),
  received_at INTEGER NOT NULL,
  applied_at INTEGER
);
CREATE INDEX sync_inbox_deferred ON sync_inbox (server_seq) WHERE state = 'deferred';

CREATE TABLE branch_stock_level (
  branch_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  product_name TEXT NOT NULL,
  branch_name TEXT NOT NULL,
  on_hand INTEGER NOT NULL,
  quarantined INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  as_of INTEGER NOT NULL,
  PRIMARY KEY (branch_id, device_id, sku)
);
CREATE INDEX branch_stock_level_sku ON branch_stock_level (sku);

CREATE TABLE published_stock_level (
  product_id TEXT PRIMARY KEY,
  on_hand INTEGER NOT NULL,
  quarantined INTEGER NOT NULL
);

CREATE TABLE sync_exception (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  event_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  branch_name TEXT,
  sku TEXT,
  product_name TEXT,
  detail TEXT NOT NULL,
  detected_at INTEGER NOT NULL,
  UNIQUE (event_id, kind)
);
CREATE INDEX sync_exception_detected ON sync_exception (detected_at);
`,
};
