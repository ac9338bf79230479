// Rule: stock changes only by appending movements (DESIGN.md principle 2); on-hand is the projection that
// the stock_movement trigger keeps, and `verifyStockProjection` proves it equals the fold of the ledger and
// that the lot and product facts copied onto it are current.
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

/**
 * A lot whose on-hand disagrees with the fold of its ledger, or (with `stale`) whose projection row carries a
 * copy of the lot's expiry, location or cost or of the product's pack size (migration 0016, read by the expiry
 * report's totals) that no longer matches the source; `projected` and `ledger` are then its on-hand.
 */
export type ProjectionDifference = { lotId: string; projected: number; ledger: number; stale?: ('expiry' | 'location' | 'costMinor' | 'packSize')[] };

/**
 * Projected lots that disagree with the ledger, then ledger lots with no projection. Two one-sided joins, not a
 * FULL OUTER JOIN: SQLite answers that one by scanning the folded ledger once per lot, which is quadratic (an
 * hour and more on a store with 200,000 lots); these two are linear.
 */
export const verifyProjectionSql = `WITH ledger AS (SELECT lot_id, sum(quantity) AS qty FROM stock_movement GROUP BY lot_id)
  SELECT b.lot_id AS lotId, b.on_hand AS projected, coalesce(l.qty, 0) AS ledger
  FROM stock_balance b LEFT JOIN ledger l ON l.lot_id = b.lot_id WHERE b.on_hand <> coalesce(l.qty, 0)
  UNION ALL
  SELECT l.lot_id AS lotId, 0 AS projected, l.qty AS ledger
  FROM ledger l WHERE l.qty <> 0 AND NOT EXISTS (SELECT 1 FROM stock_balance b WHERE b.lot_id = l.lot_id)`;

/**
 * Projection rows whose copied lot facts differ from the lot, then those whose pack size differs from the
 * product. Set differences (two sorted scans each) rather than a join per lot: on 500,000 lots a lookup per
 * lot reads a random page each time (half a minute), the scans take seconds.
 */
export const verifyCopiesSql = {
  lots: `SELECT lot_id AS lotId FROM (
      SELECT lot_id, expiry, location, cost_minor FROM stock_balance
      EXCEPT SELECT id, expiry, location, cost_minor FROM stock_lot)`,
  packs: `WITH stale AS (SELECT product_id, pack_size FROM stock_balance EXCEPT SELECT id, pack_size FROM product)
    SELECT b.lot_id AS lotId FROM stock_balance b JOIN stale s ON s.product_id = b.product_id
    WHERE b.pack_size IS NOT (SELECT pack_size FROM product WHERE id = b.product_id)`,
};

type CopyRow = {
  lot_id: string;
  on_hand: number;
  b_expiry: string | null;
  b_location: string | null;
  b_cost: number | null;
  b_pack: number | null;
  expiry: string | null;
  location: string | null;
  cost_minor: number | null;
  pack_size: number | null;
};

function staleCopies(db: Database): ProjectionDifference[] {
  // A store opened read-only before migration 0016 has no copies yet: nothing can be stale.
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(stock_balance)').all();
  if (!columns.some((c) => c.name === 'pack_size')) return [];
  const ids = new Set([...db.prepare<[], { lotId: string }>(verifyCopiesSql.lots).all(), ...db.prepare<[], { lotId: string }>(verifyCopiesSql.packs).all()].map((r) => r.lotId));
  if (ids.size === 0) return [];
  const row = db.prepare<[string], CopyRow>(
    `SELECT b.lot_id, b.on_hand, b.expiry AS b_expiry, b.location AS b_location, b.cost_minor AS b_cost, b.pack_size AS b_pack,
       l.expiry, l.location, l.cost_minor, p.pack_size
     FROM stock_balance b LEFT JOIN stock_lot l ON l.id = b.lot_id LEFT JOIN product p ON p.id = b.product_id WHERE b.lot_id = ?`,
  );
  return [...ids].sort().flatMap((id) => {
    const r = row.get(id);
    if (!r) return [];
    const stale: NonNullable<ProjectionDifference['stale']> = [];
    if (r.b_expiry !== r.expiry) stale.push('expiry');
    if (r.b_location !== r.location) stale.push('location');
    if (r.b_cost !== r.cost_minor) stale.push('costMinor');
    if (r.b_pack !== r.pack_size) stale.push('packSize');
    return stale.length === 0 ? [] : [{ lotId: id, projected: r.on_hand, ledger: r.on_hand, stale }];
  });
}

/**
 * Rebuilds on-hand from the ledger and lists every lot where the projection disagrees (there must be none),
 * then every lot whose projection row carries a stale copy of its lot's or product's facts.
 */
export function verifyStockProjection(db: Database): ProjectionDifference[] {
  const onHand = db.prepare<[], ProjectionDifference>(verifyProjectionSql).all();
  const stale = new Map(staleCopies(db).map((d) => [d.lotId, d]));
  const both = onHand.map((d) => {
    const copies = stale.get(d.lotId)?.stale;
    stale.delete(d.lotId);
    return copies ? { ...d, stale: copies } : d;
  });
  return [...both, ...stale.values()];
}
