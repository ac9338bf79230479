import type { Migration } from '../migrate.js';

// Committed facts never change (DESIGN.md principle 2): a correction is a new row that points at the old one.
const immutable = (table: string): string => `
CREATE TRIGGER ${table}_immutable_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;
CREATE TRIGGER ${table}_immutable_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} rows are immutable; record a correcting fact'); END;`;

/**
 * The counter's sale: tax rule sets and exchange rates as data, OTC quantity limits, shifts and cash
 * movements, gapless receipt numbers per terminal, sales with their lines, taxes and payments, returns,
 * voids and store credit. Sales, returns and voids are immutable facts; a return or a void points at its sale.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'sales',
  sql: `
-- Every tax rule set this terminal has used; the newest is in force and each sale names the one that priced it.
CREATE TABLE tax_rule_set (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  rule_set_id TEXT NOT NULL,
  rules TEXT NOT NULL,
  digest TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('default', 'manager')),
  set_at INTEGER NOT NULL,
  set_by TEXT REFERENCES app_user (id)
);

-- Base-currency units per one unit of the foreign currency, as an exact decimal string.
CREATE TABLE exchange_rate (
  currency TEXT PRIMARY KEY CHECK (length(currency) = 3),
  rate TEXT NOT NULL,
  set_at INTEGER NOT NULL,
  set_by TEXT REFERENCES app_user (id)
);

CREATE TABLE sales_policy (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Over-the-counter quantity limits per sale, by ingredient; ingredients sharing a group share one limit.
CREATE TABLE otc_quantity_limit (
  ingredient TEXT PRIMARY KEY,
  limit_group TEXT NOT NULL,
  max_packs INTEGER NOT NULL CHECK (max_packs > 0),
  note TEXT
);
INSERT INTO otc_quantity_limit (ingredient, limit_group, max_packs, note) VALUES
  ('paracetamol', 'paracetamol', 2, 'UK practice (MHRA 1998, 2009): no more than two packs of paracetamol per sale'),
  ('acetaminophen', 'paracetamol', 2, 'The US name of paracetamol'),
  ('aspirin', 'aspirin', 2, 'UK practice (MHRA 1998): no more than two packs of aspirin per sale'),
  ('acetylsalicylic acid', 'aspirin', 2, 'The chemical name of aspirin'),
  ('pseudoephedrine', 'pseudoephedrine-ephedrine', 1, 'UK (MHRA 2008): one pack of pseudoephedrine or ephedrine per sale'),
  ('ephedrine', 'pseudoephedrine-ephedrine', 1, 'UK (MHRA 2008): one pack of pseudoephedrine or ephedrine per sale');

CREATE TABLE shift (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  float_minor INTEGER NOT NULL CHECK (float_minor >= 0),
  opened_at INTEGER NOT NULL,
  opened_by TEXT NOT NULL REFERENCES app_user (id),
  closed_at INTEGER,
  closed_by TEXT REFERENCES app_user (id),
  counted_minor INTEGER,
  expected_minor INTEGER,
  over_short_minor INTEGER,
  z_report TEXT
);
CREATE UNIQUE INDEX shift_one_open_per_device ON shift (device_id) WHERE closed_at IS NULL;

CREATE TABLE cash_movement (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  shift_id TEXT NOT NULL REFERENCES shift (id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES app_user (id),
  approved_by_id TEXT REFERENCES app_user (id),
  at INTEGER NOT NULL
);
CREATE INDEX cash_movement_shift ON cash_movement (shift_id, seq);
${immutable('cash_movement')}

-- Gapless receipt numbers: one counter per terminal, incremented in the transaction that prints the number.
CREATE TABLE receipt_counter (
  device_id TEXT PRIMARY KEY,
  last_no INTEGER NOT NULL CHECK (last_no >= 0)
);

-- Every numbered document a terminal prints (sale, return, void) and the sale it belongs to.
CREATE TABLE receipt (
  code TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  receipt_no INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'return', 'void')),
  document_id TEXT NOT NULL,
  sale_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (device_id, receipt_no)
);
${immutable('receipt')}

CREATE TABLE discount_approval (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  cart_digest TEXT NOT NULL,
  discount_minor INTEGER NOT NULL,
  percent TEXT NOT NULL,
  requested_by TEXT NOT NULL REFERENCES app_user (id),
  approved_by TEXT NOT NULL REFERENCES app_user (id),
  reason TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_by_sale_id TEXT UNIQUE
);

CREATE TABLE sale (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  shift_id TEXT NOT NULL REFERENCES shift (id),
  receipt_no INTEGER NOT NULL,
  receipt_code TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  actor_id TEXT NOT NULL REFERENCES app_user (id),
  actor_name TEXT NOT NULL,
  currency TEXT NOT NULL,
  tax_rule_set_num INTEGER NOT NULL REFERENCES tax_rule_set (num),
  tax_rule_set_id TEXT NOT NULL,
  pricing TEXT NOT NULL CHECK (pricing IN ('inclusive', 'exclusive')),
  extended_minor INTEGER NOT NULL,
  line_discount_minor INTEGER NOT NULL,
  basket_discount_minor INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  cash_rounding_minor INTEGER NOT NULL,
  amount_to_pay_minor INTEGER NOT NULL,
  tendered_minor INTEGER NOT NULL,
  change_minor INTEGER NOT NULL,
  change_rounding_minor INTEGER NOT NULL,
  discount_approval_id TEXT REFERENCES discount_approval (id),
  negative_stock INTEGER NOT NULL DEFAULT 0 CHECK (negative_stock IN (0, 1)),
  idempotency_key TEXT NOT NULL UNIQUE,
  request_digest TEXT NOT NULL
);
CREATE INDEX sale_shift ON sale (shift_id);
CREATE INDEX sale_device ON sale (device_id);
${immutable('sale')}

CREATE TABLE sale_line (
  sale_id TEXT NOT NULL REFERENCES sale (id),
  line_no INTEGER NOT NULL,
  product_id TEXT NOT NULL REFERENCES product (id),
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  name TEXT NOT NULL,
  sku TEXT NOT NULL,
  strength TEXT,
  batch TEXT NOT NULL,
  expiry TEXT NOT NULL,
  location TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit TEXT NOT NULL CHECK (unit IN ('pack', 'unit')),
  pack_size INTEGER NOT NULL,
  stock_units INTEGER NOT NULL CHECK (stock_units > 0),
  unit_price_minor INTEGER NOT NULL,
  extended_minor INTEGER NOT NULL,
  line_discount_minor INTEGER NOT NULL,
  basket_discount_minor INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  tax_category TEXT NOT NULL,
  treatment TEXT NOT NULL,
  taxes TEXT NOT NULL,
  negative_stock INTEGER NOT NULL DEFAULT 0 CHECK (negative_stock IN (0, 1)),
  PRIMARY KEY (sale_id, line_no)
);
${immutable('sale_line')}

CREATE TABLE sale_tax (
  sale_id TEXT NOT NULL REFERENCES sale (id),
  position INTEGER NOT NULL,
  key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('tax', 'exempt')),
  code TEXT,
  name TEXT NOT NULL,
  rate_percent TEXT,
  compound INTEGER NOT NULL CHECK (compound IN (0, 1)),
  net_minor INTEGER NOT NULL,
  base_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  PRIMARY KEY (sale_id, position)
);
${immutable('sale_tax')}

CREATE TABLE store_credit (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  currency TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  document_type TEXT NOT NULL,
  document_id TEXT NOT NULL
);
${immutable('store_credit')}

-- A store credit's balance is the sum of its entries: issued (+), spent (-), refunded to it (+).
CREATE TABLE store_credit_entry (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  credit_id TEXT NOT NULL REFERENCES store_credit (id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
  at INTEGER NOT NULL,
  document_type TEXT NOT NULL,
  document_id TEXT NOT NULL
);
CREATE INDEX store_credit_entry_credit ON store_credit_entry (credit_id);
${immutable('store_credit_entry')}

CREATE TABLE sale_payment (
  sale_id TEXT NOT NULL REFERENCES sale (id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'foreignCash', 'card', 'storeCredit')),
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  rate TEXT,
  base_amount_minor INTEGER NOT NULL,
  reference TEXT,
  store_credit_id TEXT REFERENCES store_credit (id),
  PRIMARY KEY (sale_id, seq)
);
${immutable('sale_payment')}

CREATE TABLE sale_return (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sale_id TEXT NOT NULL REFERENCES sale (id),
  device_id TEXT NOT NULL,
  shift_id TEXT NOT NULL REFERENCES shift (id),
  receipt_no INTEGER NOT NULL,
  receipt_code TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  actor_id TEXT NOT NULL REFERENCES app_user (id),
  actor_name TEXT NOT NULL,
  approved_by_id TEXT REFERENCES app_user (id),
  reason TEXT NOT NULL,
  refund_as TEXT NOT NULL CHECK (refund_as IN ('original', 'storeCredit')),
  gross_minor INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  cash_rounding_minor INTEGER NOT NULL,
  refund_minor INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  request_digest TEXT NOT NULL
);
CREATE INDEX sale_return_sale ON sale_return (sale_id);
CREATE INDEX sale_return_shift ON sale_return (shift_id);
${immutable('sale_return')}

CREATE TABLE sale_return_line (
  return_id TEXT NOT NULL REFERENCES sale_return (id),
  line_no INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  stock_units INTEGER NOT NULL CHECK (stock_units > 0),
  gross_minor INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  taxes TEXT NOT NULL,
  quarantine_lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  PRIMARY KEY (return_id, line_no)
);
${immutable('sale_return_line')}

CREATE TABLE sale_return_payment (
  return_id TEXT NOT NULL REFERENCES sale_return (id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'card', 'storeCredit')),
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  reference TEXT,
  store_credit_id TEXT REFERENCES store_credit (id),
  PRIMARY KEY (return_id, seq)
);
${immutable('sale_return_payment')}

CREATE TABLE sale_void (
  id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL UNIQUE REFERENCES sale (id),
  device_id TEXT NOT NULL,
  shift_id TEXT NOT NULL REFERENCES shift (id),
  receipt_no INTEGER NOT NULL,
  receipt_code TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  actor_id TEXT NOT NULL REFERENCES app_user (id),
  actor_name TEXT NOT NULL,
  approved_by_id TEXT REFERENCES app_user (id),
  reason TEXT NOT NULL
);
CREATE INDEX sale_void_shift ON sale_void (shift_id);
${immutable('sale_void')}

-- First-expiry-first-out picks the earliest sellable lot of a product without sorting all its lots.
CREATE INDEX stock_lot_product_expiry ON stock_lot (product_id, expiry);
`,
};
