import type { Migration } from '../migrate.js';

/**
 * The expiry report's totals (lots, units and value at cost per band) visit every lot in stock in the horizon:
 * tens of thousands in a large store, each joined to its lot (cost, location) and product (pack size), one
 * random decrypted page per lookup, seconds in all. The on-hand projection now also carries the lot's location
 * and cost and the product's pack size, and the in-stock expiry index holds every column the totals read, so
 * they are summed from the index alone. Triggers keep the copies when a lot's cost (a receipt at a new price)
 * or a product's pack size (head-office master data) changes; `verifyStockProjection` checks them.
 *
 * The ledger trigger updates the lot's row first and inserts one only for a new lot, so that a sale does the
 * same work as before: one update of the projection row, no lookups of the lot or product.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'expiry-value-on-hand',
  sql: `
ALTER TABLE stock_balance ADD COLUMN location TEXT;
ALTER TABLE stock_balance ADD COLUMN cost_minor INTEGER;
ALTER TABLE stock_balance ADD COLUMN pack_size INTEGER;
UPDATE stock_balance AS b SET location = l.location, cost_minor = l.cost_minor, pack_size = p.pack_size
  FROM stock_lot l, product p WHERE l.id = b.lot_id AND p.id = b.product_id;
DROP TRIGGER stock_movement_project;
CREATE TRIGGER stock_movement_project AFTER INSERT ON stock_movement BEGIN
  UPDATE stock_balance SET on_hand = on_hand + new.quantity WHERE lot_id = new.lot_id;
  INSERT INTO stock_balance (lot_id, product_id, on_hand, expiry, location, cost_minor, pack_size)
    SELECT new.lot_id, new.product_id, new.quantity, l.expiry, l.location, l.cost_minor, p.pack_size
    FROM (SELECT 1) LEFT JOIN stock_lot l ON l.id = new.lot_id LEFT JOIN product p ON p.id = new.product_id
    WHERE NOT EXISTS (SELECT 1 FROM stock_balance WHERE lot_id = new.lot_id);
END;
CREATE TRIGGER stock_lot_project AFTER UPDATE OF expiry, location, cost_minor ON stock_lot
  WHEN new.expiry IS NOT old.expiry OR new.location IS NOT old.location OR new.cost_minor IS NOT old.cost_minor
BEGIN
  UPDATE stock_balance SET expiry = new.expiry, location = new.location, cost_minor = new.cost_minor WHERE lot_id = new.id;
END;
CREATE TRIGGER product_pack_size_project AFTER UPDATE OF pack_size ON product WHEN new.pack_size IS NOT old.pack_size
BEGIN
  UPDATE stock_balance SET pack_size = new.pack_size WHERE product_id = new.id;
END;
DROP INDEX stock_balance_in_stock_expiry;
CREATE INDEX stock_balance_in_stock_expiry_value ON stock_balance (expiry, location, on_hand, cost_minor, pack_size) WHERE on_hand > 0;
`,
};
