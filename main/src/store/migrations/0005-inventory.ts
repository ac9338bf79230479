import type { Migration } from '../migrate.js';

// Committed facts never change (DESIGN.md principle 2): a correction is a new row or a new movement.
const immutable = (table: string): string => `
CREATE TRIGGER ${table}_immutable_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;
CREATE TRIGGER ${table}_immutable_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;`;

/**
 * Inventory beyond the ledger: suppliers, deliveries received, disposals (write-off, destruction, return to
 * supplier), recalls, stocktakes and purchase orders. Stock itself still moves only through stock_movement;
 * these tables are the documents those movements point at.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'inventory',
  sql: `
CREATE TABLE supplier (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  lead_time_days INTEGER NOT NULL CHECK (lead_time_days >= 0),
  min_order_packs INTEGER NOT NULL CHECK (min_order_packs >= 1),
  pack_multiple INTEGER NOT NULL CHECK (pack_multiple >= 1),
  edi_qualifier TEXT,
  edi_id TEXT,
  gln TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE purchase_order (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  supplier_id TEXT NOT NULL REFERENCES supplier (id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'partlyReceived', 'received', 'closed')),
  created_at INTEGER NOT NULL,
  created_by TEXT REFERENCES app_user (id),
  approved_at INTEGER,
  approved_by TEXT REFERENCES app_user (id),
  sent_at INTEGER,
  closed_at INTEGER,
  note TEXT
);
CREATE INDEX purchase_order_supplier ON purchase_order (supplier_id, status);

CREATE TABLE purchase_order_line (
  order_id TEXT NOT NULL REFERENCES purchase_order (id),
  line_no INTEGER NOT NULL,
  product_id TEXT NOT NULL REFERENCES product (id),
  gtin TEXT,
  packs INTEGER NOT NULL CHECK (packs > 0),
  cost_minor INTEGER CHECK (cost_minor >= 0),
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE delivery (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  supplier_id TEXT NOT NULL REFERENCES supplier (id),
  purchase_order_id TEXT REFERENCES purchase_order (id),
  reference TEXT,
  note TEXT,
  currency TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  actor_id TEXT REFERENCES app_user (id)
);
CREATE INDEX delivery_supplier ON delivery (supplier_id, received_at);
CREATE INDEX delivery_purchase_order ON delivery (purchase_order_id);
${immutable('delivery')}

CREATE TABLE delivery_line (
  delivery_id TEXT NOT NULL REFERENCES delivery (id),
  line_no INTEGER NOT NULL,
  product_id TEXT NOT NULL REFERENCES product (id),
  gtin TEXT NOT NULL,
  batch TEXT NOT NULL,
  expiry TEXT NOT NULL,
  packs INTEGER NOT NULL CHECK (packs >= 0),
  damaged_packs INTEGER NOT NULL CHECK (damaged_packs >= 0),
  ordered_packs INTEGER,
  stock_units INTEGER NOT NULL,
  cost_minor INTEGER NOT NULL CHECK (cost_minor >= 0),
  lot_id TEXT REFERENCES stock_lot (id),
  quarantine_lot_id TEXT REFERENCES stock_lot (id),
  discrepancy TEXT CHECK (discrepancy IN ('short', 'over')),
  note TEXT,
  PRIMARY KEY (delivery_id, line_no)
);
CREATE INDEX delivery_line_product_batch ON delivery_line (product_id, batch);
${immutable('delivery_line')}

-- Stock that leaves the pharmacy other than by sale: written off, destroyed, returned to its supplier.
CREATE TABLE stock_disposal (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('writeOff', 'destruction', 'supplierReturn')),
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  product_id TEXT NOT NULL REFERENCES product (id),
  stock_units INTEGER NOT NULL CHECK (stock_units > 0),
  reason TEXT NOT NULL,
  supplier_id TEXT REFERENCES supplier (id),
  reference TEXT,
  witness TEXT,
  at INTEGER NOT NULL,
  actor_id TEXT REFERENCES app_user (id)
);
CREATE INDEX stock_disposal_lot ON stock_disposal (lot_id);
${immutable('stock_disposal')}

CREATE TABLE recall (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  product_id TEXT NOT NULL REFERENCES product (id),
  gtin TEXT,
  whole_product INTEGER NOT NULL CHECK (whole_product IN (0, 1)),
  class TEXT NOT NULL CHECK (class IN ('I', 'II', 'III')),
  reason TEXT NOT NULL,
  reference TEXT,
  entered_at INTEGER NOT NULL,
  actor_id TEXT REFERENCES app_user (id)
);
CREATE INDEX recall_product ON recall (product_id);
${immutable('recall')}

CREATE TABLE recall_batch (
  recall_id TEXT NOT NULL REFERENCES recall (id),
  batch TEXT NOT NULL,
  PRIMARY KEY (recall_id, batch)
);
${immutable('recall_batch')}

CREATE TABLE stocktake (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  scope TEXT NOT NULL CHECK (scope IN ('full', 'partial', 'cycle')),
  status TEXT NOT NULL CHECK (status IN ('counting', 'reviewed', 'approved')),
  started_at INTEGER NOT NULL,
  started_by TEXT REFERENCES app_user (id),
  approved_at INTEGER,
  approved_by TEXT REFERENCES app_user (id),
  note TEXT
);

-- One row per lot in scope: the expected quantity is frozen when counting starts and never shown to counters.
CREATE TABLE stocktake_line (
  stocktake_id TEXT NOT NULL REFERENCES stocktake (id),
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  product_id TEXT NOT NULL REFERENCES product (id),
  expected INTEGER NOT NULL,
  counted INTEGER CHECK (counted >= 0),
  counted_by TEXT REFERENCES app_user (id),
  counted_at INTEGER,
  reason TEXT,
  PRIMARY KEY (stocktake_id, lot_id)
);
CREATE INDEX stocktake_line_product ON stocktake_line (stocktake_id, product_id);

-- A recall traces every sale of a batch: sale lines by product and batch.
CREATE INDEX sale_line_product_batch ON sale_line (product_id, batch);
`,
};
