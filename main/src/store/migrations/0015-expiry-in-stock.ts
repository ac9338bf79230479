import type { Migration } from '../migrate.js';

/**
 * The expiry views read lots in stock by expiry date. Indexed on the lot alone, every long-expired, long-empty
 * lot of the store's history lies on the way (a store of some years holds hundreds of thousands), each read
 * and decrypted only to be dropped. The on-hand projection now carries its lot's expiry (a lot's expiry never
 * changes), with an index over the lots that still hold stock; the ledger trigger fills it for new lots.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'expiry-in-stock',
  sql: `
ALTER TABLE stock_balance ADD COLUMN expiry TEXT;
UPDATE stock_balance SET expiry = (SELECT l.expiry FROM stock_lot l WHERE l.id = stock_balance.lot_id);
DROP TRIGGER stock_movement_project;
CREATE TRIGGER stock_movement_project AFTER INSERT ON stock_movement BEGIN
  INSERT INTO stock_balance (lot_id, product_id, on_hand, expiry)
    VALUES (new.lot_id, new.product_id, new.quantity, (SELECT expiry FROM stock_lot WHERE id = new.lot_id))
  ON CONFLICT (lot_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand;
END;
CREATE INDEX stock_balance_in_stock_expiry ON stock_balance (expiry) WHERE on_hand > 0;
`,
};
