import type { Migration } from '../migrate.js';

// Committed documents never change (DESIGN.md principle 2): an imported EDI file or a transfer line is a fact.
const immutable = (table: string): string => `
CREATE TRIGGER ${table}_immutable_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;
CREATE TRIGGER ${table}_immutable_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;`;

/**
 * Purchase orders through their life, the EDI documents exchanged about them, and stock transfers between
 * branches. purchase_order only gains columns (a synced table): a cancelled order is stored as status
 * 'closed' with cancelled_at set, since the status CHECK of migration 5 cannot change without a rebuild.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'purchase-orders',
  sql: `
ALTER TABLE purchase_order ADD COLUMN origin TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'suggested'));
ALTER TABLE purchase_order ADD COLUMN currency TEXT;
ALTER TABLE purchase_order ADD COLUMN updated_at INTEGER;
ALTER TABLE purchase_order ADD COLUMN sent_by TEXT REFERENCES app_user (id);
ALTER TABLE purchase_order ADD COLUMN closed_by TEXT REFERENCES app_user (id);
ALTER TABLE purchase_order ADD COLUMN cancelled_at INTEGER;
ALTER TABLE purchase_order ADD COLUMN cancel_reason TEXT;
CREATE INDEX purchase_order_status ON purchase_order (status, num);

-- What a suggestion proposed for the line, so a manager's edit stays visible beside it.
ALTER TABLE purchase_order_line ADD COLUMN suggested_packs INTEGER;
ALTER TABLE purchase_order_line ADD COLUMN note TEXT;
CREATE INDEX purchase_order_line_product ON purchase_order_line (product_id);

-- Every X12 document sent or received about an order, kept as it was, with the match report of an import.
CREATE TABLE edi_document (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  purchase_order_id TEXT NOT NULL REFERENCES purchase_order (id),
  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  transaction_set TEXT NOT NULL CHECK (transaction_set IN ('850', '855', '810')),
  sender_id TEXT NOT NULL,
  interchange_control_number INTEGER NOT NULL,
  group_control_number INTEGER NOT NULL,
  transaction_control_number TEXT NOT NULL,
  document_number TEXT,
  content TEXT NOT NULL,
  match_report TEXT,
  matches INTEGER CHECK (matches IN (0, 1)),
  at INTEGER NOT NULL,
  actor_id TEXT REFERENCES app_user (id),
  UNIQUE (direction, sender_id, interchange_control_number, transaction_control_number, transaction_set)
);
CREATE INDEX edi_document_order ON edi_document (purchase_order_id, num);
${immutable('edi_document')}

-- A transfer between branches: 'out' where stock left, 'in' where it arrived (the same document id on both).
CREATE TABLE stock_transfer (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  status TEXT NOT NULL CHECK (status IN ('inTransit', 'received')),
  tenant_id TEXT NOT NULL,
  from_branch_id TEXT NOT NULL,
  from_branch_name TEXT NOT NULL,
  to_branch_id TEXT,
  to_branch_name TEXT,
  checksum TEXT NOT NULL,
  document TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT REFERENCES app_user (id),
  received_at INTEGER,
  received_by TEXT REFERENCES app_user (id),
  note TEXT
);
CREATE INDEX stock_transfer_status ON stock_transfer (direction, status, num);

CREATE TABLE stock_transfer_line (
  transfer_id TEXT NOT NULL REFERENCES stock_transfer (id),
  line_no INTEGER NOT NULL,
  product_id TEXT NOT NULL REFERENCES product (id),
  gtin TEXT NOT NULL,
  batch TEXT NOT NULL,
  expiry TEXT NOT NULL,
  location TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  cost_minor INTEGER CHECK (cost_minor >= 0),
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  PRIMARY KEY (transfer_id, line_no)
);
${immutable('stock_transfer_line')}
`,
};
