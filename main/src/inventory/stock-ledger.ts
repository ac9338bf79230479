// Rule: stock changes only by appending movements (DESIGN.md principle 2); on-hand is the projection that
// the stock_movement trigger keeps, and `verifyStockProjection` proves it equals the fold of the ledger.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { perDatabase } from '../store/per-database.js';

const statements = perDatabase((db: Database) => ({
  findLot: db.prepare<[string, string, string, string], { id: string }>(
    'SELECT id FROM stock_lot WHERE product_id = ? AND batch = ? AND expiry = ? AND location = ?',
  ),
  insertLot: db.prepare(
    'INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  insertMovement: db.prepare(
    `INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, actor_id, document_type, document_id, reason)
     VALUES (@id, @lotId, @productId, @kind, @quantity, @at, @actorId, @documentType, @documentId, @reason)`,
  ),
}));

export type Receipt = {
  productId: string;
  batch: string;
  expiry: string;
  location: string;
  quantity: number;
  costMinor: number | null;
  documentType: string;
  documentId: string;
  reason: string | null;
};

/** Finds or creates the lot (product, batch, expiry, location) and appends a receipt movement. */
export function receiveIntoLot(ctx: CommandContext, r: Receipt): string {
  const s = statements(ctx.db);
  let lotId = s.findLot.get(r.productId, r.batch, r.expiry, r.location)?.id;
  if (!lotId) {
    lotId = ctx.ids.next();
    s.insertLot.run(lotId, r.productId, r.batch, r.expiry, r.location, r.costMinor);
  }
  s.insertMovement.run({
    id: ctx.ids.next(),
    lotId,
    productId: r.productId,
    kind: 'receipt',
    quantity: r.quantity,
    at: ctx.now,
    actorId: ctx.actor?.id ?? null,
    documentType: r.documentType,
    documentId: r.documentId,
    reason: r.reason,
  });
  return lotId;
}

export type ProjectionDifference = { lotId: string; projected: number; ledger: number };

/** Rebuilds on-hand from the ledger and lists every lot where the projection disagrees (there must be none). */
export function verifyStockProjection(db: Database): ProjectionDifference[] {
  return db
    .prepare<[], ProjectionDifference>(
      `WITH ledger AS (SELECT lot_id, sum(quantity) AS qty FROM stock_movement GROUP BY lot_id)
       SELECT coalesce(b.lot_id, l.lot_id) AS lotId, coalesce(b.on_hand, 0) AS projected, coalesce(l.qty, 0) AS ledger
       FROM stock_balance b FULL OUTER JOIN ledger l ON l.lot_id = b.lot_id
       WHERE coalesce(b.on_hand, 0) <> coalesce(l.qty, 0)`,
    )
    .all();
}
