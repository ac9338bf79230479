// Rule: a stocktake counts blind (the counter never sees what the ledger expects), and corrects stock only
// when a manager approves the reviewed variances, as 'stocktake' movements with a reason each (principle 2).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import { valueAtCost } from './inventory-rules.js';
import { inventoryLots, lotFor, postMovement } from './movements.js';

type StocktakeRow = { id: string; scope: 'full' | 'partial' | 'cycle'; status: 'counting' | 'reviewed' | 'approved'; started_at: number };
type OpenStocktakeRow = Omit<StocktakeRow, 'status'> & {
  status: 'counting' | 'reviewed';
  started_by: string | null;
  note: string | null;
  lines: number;
  counted: number;
};
type LineRow = {
  lot_id: string;
  product_id: string;
  name: string;
  batch: string;
  expiry: string;
  location: string;
  expected: number;
  counted: number | null;
  reason: string | null;
  cost_minor: number | null;
  pack_size: number;
  on_hand: number;
};

const statements = perDatabase((db: Database) => ({
  byId: db.prepare<[string], StocktakeRow>('SELECT id, scope, status, started_at FROM stocktake WHERE id = ?'),
  open: db.prepare<[], OpenStocktakeRow>(
    `SELECT st.id, st.scope, st.status, st.started_at, u.display_name AS started_by, st.note,
       (SELECT count(*) FROM stocktake_line sl WHERE sl.stocktake_id = st.id) AS lines,
       (SELECT count(counted) FROM stocktake_line sl WHERE sl.stocktake_id = st.id) AS counted
     FROM stocktake st LEFT JOIN app_user u ON u.id = st.started_by
     WHERE st.status IN ('counting', 'reviewed') ORDER BY st.started_at DESC, st.num DESC`,
  ),
  lots: db.prepare<[], { lot_id: string; product_id: string; on_hand: number; location: string }>(
    `SELECT b.lot_id, b.product_id, b.on_hand, l.location FROM stock_balance b JOIN stock_lot l ON l.id = b.lot_id
     WHERE b.on_hand <> 0 ORDER BY b.product_id, l.expiry, l.location, b.lot_id`,
  ),
  leastRecentlyCounted: db.prepare<[number], { product_id: string }>(
    `SELECT b.product_id FROM stock_balance b WHERE b.on_hand <> 0 GROUP BY b.product_id
     ORDER BY (SELECT max(st.started_at) FROM stocktake_line sl JOIN stocktake st ON st.id = sl.stocktake_id
               WHERE sl.product_id = b.product_id AND st.status = 'approved') IS NOT NULL,
              (SELECT max(st.started_at) FROM stocktake_line sl JOIN stocktake st ON st.id = sl.stocktake_id
               WHERE sl.product_id = b.product_id AND st.status = 'approved'), b.product_id
     LIMIT ?`,
  ),
  productExists: db.prepare<[string], { id: string }>('SELECT id FROM product WHERE id = ?'),
  insertStocktake: db.prepare('INSERT INTO stocktake (id, scope, status, started_at, started_by, note) VALUES (?, ?, ?, ?, ?, ?)'),
  insertLine: db.prepare('INSERT INTO stocktake_line (stocktake_id, lot_id, product_id, expected) VALUES (?, ?, ?, ?)'),
  lines: db.prepare<[string], LineRow>(
    `SELECT sl.lot_id, sl.product_id, p.name, l.batch, l.expiry, l.location, sl.expected, sl.counted, sl.reason, l.cost_minor, p.pack_size,
       coalesce(b.on_hand, 0) AS on_hand
     FROM stocktake_line sl JOIN stock_lot l ON l.id = sl.lot_id JOIN product p ON p.id = sl.product_id LEFT JOIN stock_balance b ON b.lot_id = sl.lot_id
     WHERE sl.stocktake_id = ? ORDER BY p.name, l.batch, l.expiry, l.location`,
  ),
  hasProduct: db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM stocktake_line WHERE stocktake_id = ? AND product_id = ?'),
  hasLine: db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM stocktake_line WHERE stocktake_id = ? AND lot_id = ?'),
  findLots: db.prepare<[string, string, string], { id: string; expiry: string }>(
    'SELECT id, expiry FROM stock_lot WHERE product_id = ? AND batch = ? AND location = ? ORDER BY expiry',
  ),
  setCount: db.prepare('UPDATE stocktake_line SET counted = ?, counted_by = ?, counted_at = ? WHERE stocktake_id = ? AND lot_id = ?'),
  setReason: db.prepare('UPDATE stocktake_line SET reason = ? WHERE stocktake_id = ? AND lot_id = ?'),
  uncounted: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM stocktake_line WHERE stocktake_id = ? AND counted IS NULL'),
  setStatus: db.prepare('UPDATE stocktake SET status = ? WHERE id = ?'),
  approve: db.prepare("UPDATE stocktake SET status = 'approved', approved_at = ?, approved_by = ? WHERE id = ?"),
}));

