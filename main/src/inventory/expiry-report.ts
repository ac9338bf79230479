// Expiry views: lots in stock that have expired or expire within a horizon, soonest first, valued at cost.
// The rows shown are one range query on the lots still in stock by expiry (migration 0015); the totals are
// summed from that index alone, since the projection row carries the lot's location and cost and the
// product's pack size (migration 0016): no lot or product is read for them, however many lots are in the horizon.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import { addDays, baseCurrency, daysBetween, isoDay, valueAtCost } from './inventory-rules.js';

type Row = {
  lot_id: string;
  product_id: string;
  sku: string;
  name: string;
  batch: string;
  expiry: string;
  location: string;
  on_hand: number;
  cost_minor: number | null;
  pack_size: number;
};

/** SQL of the report, exported so that its query plan is tested. Parameters: horizon day, include quarantine (0/1), limit. */
export const expirySql = `SELECT l.id AS lot_id, l.product_id, p.sku, p.name, l.batch, l.expiry, l.location, b.on_hand, l.cost_minor, p.pack_size
  FROM stock_balance b JOIN stock_lot l ON l.id = b.lot_id JOIN product p ON p.id = b.product_id
  WHERE b.expiry <= ? AND b.on_hand > 0 AND (? = 1 OR b.location <> 'quarantine')
  ORDER BY b.expiry, p.name, l.location, l.id LIMIT ?`;

/**
 * Lots, units and value at cost per expiry day in the horizon, read from the covering in-stock expiry index
 * only and in its order, so no sort is needed (the query plan is tested); the days are gathered into bands
 * here. Parameters: horizon day, include quarantine (0/1). The value is rounded per lot, half up, as
 * `valueAtCost` rounds each row.
 */
export const expiryTotalsSql = `SELECT expiry, count(*) AS lots, sum(on_hand) AS units,
    sum(CASE WHEN cost_minor IS NULL THEN 0 ELSE (2 * on_hand * cost_minor + pack_size) / (2 * pack_size) END) AS value
  FROM stock_balance
  WHERE expiry <= ? AND on_hand > 0 AND (? = 1 OR location <> 'quarantine')
  GROUP BY expiry`;

const statements = perDatabase((db: Database) => ({
  rows: db.prepare<[string, number, number], Row>(expirySql),
  totals: db.prepare<[string, number], { expiry: string; lots: number; units: number; value: number }>(expiryTotalsSql),
}));

const bands = ['expired', 'within30', 'within60', 'within90'] as const;

export function expiryReport(ctx: CommandContext, input: ParsedInputOf<'inventory.expiryReport'>): OutputOf<'inventory.expiryReport'> {
  const today = isoDay(ctx.now);
  const horizon = addDays(today, input.horizonDays);
  const quarantine = input.includeQuarantine ? 1 : 0;
  const s = statements(ctx.db);
  const found = s.rows.all(horizon, quarantine, input.limit + 1);
  const band = (expiry: string): (typeof bands)[number] => {
    const days = daysBetween(today, expiry);
    return days < 0 ? 'expired' : days <= 30 ? 'within30' : days <= 60 ? 'within60' : 'within90';
  };
  const rows = found.slice(0, input.limit).map((r) => ({
    lotId: r.lot_id,
    productId: r.product_id,
    sku: r.sku,
    name: r.name,
    batch: r.batch,
    expiry: r.expiry,
    location: r.location,
    onHand: r.on_hand,
    costMinor: r.cost_minor,
    valueMinor: r.cost_minor === null ? null : valueAtCost(r.on_hand, r.cost_minor, r.pack_size),
    band: band(r.expiry),
    daysLeft: daysBetween(today, r.expiry),
  }));
  const zero = () => ({ lots: 0, units: 0, valueMinor: 0 });
  const sums: Record<(typeof bands)[number], ReturnType<typeof zero>> = { expired: zero(), within30: zero(), within60: zero(), within90: zero() };
  for (const day of s.totals.all(horizon, quarantine)) {
    const sum = sums[band(day.expiry)];
    sum.lots += day.lots;
    sum.units += day.units;
    sum.valueMinor += day.value;
  }
  const totals = bands.filter((b) => b === 'expired' || Number(b.slice(6)) <= input.horizonDays).map((b) => ({ band: b, ...sums[b] }));
  return { today, currency: baseCurrency(ctx.db), rows, totals, truncated: found.length > input.limit };
}
