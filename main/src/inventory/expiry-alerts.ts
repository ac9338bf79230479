// Rule: every crossing of an expiry horizon (into 90, 60 or 30 days, or past expiry) by a lot in sellable stock
// is recorded exactly once, so a manager hears of it in time to sell, return or quarantine the stock; the
// unique (lot, band) key makes a second check the same day, or a check after every receipt, harmless.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import type { IdGenerator } from '../kernel/ids.js';
import { perDatabase } from '../store/per-database.js';
import type { ExpiryAlert, ExpiryAlertBand } from './contract/stock-watch.js';
import { addDays, isoDay, valueAtCost } from './inventory-rules.js';

type Candidate = {
  lot_id: string;
  product_id: string;
  batch: string;
  expiry: string;
  location: string;
  on_hand: number;
  cost_minor: number | null;
  pack_size: number;
  band: ExpiryAlertBand;
};

type Horizons = { today: string; d30: string; d60: string; d90: string };

type AlertRow = {
  id: string;
  lot_id: string;
  product_id: string;
  name: string;
  sku: string;
  band: ExpiryAlertBand;
  batch: string;
  expiry: string;
  location: string;
  on_hand: number;
  on_hand_now: number;
  value_minor: number | null;
  crossed_on: string;
  crossed_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
};

const bandSql = `CASE WHEN l.expiry < @today THEN 'expired' WHEN l.expiry <= @d30 THEN 'within30' WHEN l.expiry <= @d60 THEN 'within60' ELSE 'within90' END`;

const candidateColumns = `l.id AS lot_id, l.product_id, l.batch, l.expiry, l.location, b.on_hand, l.cost_minor, p.pack_size, ${bandSql} AS band`;
const candidateFrom = `stock_lot l JOIN stock_balance b ON b.lot_id = l.id JOIN product p ON p.id = l.product_id`;
const sellableInHorizon = `l.expiry <= @d90 AND b.on_hand > 0 AND l.location <> 'quarantine'`;
const noAlertYet = `NOT EXISTS (SELECT 1 FROM expiry_alert a WHERE a.lot_id = c.lot_id AND a.band = c.band)`;

/**
 * Every lot in sellable stock inside the 90-day horizon whose current band has no alert yet: the first check of
 * a process. Quarantined stock is left out: it is already off sale and has its own list. Uses the expiry index.
 */
export const crossingSql = `SELECT * FROM (SELECT ${candidateColumns} FROM ${candidateFrom} WHERE ${sellableInHorizon}) c
  WHERE ${noAlertYet} ORDER BY c.expiry, c.lot_id`;

/**
 * After a day change: only lots whose band can have changed since the last check (day @p) — those whose expiry
 * lies in one of the four windows the days in between moved across — read through the expiry index.
 */
export const dayChangeSql = `SELECT * FROM (SELECT ${candidateColumns} FROM ${candidateFrom}
    WHERE ${sellableInHorizon} AND ((l.expiry >= @p AND l.expiry < @today) OR (l.expiry > @p30 AND l.expiry <= @d30)
      OR (l.expiry > @p60 AND l.expiry <= @d60) OR (l.expiry > @p90 AND l.expiry <= @d90))) c
  WHERE ${noAlertYet} ORDER BY c.expiry, c.lot_id`;

/** After stock moved (a receipt, a transfer in): only the lots with a movement since the last check. */
export const movedSql = `SELECT * FROM (SELECT ${candidateColumns} FROM (SELECT DISTINCT lot_id FROM stock_movement NOT INDEXED WHERE seq > @seq) m
    JOIN stock_lot l ON l.id = m.lot_id JOIN stock_balance b ON b.lot_id = l.id JOIN product p ON p.id = l.product_id
    WHERE ${sellableInHorizon}) c
  WHERE ${noAlertYet} ORDER BY c.expiry, c.lot_id`;