function requireStocktake(db: Database, id: string, allowed: readonly StocktakeRow['status'][]): StocktakeRow {
  const row = statements(db).byId.get(id);
  if (!row) throw new CoreError('inventory.stocktakeNotFound', 'There is no such stocktake.', { stocktakeId: id });
  if (!allowed.includes(row.status)) {
    throw new CoreError('inventory.stocktakeState', `This stocktake is ${row.status}.`, { stocktakeId: id, status: row.status, allowed });
  }
  return row;
}

function requireProduct(db: Database, productId: string): void {
  if (!statements(db).productExists.get(productId)) {
    throw new CoreError('inventory.productNotFound', 'There is no product with that id in the catalog.', { productId });
  }
}

export function countSheet(db: Database, id: string): OutputOf<'inventory.getCountSheet'> {
  const st = requireStocktake(db, id, ['counting', 'reviewed', 'approved']);
  const lines = statements(db)
    .lines.all(id)
    .map((l) => ({ lotId: l.lot_id, productId: l.product_id, name: l.name, batch: l.batch, expiry: l.expiry, location: l.location, counted: l.counted }));
  return { id: st.id, scope: st.scope, status: st.status, startedAt: st.started_at, lines };
}

/** Stocktakes not yet approved: counts are saved as they are made, so a restart only needs the way back to them. */
export function listStocktakes(db: Database): OutputOf<'inventory.listStocktakes'> {
  return {
    stocktakes: statements(db)
      .open.all()
      .map((r) => ({
        id: r.id,
        scope: r.scope,
        status: r.status,
        startedAt: r.started_at,
        startedBy: r.started_by,
        note: r.note,
        lines: r.lines,
        counted: r.counted,
      })),
  };
}

export function startStocktake(ctx: CommandContext, input: ParsedInputOf<'inventory.startStocktake'>): OutputOf<'inventory.startStocktake'> {
  const s = statements(ctx.db);
  for (const id of input.productIds ?? []) requireProduct(ctx.db, id);
  let products: Set<string> | null = input.productIds === undefined ? null : new Set(input.productIds);
  if (input.scope === 'cycle' && products === null) products = new Set(s.leastRecentlyCounted.all(input.cycleSize).map((r) => r.product_id));
  if (input.scope === 'partial' && products === null && input.locations === undefined) {
    throw new CoreError('inventory.stocktakeEmpty', 'A partial count names its products or locations.', {});
  }
  const locations = input.locations === undefined ? null : new Set<string>(input.locations);
  const lots = s.lots.all().filter((l) => (products === null || products.has(l.product_id)) && (locations === null || locations.has(l.location)));
  if (lots.length === 0) throw new CoreError('inventory.stocktakeEmpty', 'Nothing in stock falls within this count.', { scope: input.scope });
  const id = ctx.ids.next();
  s.insertStocktake.run(id, input.scope, 'counting', ctx.now, ctx.actor?.id ?? null, input.note ?? null);
  for (const l of lots) s.insertLine.run(id, l.lot_id, l.product_id, l.on_hand);
  ctx.audit({ action: 'inventory.startStocktake', entityType: 'stocktake', entityId: id, after: { scope: input.scope, lots: lots.length } });
  ctx.emit('inventory.stocktakeStarted', { id, scope: input.scope, lots: lots.length });
  return countSheet(ctx.db, id);
}

export function recordCount(ctx: CommandContext, input: ParsedInputOf<'inventory.recordCount'>): OutputOf<'inventory.recordCount'> {
  const st = requireStocktake(ctx.db, input.stocktakeId, ['counting']);
  const s = statements(ctx.db);
  for (const c of input.counts) {
    requireProduct(ctx.db, c.productId);
    const inScope = st.scope === 'full' || s.hasProduct.get(st.id, c.productId)!.n > 0;
    if (!inScope) throw new CoreError('inventory.notInStocktake', 'This product is not part of this count.', { productId: c.productId });
    const known = s.findLots.all(c.productId, c.batch, c.location).filter((l) => c.expiry === undefined || l.expiry === c.expiry);
    let lotId = known[0]?.id ?? null;
    if (lotId === null) {
      // Stock found that the ledger does not know: a new lot, expected zero, so approval receives it.
      if (c.expiry === undefined) {
        throw new CoreError('inventory.notInStocktake', `Batch ${c.batch} is not on record here; give its expiry to count it.`, { productId: c.productId, batch: c.batch, needsExpiry: true });
      }
      lotId = lotFor(ctx, { productId: c.productId, batch: c.batch, expiry: c.expiry, location: c.location }, { minor: null, update: false });
    }
    if (s.hasLine.get(st.id, lotId)!.n === 0) s.insertLine.run(st.id, lotId, c.productId, inventoryLots.byId(ctx.db, lotId)?.on_hand ?? 0);
    s.setCount.run(c.counted, ctx.actor?.id ?? null, ctx.now, st.id, lotId);
  }
  const uncounted = s.uncounted.get(st.id)!.n;
  ctx.audit({ action: 'inventory.recordCount', entityType: 'stocktake', entityId: st.id, after: { counts: input.counts } });
  ctx.emit('inventory.countRecorded', { stocktakeId: st.id, recorded: input.counts.length });
  return { stocktakeId: st.id, recorded: input.counts.length, uncounted };
}

