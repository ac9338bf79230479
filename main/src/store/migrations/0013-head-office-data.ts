import type { Migration } from '../migrate.js';

/**
 * Head office's master data at a counter: which local product, user and role each head-office record
 * became (head office's ids need not be the counter's), products published without a price (kept
 * unsellable until priced), and the progress of a new counter's snapshot so that a cut download resumes.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'head-office-data',
  sql: `
CREATE TABLE head_office_product (
  ho_product_id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL UNIQUE REFERENCES product (id),
  published_active INTEGER NOT NULL CHECK (published_active IN (0, 1)),
  awaiting_price INTEGER NOT NULL CHECK (awaiting_price IN (0, 1)),
  version INTEGER NOT NULL
);

CREATE TABLE head_office_user (
  ho_user_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL UNIQUE REFERENCES app_user (id),
  roles TEXT NOT NULL,
  branch_ids TEXT NOT NULL,
  version INTEGER NOT NULL
);

CREATE TABLE head_office_role (
  role TEXT PRIMARY KEY,
  permissions TEXT NOT NULL,
  version INTEGER NOT NULL
);

-- At most one row: the snapshot being downloaded (at_seq, events applied through after_seq) or finished.
CREATE TABLE sync_snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at_seq INTEGER NOT NULL,
  after_seq INTEGER NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER NOT NULL,
  completed_at INTEGER
);
`,
};