const alertColumns = `a.id, a.lot_id, a.product_id, p.name, p.sku, a.band, a.batch, a.expiry, a.location, a.on_hand,
  coalesce(b.on_hand, 0) AS on_hand_now, a.value_minor, a.crossed_on, a.crossed_at, a.acknowledged_at, u.display_name AS acknowledged_by`;
const alertFrom = `expiry_alert a JOIN product p ON p.id = a.product_id LEFT JOIN stock_balance b ON b.lot_id = a.lot_id
  LEFT JOIN app_user u ON u.id = a.acknowledged_by`;
// Most urgent first: the soonest expiry (expired lots have the earliest), and of one lot's alerts the latest band.
// The expiry leads so that the open alerts are read in order through their index, however many there are.
const urgency = `a.expiry, CASE a.band WHEN 'expired' THEN 0 WHEN 'within30' THEN 1 WHEN 'within60' THEN 2 ELSE 3 END, a.num`;

const statements = perDatabase((db: Database) => ({
  everyLot: db.prepare<[Horizons], Candidate>(crossingSql),
  dayChange: db.prepare<[Horizons & { p: string; p30: string; p60: string; p90: string }], Candidate>(dayChangeSql),
  moved: db.prepare<[Horizons & { seq: number }], Candidate>(movedSql),
  lastSeq: db.prepare<[], { seq: number }>('SELECT coalesce(max(seq), 0) AS seq FROM stock_movement'),
  insert: db.prepare(
    `INSERT OR IGNORE INTO expiry_alert (id, lot_id, product_id, band, batch, expiry, location, on_hand, value_minor, crossed_on, crossed_at)
     VALUES (@id, @lotId, @productId, @band, @batch, @expiry, @location, @onHand, @valueMinor, @crossedOn, @crossedAt)`,
  ),
  open: db.prepare<[number], AlertRow>(`SELECT ${alertColumns} FROM ${alertFrom} WHERE a.acknowledged_at IS NULL ORDER BY ${urgency} LIMIT ?`),
  seen: db.prepare<[number], AlertRow>(`SELECT ${alertColumns} FROM ${alertFrom} WHERE a.acknowledged_at IS NOT NULL ORDER BY a.acknowledged_at DESC, ${urgency} LIMIT ?`),
  openCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM expiry_alert WHERE acknowledged_at IS NULL'),
  byId: db.prepare<[string], AlertRow>(`SELECT ${alertColumns} FROM ${alertFrom} WHERE a.id = ?`),
  acknowledge: db.prepare('UPDATE expiry_alert SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL'),
}));

function toAlert(r: AlertRow): ExpiryAlert {
  return {
    id: r.id,
    lotId: r.lot_id,
    productId: r.product_id,
    name: r.name,
    sku: r.sku,
    band: r.band,
    batch: r.batch,
    expiry: r.expiry,
    location: r.location,
    onHand: r.on_hand,
    onHandNow: r.on_hand_now,
    valueMinor: r.value_minor,
    crossedOn: r.crossed_on,
    crossedAt: r.crossed_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
  };
}

export type Crossing = { alertId: string; lotId: string; band: ExpiryAlertBand; batch: string; expiry: string };

/** What the last check on a database saw: its day and the ledger's last movement. */
type Checked = { day: string; seq: number };
const lastChecked = new WeakMap<Database, Checked>();

/**
 * Records the horizon each lot has crossed since the last check (call inside a transaction). Idempotent: a lot
 * is alerted once per band. The first check of a process looks at every lot in the horizon; later ones only at
 * lots that moved since (new stock) and, after a day change, at lots whose expiry the passing days moved across.
 */
