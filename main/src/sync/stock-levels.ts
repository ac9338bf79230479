// Other branches see this counter's stock through `stock.levelChanged` events (DESIGN.md "Sync": stock
// visibility of other branches flows through sync). They are derived from the ledger just before a push:
// only products with movements since the last publication are looked at, and only changed levels are sent.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Terminal } from '../api/command-context.js';
import type { Clock } from '../kernel/clock.js';
import { hybridClock } from '../kernel/hlc.js';
import type { IdGenerator } from '../kernel/ids.js';
import { perDatabase } from '../store/per-database.js';
import type { StockLevelChanged } from './contract/events.js';
import { outbox } from './outbox.js';
import { syncStore } from './sync-store.js';

type Level = { product_id: string; sku: string; name: string; on_hand: number; quarantined: number };

const statements = perDatabase((db: Database) => ({
  lastMovement: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM stock_movement'),
  movedSince: db.prepare<[number, number], { product_id: string }>('SELECT DISTINCT product_id FROM stock_movement WHERE seq > ? AND seq <= ?'),
  level: db.prepare<[string], Level>(
    `SELECT p.id AS product_id, p.sku, p.name,
            coalesce(sum(CASE WHEN loc.sellable = 1 THEN b.on_hand END), 0) AS on_hand,
            coalesce(sum(CASE WHEN loc.sellable = 0 THEN b.on_hand END), 0) AS quarantined
       FROM product p
       LEFT JOIN stock_balance b ON b.product_id = p.id
       LEFT JOIN stock_lot l ON l.id = b.lot_id
       LEFT JOIN stock_location loc ON loc.code = l.location
      WHERE p.id = ?
      GROUP BY p.id`,
  ),
  published: db.prepare<[string], { on_hand: number; quarantined: number }>('SELECT on_hand, quarantined FROM published_stock_level WHERE product_id = ?'),
  savePublished: db.prepare(
    `INSERT INTO published_stock_level (product_id, on_hand, quarantined) VALUES (?, ?, ?)
     ON CONFLICT (product_id) DO UPDATE SET on_hand = excluded.on_hand, quarantined = excluded.quarantined`,
  ),
  gtins: db.prepare<[string], { gtin: string }>('SELECT gtin FROM product_gtin WHERE product_id = ? ORDER BY gtin LIMIT 20'),
  branchName: db.prepare<[], { name: string }>('SELECT name FROM pharmacy LIMIT 1'),
}));

/** Appends a `stock.levelChanged` event for every product whose level changed since the last call. Returns how many. */
export function publishStockLevels(db: Database, terminal: Terminal, clock: Clock, ids: IdGenerator): number {
  return db.transaction(() => {
    const s = statements(db);
    const store = syncStore(db);
    const from = store.state().published_movement_seq;
    const to = s.lastMovement.get()?.seq ?? 0;
    if (to <= from) return 0;
    const hlc = hybridClock(clock, terminal.deviceId, outbox(db).lastHlc());
    const branchName = s.branchName.get()?.name ?? '';
    const now = clock.now();
    let sent = 0;
    for (const { product_id } of s.movedSince.all(from, to)) {
      const level = s.level.get(product_id);
      if (!level) continue;
      const before = s.published.get(product_id);
      if (before && before.on_hand === level.on_hand && before.quarantined === level.quarantined) continue;
      const payload: StockLevelChanged = {
        productId: level.product_id,
        sku: level.sku,
        gtins: s.gtins.all(product_id).map((g) => g.gtin),
        productName: level.name,
        branchName,
        onHand: level.on_hand,
        quarantined: level.quarantined,
        asOf: now,
      };
      outbox(db).append({
        id: ids.next(),
        tenantId: terminal.tenantId,
        branchId: terminal.branchId,
        deviceId: terminal.deviceId,
        hlc: hlc.tick(),
        type: 'stock.levelChanged',
        schemaVersion: 1,
        occurredAt: now,
        payload,
      });
      s.savePublished.run(product_id, level.on_hand, level.quarantined);
      sent++;
    }
    store.setPublishedSeq(to);
    return sent;
  }).immediate();
}
