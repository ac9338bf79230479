// A new counter's snapshot: everything the device may see up to one log position `at`, built from the tenant
// log through the same visibility filter as the pull (event-log.ts), so a snapshot and the log never
// disagree about what a device is entitled to. Rule: the content of a snapshot is a pure function of
// (device's branch, at, after): the committed log below `at` never changes (a gap-free, append-only prefix),
// so a download cut at any point resumes from the last sequence the counter applied, and nothing is sent
// twice. What is compacted away is only what can never matter to the counter: a branch counter's stock level
// superseded by a later level of the same counter and product (levels are absolute), unless it was below
// zero (that stays an exception for managers).
import { pullEvents, type Reader } from '../log/event-log.js';
import type { Database } from '../store/database.js';

export const SNAPSHOT_FORMAT = 1;

export type SnapshotRange = { at: number; after: number };

export type SnapshotBegin = { t: 'begin'; format: number; at: number; after: number; tenantId: string; branchId: string };
export type SnapshotEnd = { t: 'end'; at: number; events: number; compacted: number };

/** Ids of stock levels below `at` that a later level of the same counter and product replaces. */
export async function supersededLevels(db: Database, tenantId: string, at: number): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM (
       SELECT id, payload->>'onHand' AS on_hand,
              row_number() OVER (PARTITION BY branch_id, device_id, payload->>'sku' ORDER BY hlc COLLATE "C" DESC, seq DESC) AS rank
         FROM events
        WHERE tenant_id = $1 AND seq <= $2 AND type = 'stock.levelChanged' AND payload ? 'sku'
     ) levels
     WHERE rank > 1 AND on_hand NOT LIKE '-%'`,
    [tenantId, at],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The snapshot as NDJSON text, one chunk per page of the log: a `begin` line, one `event` line per event
 * (`{ t, seq, event }`, the pull's own shape), and an `end` line that tells the counter it has everything.
 */
export async function* snapshotChunks(db: Database, reader: Reader & { branchId: string }, range: SnapshotRange, pageSize = 5000): AsyncGenerator<string> {
  const begin: SnapshotBegin = { t: 'begin', format: SNAPSHOT_FORMAT, at: range.at, after: range.after, tenantId: reader.tenantId, branchId: reader.branchId };
  yield `${JSON.stringify(begin)}\n`;
  const superseded = await supersededLevels(db, reader.tenantId, range.at);
  let cursor = range.after;
  let events = 0;
  let compacted = 0;
  while (cursor < range.at) {
    const page = await pullEvents(db, reader, cursor, pageSize);
    if (!page.ok) throw new Error(`${page.error.code}: ${page.error.message}`);
    const lines: string[] = [];
    for (const e of page.events) {
      if (e.seq > range.at) break;
      if (superseded.has(e.event.id)) {
        compacted++;
        continue;
      }
      lines.push(JSON.stringify({ t: 'event', seq: e.seq, event: e.event }));
      events++;
    }
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
    const next = Math.min(page.cursor, range.at);
    if (next <= cursor) break;
    cursor = next;
  }
  const end: SnapshotEnd = { t: 'end', at: range.at, events, compacted };
  yield `${JSON.stringify(end)}\n`;
}