export function recordExpiryCrossings(db: Database, now: number, ids: IdGenerator): Crossing[] {
  const today = isoDay(now);
  const s = statements(db);
  const horizons = { today, d30: addDays(today, 30), d60: addDays(today, 60), d90: addDays(today, 90) };
  const seq = s.lastSeq.get()?.seq ?? 0;
  const last = lastChecked.get(db);
  let found: Candidate[];
  if (!last) {
    found = s.everyLot.all(horizons);
  } else {
    const byLot = new Map<string, Candidate>();
    if (seq > last.seq) for (const c of s.moved.all({ ...horizons, seq: last.seq })) byLot.set(c.lot_id, c);
    if (last.day < today) {
      const p = last.day;
      for (const c of s.dayChange.all({ ...horizons, p, p30: addDays(p, 30), p60: addDays(p, 60), p90: addDays(p, 90) })) byLot.set(c.lot_id, c);
    }
    found = [...byLot.values()].sort((a, b) => (a.expiry < b.expiry ? -1 : a.expiry > b.expiry ? 1 : a.lot_id < b.lot_id ? -1 : 1));
  }
  const crossings: Crossing[] = [];
  for (const c of found) {
    const id = ids.next();
    const done = s.insert.run({
      id,
      lotId: c.lot_id,
      productId: c.product_id,
      band: c.band,
      batch: c.batch,
      expiry: c.expiry,
      location: c.location,
      onHand: c.on_hand,
      valueMinor: c.cost_minor === null ? null : valueAtCost(c.on_hand, c.cost_minor, c.pack_size),
      crossedOn: today,
      crossedAt: now,
    });
    if (done.changes === 1) crossings.push({ alertId: id, lotId: c.lot_id, band: c.band, batch: c.batch, expiry: c.expiry });
  }
  // A clock set back keeps the later day: the windows are never walked backwards.
  lastChecked.set(db, { day: last && last.day > today ? last.day : today, seq });
  return crossings;
}

/** True when no check has run on this database today (UTC): at start-up and after midnight. */
export function expiryCheckDue(db: Database, now: number): boolean {
  return lastChecked.get(db)?.day !== isoDay(now);
}

/** Forgets what the last check saw, so the next one looks at every lot (tests, and a store restored from backup). */
export function forgetExpiryChecks(db: Database): void {
  lastChecked.delete(db);
}

/** SQL of the open alerts, exported so that its query plan is tested. */
export const openAlertsSql = `SELECT a.id FROM expiry_alert a WHERE a.acknowledged_at IS NULL ORDER BY ${urgency} LIMIT ?`;

export function listExpiryAlerts(db: Database, input: ParsedInputOf<'inventory.listExpiryAlerts'>): OutputOf<'inventory.listExpiryAlerts'> {
  const s = statements(db);
  const open = s.openCount.get()?.n ?? 0;
  // Open alerts first, most urgent first; then, when asked, those already seen, the latest acknowledged first.
  const rows = s.open.all(input.limit + 1);
  if (input.includeAcknowledged && rows.length <= input.limit) rows.push(...s.seen.all(input.limit + 1 - rows.length));
  return { alerts: rows.slice(0, input.limit).map(toAlert), open, truncated: rows.length > input.limit };
}

export function acknowledgeExpiryAlerts(ctx: CommandContext, input: ParsedInputOf<'inventory.acknowledgeExpiryAlert'>): OutputOf<'inventory.acknowledgeExpiryAlert'> {
  const s = statements(ctx.db);
  const ids = [...new Set(input.alertIds)];
  const missing = ids.filter((id) => !s.byId.get(id));
  if (missing.length > 0) {
    // Only a stale screen or a script can name an alert that does not exist: the request itself is wrong.
    throw new CoreError('api.invalidInput', `There is no expiry alert with the id ${missing.join(', ')}.`, { alertIds: missing });
  }
  const changed: string[] = [];
  for (const id of ids) {
    if (s.acknowledge.run(ctx.now, ctx.actor?.id ?? null, id).changes === 1) changed.push(id);
  }
  const acknowledged = ids.map((id) => toAlert(s.byId.get(id) as AlertRow));
  if (changed.length > 0) {
    ctx.audit({ action: 'inventory.acknowledgeExpiryAlert', entityType: 'expiryAlert', entityId: changed.length === 1 ? changed[0] : null, after: { alertIds: changed } });
  }
  return { acknowledged };
}
