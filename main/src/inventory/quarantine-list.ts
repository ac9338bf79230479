// The quarantine list: every lot held off sale, with why it went there, whether it has expired and the recall
// that holds it, so a pharmacist can release what was checked and a manager can dispose of the rest.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import { baseCurrency, isoDay, valueAtCost } from './inventory-rules.js';
import { recallCovering } from './stock-control.js';

type Row = {
  lot_id: string;
  product_id: string;
  sku: string;
  name: string;
  batch: string;
  expiry: string;
  on_hand: number;
  cost_minor: number | null;
  pack_size: number;
  reason: string | null;
  since: number | null;
};

/** Exported so that its query plan is tested: the partial quarantine index, never a scan of every lot. */
export const quarantineSql = `SELECT l.id AS lot_id, l.product_id, p.sku, p.name, l.batch, l.expiry, b.on_hand, l.cost_minor, p.pack_size,
    (SELECT m.reason FROM stock_movement m WHERE m.lot_id = l.id AND m.quantity > 0 ORDER BY m.seq DESC LIMIT 1) AS reason,
    (SELECT m.at FROM stock_movement m WHERE m.lot_id = l.id AND m.quantity > 0 ORDER BY m.seq DESC LIMIT 1) AS since
  FROM stock_lot l INDEXED BY stock_lot_quarantine JOIN stock_balance b ON b.lot_id = l.id JOIN product p ON p.id = l.product_id
  WHERE l.location = 'quarantine' AND b.on_hand > 0
  ORDER BY l.expiry, p.name, l.id LIMIT ?`;

const statements = perDatabase((db: Database) => ({ list: db.prepare<[number], Row>(quarantineSql) }));

export function listQuarantine(ctx: CommandContext, input: ParsedInputOf<'inventory.listQuarantine'>): OutputOf<'inventory.listQuarantine'> {
  const today = isoDay(ctx.now);
  const rows = statements(ctx.db).list.all(input.limit + 1);
  const lots = rows.slice(0, input.limit).map((r) => {
    const recall = recallCovering(ctx.db, r.product_id, r.batch);
    return {
      lotId: r.lot_id,
      productId: r.product_id,
      sku: r.sku,
      name: r.name,
      batch: r.batch,
      expiry: r.expiry,
      onHand: r.on_hand,
      valueMinor: r.cost_minor === null ? null : valueAtCost(r.on_hand, r.cost_minor, r.pack_size),
      expired: r.expiry < today,
      recallId: recall?.id ?? null,
      recallClass: recall ? (recall.class as 'I' | 'II' | 'III') : null,
      reason: r.reason,
      since: r.since,
    };
  });
  return { currency: baseCurrency(ctx.db), lots, truncated: rows.length > input.limit };
}
