// Rule: a sale takes stock from a lot (product, batch, expiry, location) by appending a movement to the ledger
// (DESIGN.md principle 2); it never edits on-hand. Lot choice is the scanned batch, else first expiry first out.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { perDatabase } from '../store/per-database.js';

export type SaleLotRow = {
  lot_id: string;
  product_id: string;
  batch: string;
  expiry: string;
  location: string;
  sellable: number;
  cost_minor: number | null;
  on_hand: number;
};

const lotColumns = `l.id AS lot_id, l.product_id, l.batch, l.expiry, l.location, loc.sellable, l.cost_minor,
  coalesce(b.on_hand, 0) AS on_hand`;

/** SQL of the hot lookups, exported so that their query plans are tested. */
export const lotSql = {
  fefo: `SELECT ${lotColumns}
    FROM stock_lot l JOIN stock_location loc ON loc.code = l.location JOIN stock_balance b ON b.lot_id = l.id
    WHERE l.product_id = ? AND l.expiry >= ? AND loc.sellable = 1 AND b.on_hand > 0
    ORDER BY l.expiry, l.location <> 'shelf', l.id LIMIT 1`,
  fefoAny: `SELECT ${lotColumns}
    FROM stock_lot l JOIN stock_location loc ON loc.code = l.location LEFT JOIN stock_balance b ON b.lot_id = l.id
    WHERE l.product_id = ? AND l.expiry >= ? AND loc.sellable = 1
    ORDER BY l.expiry, l.location <> 'shelf', l.id LIMIT 1`,
  allOfProduct: `SELECT ${lotColumns}
    FROM stock_lot l JOIN stock_location loc ON loc.code = l.location LEFT JOIN stock_balance b ON b.lot_id = l.id
    WHERE l.product_id = ? ORDER BY l.expiry, l.id LIMIT 200`,
  byBatch: `SELECT ${lotColumns}
    FROM stock_lot l JOIN stock_location loc ON loc.code = l.location LEFT JOIN stock_balance b ON b.lot_id = l.id
    WHERE l.product_id = ? AND l.batch = ? ORDER BY l.expiry, l.location <> 'shelf', l.id`,
  byExpiry: `SELECT ${lotColumns}
    FROM stock_lot l JOIN stock_location loc ON loc.code = l.location LEFT JOIN stock_balance b ON b.lot_id = l.id
    WHERE l.product_id = ? AND l.expiry = ? ORDER BY l.location <> 'shelf', l.id`,
  byId: `SELECT ${lotColumns}
    FROM stock_lot l JOIN stock_location loc ON loc.code = l.location LEFT JOIN stock_balance b ON b.lot_id = l.id
    WHERE l.id = ?`,
} as const;

const statements = perDatabase((db: Database) => ({
  fefo: db.prepare<[string, string], SaleLotRow>(lotSql.fefo),
  fefoAny: db.prepare<[string, string], SaleLotRow>(lotSql.fefoAny),
  allOfProduct: db.prepare<[string], SaleLotRow>(lotSql.allOfProduct),
  byBatch: db.prepare<[string, string], SaleLotRow>(lotSql.byBatch),
  byExpiry: db.prepare<[string, string], SaleLotRow>(lotSql.byExpiry),
  byId: db.prepare<[string], SaleLotRow>(lotSql.byId),
  findLot: db.prepare<[string, string, string, string], { id: string }>(
    'SELECT id FROM stock_lot WHERE product_id = ? AND batch = ? AND expiry = ? AND location = ?',
  ),
  insertLot: db.prepare('INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, ?, ?, ?, ?)'),
  insertMovement: db.prepare(
    `INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, actor_id, document_type, document_id, reason)
     VALUES (@id, @lotId, @productId, @kind, @quantity, @at, @actorId, @documentType, @documentId, @reason)`,
  ),
}));

export const lotsStore = {
  /** The sellable, unexpired lot with stock that expires first (the shelf before the back rooms on a tie). */
  fefo: (db: Database, productId: string, today: string) => statements(db).fefo.get(productId, today) ?? null,
  /** As `fefo`, ignoring on-hand: for a store that sells past what the ledger shows. */
  fefoAny: (db: Database, productId: string, today: string) => statements(db).fefoAny.get(productId, today) ?? null,
  allOfProduct: (db: Database, productId: string) => statements(db).allOfProduct.all(productId),
  byBatch: (db: Database, productId: string, batch: string) => statements(db).byBatch.all(productId, batch),
  byExpiry: (db: Database, productId: string, expiry: string) => statements(db).byExpiry.all(productId, expiry),
  byId: (db: Database, lotId: string) => statements(db).byId.get(lotId) ?? null,
};

export type Movement = {
  lotId: string;
  productId: string;
  kind: 'sale' | 'return' | 'release';
  quantity: number;
  documentType: string;
  documentId: string;
  reason: string | null;
};

export function postMovement(ctx: CommandContext, m: Movement): void {
  statements(ctx.db).insertMovement.run({ id: ctx.ids.next(), at: ctx.now, actorId: ctx.actor?.id ?? null, ...m });
}

/** The lot of the same product, batch and expiry at another location (quarantine, shelf), made when new. */
export function lotAt(ctx: CommandContext, from: SaleLotRow, location: string): string {
  const s = statements(ctx.db);
  const found = s.findLot.get(from.product_id, from.batch, from.expiry, location)?.id;
  if (found) return found;
  const id = ctx.ids.next();
  s.insertLot.run(id, from.product_id, from.batch, from.expiry, location, from.cost_minor);
  return id;
}
