// Sales history for the suggested-orders step of the inventory journey. The demo pharmacy opens with stock but
// no past sales, and forecasts read only days before today, which no screen can go back and sell on. So the
// journey writes past sale movements straight into the running terminal's ledger (its own key, a second
// connection beside the server's, as WAL allows), as a till would have over the last weeks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';

export type SeededProduct = { gtin: string; productId: string; name: string; dailyUnits: number; days: number };

const DAY_MS = 86_400_000;

/**
 * For each GTIN: sells `share` of the product's sellable stock evenly over the `days` before today (each day from
 * the lot holding most), so what is left covers only a few days and the forecast has steady demand to order against.
 */
export function seedSalesHistory(dataDir: string, gtins: string[], options: { days?: number; share?: number; now?: number } = {}): SeededProduct[] {
  const days = options.days ?? 42;
  const share = options.share ?? 0.9;
  const now = options.now ?? Date.now();
  const key = readFileSync(join(dataDir, 'mortar.key'), 'utf8').trim();
  const db = new Database(join(dataDir, 'mortar.db'), { timeout: 10_000 });
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key}'"`);
    const lotsOf = db.prepare<[string], { productId: string; name: string; lotId: string; onHand: number }>(
      `SELECT p.id AS productId, p.name, l.id AS lotId, b.on_hand AS onHand
       FROM product_gtin g JOIN product p ON p.id = g.product_id JOIN stock_lot l ON l.product_id = p.id
       JOIN stock_balance b ON b.lot_id = l.id JOIN stock_location loc ON loc.code = l.location
       WHERE g.gtin = ? AND loc.sellable = 1 AND b.on_hand > 0`,
    );
    const insert = db.prepare(
      `INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, document_type, document_id, reason)
       VALUES (?, ?, ?, 'sale', ?, ?, 'sale', ?, 'e2e sales history')`,
    );
    const seeded: SeededProduct[] = [];
    db.transaction(() => {
      for (const gtin of gtins) {
        const lots = lotsOf.all(gtin);
        const first = lots[0];
        if (!first) throw new Error(`no sellable stock of GTIN ${gtin} to sell history from`);
        const total = lots.reduce((n, l) => n + l.onHand, 0);
        const dailyUnits = Math.max(1, Math.floor((total * share) / days));
        for (let d = days; d >= 1; d--) {
          const lot = lots.reduce((a, b) => (b.onHand > a.onHand ? b : a));
          if (lot.onHand < dailyUnits) break;
          lot.onHand -= dailyUnits;
          insert.run(randomUUID(), lot.lotId, lot.productId, -dailyUnits, now - d * DAY_MS, randomUUID());
        }
        seeded.push({ gtin, productId: first.productId, name: first.name, dailyUnits, days });
      }
    })();
    return seeded;
  } finally {
    db.close();
  }
}
