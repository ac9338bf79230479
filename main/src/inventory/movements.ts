// Rule: inventory changes stock only by appending movements (DESIGN.md principle 2); a move between locations
// is two movements under one document, so on-hand always equals the fold of the ledger.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { perDatabase } from '../store/per-database.js';

export type MovementKind = 'receipt' | 'quarantine' | 'release' | 'writeOff' | 'transferOut' | 'stocktake';

export type InventoryLot = {
  lot_id: string;
  product_id: string;
  batch: string;
  expiry: string;
  location: string;
  sellable: number;
  cost_minor: number | null;
  on_hand: number;
  pack_size: number;
  name: string;
};

const lotColumns = `l.id AS lot_id, l.product_id, l.batch, l.expiry, l.location, loc.sellable, l.cost_minor,
  coalesce(b.on_hand, 0) AS on_hand, p.pack_size, p.name`;
const lotFrom = `stock_lot l JOIN stock_location loc ON loc.code = l.location JOIN product p ON p.id = l.product_id
  LEFT JOIN stock_balance b ON b.lot_id = l.id`;

const statements = perDatabase((db: Database) => ({
  byId: db.prepare<[string], InventoryLot>(`SELECT ${lotColumns} FROM ${lotFrom} WHERE l.id = ?`),
  ofProductBatch: db.prepare<[string, string], InventoryLot>(
    `SELECT ${lotColumns} FROM ${lotFrom} WHERE l.product_id = ? AND l.batch = ? ORDER BY l.expiry, l.location, l.id`,
  ),
  ofProduct: db.prepare<[string], InventoryLot>(`SELECT ${lotColumns} FROM ${lotFrom} WHERE l.product_id = ? ORDER BY l.expiry, l.location, l.id`),
  findLot: db.prepare<[string, string, string, string], { id: string }>(
    'SELECT id FROM stock_lot WHERE product_id = ? AND batch = ? AND expiry = ? AND location = ?',
  ),
  insertLot: db.prepare('INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, ?, ?, ?, ?)'),
  setCost: db.prepare('UPDATE stock_lot SET cost_minor = ? WHERE id = ?'),
  insertMovement: db.prepare(
    `INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, actor_id, document_type, document_id, reason)
     VALUES (@id, @lotId, @productId, @kind, @quantity, @at, @actorId, @documentType, @documentId, @reason)`,
  ),
}));

export const inventoryLots = {
  byId: (db: Database, lotId: string): InventoryLot | null => statements(db).byId.get(lotId) ?? null,
  ofProductBatch: (db: Database, productId: string, batch: string) => statements(db).ofProductBatch.all(productId, batch),
  ofProduct: (db: Database, productId: string) => statements(db).ofProduct.all(productId),
};

export function requireLot(db: Database, lotId: string): InventoryLot {
  const lot = inventoryLots.byId(db, lotId);
  if (!lot) throw new CoreError('inventory.lotNotFound', 'There is no such lot.', { lotId });
  return lot;
}

export type Movement = {
  lotId: string;
  productId: string;
  kind: MovementKind;
  quantity: number;
  documentType: string;
  documentId: string;
  reason: string | null;
};

export function postMovement(ctx: CommandContext, m: Movement): void {
  statements(ctx.db).insertMovement.run({ id: ctx.ids.next(), at: ctx.now, actorId: ctx.actor?.id ?? null, ...m });
}

/**
 * The lot (product, batch, expiry, location), made when new. A receipt passes its cost: the lot then carries
 * the latest cost paid, which is what its stock would cost to replace.
 */
export function lotFor(
  ctx: CommandContext,
  key: { productId: string; batch: string; expiry: string; location: string },
  cost: { minor: number | null; update: boolean },
): string {
  const s = statements(ctx.db);
  const found = s.findLot.get(key.productId, key.batch, key.expiry, key.location)?.id;
  if (found) {
    if (cost.update && cost.minor !== null) s.setCost.run(cost.minor, found);
    return found;
  }
  const id = ctx.ids.next();
  s.insertLot.run(id, key.productId, key.batch, key.expiry, key.location, cost.minor);
  return id;
}

/** Refuses to take more out of a lot than it holds: inventory moves are of stock that is physically there. */
export function requireOnHand(lot: InventoryLot, quantity: number): void {
  if (quantity > lot.on_hand) {
    throw new CoreError('stock.wouldGoNegative', `Only ${lot.on_hand} of batch ${lot.batch} is in ${lot.location}.`, {
      lotId: lot.lot_id,
      onHand: lot.on_hand,
      requested: quantity,
    });
  }
}

/** Moves units from a lot to the same batch at another location: two movements under one document. */
export function moveBetweenLocations(
  ctx: CommandContext,
  lot: InventoryLot,
  toLocation: string,
  quantity: number,
  doc: { kind: 'quarantine' | 'release'; documentType: string; documentId: string; reason: string },
): string {
  const toLotId = lotFor(ctx, { productId: lot.product_id, batch: lot.batch, expiry: lot.expiry, location: toLocation }, { minor: lot.cost_minor, update: false });
  const common = { productId: lot.product_id, kind: doc.kind, documentType: doc.documentType, documentId: doc.documentId, reason: doc.reason };
  postMovement(ctx, { ...common, lotId: lot.lot_id, quantity: -quantity });
  postMovement(ctx, { ...common, lotId: toLotId, quantity });
  return toLotId;
}
