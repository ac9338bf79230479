import type { Migration } from '../migrate.js';

/**
 * Stock as a ledger (DESIGN.md principle 2): the unit of stock is (product, batch, expiry, location); every
 * change is an appended movement, and on-hand is a projection that a trigger keeps in the same transaction.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'stock-ledger',
  sql: `
CREATE TABLE stock_location (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sellable INTEGER NOT NULL CHECK (sellable IN (0, 1))
);
INSERT INTO stock_location (code, name, sellable) VALUES
  ('shelf', 'Shop shelf', 1),
  ('dispensary', 'Dispensary', 1),
  ('controlled-cabinet', 'Controlled drugs cabinet', 1),
  ('quarantine', 'Quarantine', 0);

CREATE TABLE stock_lot (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES product (id),
  batch TEXT NOT NULL,
  expiry TEXT NOT NULL CHECK (expiry GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  location TEXT NOT NULL REFERENCES stock_location (code),
  cost_minor INTEGER CHECK (cost_minor >= 0),
  UNIQUE (product_id, batch, expiry, location)
);
CREATE INDEX stock_lot_expiry ON stock_lot (expiry);

CREATE TABLE stock_movement (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  product_id TEXT NOT NULL REFERENCES product (id),
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'sale', 'return', 'dispense', 'adjustment', 'transferOut',
    'transferIn', 'writeOff', 'quarantine', 'release', 'stocktake')),
  quantity INTEGER NOT NULL CHECK (quantity <> 0),
  at INTEGER NOT NULL,
  actor_id TEXT,
  document_type TEXT,
  document_id TEXT,
  reason TEXT
);
CREATE INDEX stock_movement_lot ON stock_movement (lot_id, seq);
CREATE INDEX stock_movement_product ON stock_movement (product_id, at);
CREATE TRIGGER stock_movement_immutable_update BEFORE UPDATE ON stock_movement
BEGIN SELECT RAISE(ABORT, 'stock movements are immutable; post a correcting movement'); END;
CREATE TRIGGER stock_movement_immutable_delete BEFORE DELETE ON stock_movement
BEGIN SELECT RAISE(ABORT, 'stock movements are immutable; post a correcting movement'); END;

CREATE TABLE stock_balance (
  lot_id TEXT PRIMARY KEY REFERENCES stock_lot (id),
  product_id TEXT NOT NULL REFERENCES product (id),
  on_hand INTEGER NOT NULL
);
CREATE INDEX stock_balance_product ON stock_balance (product_id);
CREATE TRIGGER stock_movement_project AFTER INSERT ON stock_movement BEGIN
  INSERT INTO stock_balance (lot_id, product_id, on_hand) VALUES (new.lot_id, new.product_id, new.quantity)
  ON CONFLICT (lot_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand;
END;
`,
};