function signedValue(units: number, cost: number | null, packSize: number): number | null {
  if (cost === null) return null;
  const v = valueAtCost(Math.abs(units), cost, packSize);
  return units < 0 ? -v : v;
}

export function reviewStocktake(ctx: CommandContext, input: ParsedInputOf<'inventory.reviewStocktake'>): OutputOf<'inventory.reviewStocktake'> {
  const st = requireStocktake(ctx.db, input.stocktakeId, ['counting', 'reviewed']);
  const s = statements(ctx.db);
  const uncounted = s.uncounted.get(st.id)!.n;
  if (uncounted > 0) throw new CoreError('inventory.countIncomplete', `${uncounted} lots have not been counted yet.`, { stocktakeId: st.id, uncounted });
  for (const r of input.reasons) {
    if (s.hasLine.get(st.id, r.lotId)!.n === 0) throw new CoreError('inventory.notInStocktake', 'This lot is not part of this count.', { lotId: r.lotId });
    s.setReason.run(r.reason, st.id, r.lotId);
  }
  s.setStatus.run('reviewed', st.id);
  const lines = s.lines.all(st.id).map((l) => {
    const variance = (l.counted ?? 0) - l.expected;
    return {
      lotId: l.lot_id,
      productId: l.product_id,
      name: l.name,
      batch: l.batch,
      expiry: l.expiry,
      location: l.location,
      counted: l.counted,
      expected: l.expected,
      variance,
      valueMinor: signedValue(variance, l.cost_minor, l.pack_size),
      reason: l.reason,
    };
  });
  const result = {
    id: st.id,
    status: 'reviewed' as const,
    lines,
    totalVarianceUnits: lines.reduce((n, l) => n + l.variance, 0),
    totalVarianceMinor: lines.reduce((n, l) => n + (l.valueMinor ?? 0), 0),
  };
  ctx.audit({ action: 'inventory.reviewStocktake', entityType: 'stocktake', entityId: st.id, after: { reasons: input.reasons, totalVarianceUnits: result.totalVarianceUnits } });
  ctx.emit('inventory.stocktakeReviewed', { id: st.id, totalVarianceUnits: result.totalVarianceUnits, totalVarianceMinor: result.totalVarianceMinor });
  return result;
}

/**
 * Posts each variance (counted − expected when counting started) against the lot. Sales during the count
 * stay in the ledger; a correction never takes a lot below zero.
 */
export function approveStocktake(ctx: CommandContext, input: ParsedInputOf<'inventory.approveStocktake'>): OutputOf<'inventory.approveStocktake'> {
  const st = requireStocktake(ctx.db, input.stocktakeId, ['reviewed']);
  const s = statements(ctx.db);
  const lines = s.lines.all(st.id);
  const missing = lines.filter((l) => (l.counted ?? 0) !== l.expected && l.reason === null).map((l) => l.lot_id);
  if (missing.length > 0) {
    throw new CoreError('inventory.varianceReasonRequired', `${missing.length} variances have no reason.`, { stocktakeId: st.id, lotIds: missing });
  }
  const corrections: { lotId: string; quantity: number }[] = [];
  for (const l of lines) {
    const quantity = Math.max((l.counted ?? 0) - l.expected, -l.on_hand);
    if (quantity === 0) continue;
    postMovement(ctx, { lotId: l.lot_id, productId: l.product_id, kind: 'stocktake', quantity, documentType: 'stocktake', documentId: st.id, reason: l.reason });
    corrections.push({ lotId: l.lot_id, quantity });
  }
  s.approve.run(ctx.now, ctx.actor?.id ?? null, st.id);
  ctx.audit({ action: 'inventory.approveStocktake', entityType: 'stocktake', entityId: st.id, after: { corrections } });
  ctx.emit('inventory.stocktakeApproved', { id: st.id, corrections });
  return { id: st.id, corrections };
}
