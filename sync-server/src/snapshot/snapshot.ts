// A new counter's snapshot: everything the device may see up to one log position `at`, read from the tenant
// log through the same visibility rule as the pull (event-log.ts: the device's branch, what is published,
// what is addressed to the branch), so a snapshot and the log never disagree about what a device is entitled
// to. Rule: the content of a snapshot is a pure function of (device's branch, at, after): the committed log
// below `at` never changes (a gap-free, append-only prefix), so a download cut at any point resumes from the
// last sequence the counter applied, and nothing is sent twice. What is compacted away is only what can never
// matter to the counter: a branch counter's stock level superseded by a later level of the same counter and
// product (levels are absolute), unless it was below zero (that stays an exception for managers).
// PostgreSQL writes each page's lines itself, the stored payload as its text, so a million events cost the
// server no JSON parse or stringify.
import type { Reader } from '../log/event-log.js';
import { headOfficeOnlyTypes } from '../log/visibility.js';
import type { Database } from '../store/database.js';

export const SNAPSHOT_FORMAT = 1;

export type SnapshotRange = { at: number; after: number };

export type SnapshotBegin = { t: 'begin'; format: number; at: number; after: number; tenantId: string; branchId: string };
export type SnapshotEnd = { t: 'end'; at: number; events: number; compacted: number };

/** Sequences (ascending) of stock levels up to `at` that a later level of the same counter and product replaces. */
export async function supersededLevels(db: Database, tenantId: string, at: number): Promise<number[]> {
  const rows = await db.query<{ seq: string | number }>(
    `SELECT seq FROM (
       SELECT seq, payload->>'onHand' AS on_hand,
              row_number() OVER (PARTITION BY branch_id, device_id, payload->>'sku' ORDER BY hlc COLLATE "C" DESC, seq DESC) AS rank
         FROM events
        WHERE tenant_id = $1 AND seq <= $2 AND type = 'stock.levelChanged' AND payload ? 'sku'
     ) levels
     WHERE rank > 1 AND on_hand NOT LIKE '-%'
     ORDER BY seq`,
    [tenantId, at],
  );
  return rows.map((r) => Number(r.seq));
}

/**
 * One event's line, `{"t":"event","seq":…,"event":{…}}`, in the shape and key order the pull sends
 * (event-log.ts toStored). Identifiers are uuids and numbers; the texts go through to_json for escaping.
 */
const LINE = `'{"t":"event","seq":' || e.seq || ',"event":{"id":"' || e.id || '","tenantId":"' || e.tenant_id
  || '","branchId":"' || e.branch_id || '","deviceId":"' || e.device_id || '","hlc":' || to_json(e.hlc)::text
  || ',"type":' || to_json(e.type)::text || ',"schemaVersion":' || e.schema_version || ',"occurredAt":' || e.occurred_at
  || ',"payload":' || e.payload::text || '}}'`;

const PAGE_SQL = `SELECT count(*) FILTER (WHERE s.seq IS NULL)::int AS events,
       count(*) FILTER (WHERE s.seq IS NOT NULL)::int AS compacted,
       string_agg(CASE WHEN s.seq IS NULL THEN ${LINE} END, E'\\n' ORDER BY e.seq) AS text
  FROM events e LEFT JOIN unnest($5::bigint[]) AS s (seq) ON s.seq = e.seq
 WHERE e.tenant_id = $1 AND e.seq > $2 AND e.seq <= $3 AND (e.branch_id = $4 OR e.published OR e.to_branch_id = $4)
   AND e.type <> ALL($6::text[])`;

type Page = { events: number; compacted: number; text: string | null };

/** The lines of the events in (from, to] the reader may see, less the superseded levels among them. */
async function page(db: Database, reader: Reader & { branchId: string }, from: number, to: number, superseded: readonly number[]): Promise<Page> {
  const skip = superseded.filter((s) => s > from && s <= to);
  // The pull's visibility exactly: what only head office reads (the counters' audit chains) is not in it either.
  const [row] = await db.query<Page>(PAGE_SQL, [reader.tenantId, from, to, reader.branchId, skip, headOfficeOnlyTypes]);
  return row ?? { events: 0, compacted: 0, text: null };
}

/**
 * The snapshot as NDJSON text, one chunk per page of the log (`pageSeqs` sequences each): a `begin` line, one
 * `event` line per event (`{ t, seq, event }`, the pull's own shape), and an `end` line that tells the counter
 * it has everything. The next page is read while the current one is being sent.
 */
export async function* snapshotChunks(db: Database, reader: Reader & { branchId: string }, range: SnapshotRange, pageSeqs = 10_000): AsyncGenerator<string> {
  const begin: SnapshotBegin = { t: 'begin', format: SNAPSHOT_FORMAT, at: range.at, after: range.after, tenantId: reader.tenantId, branchId: reader.branchId };
  yield `${JSON.stringify(begin)}\n`;
  const superseded = await supersededLevels(db, reader.tenantId, range.at);
  let events = 0;
  let compacted = 0;
  const read = (from: number) => (from < range.at ? page(db, reader, from, Math.min(range.at, from + pageSeqs), superseded) : null);
  let cursor = range.after;
  let next = read(cursor);
  while (next) {
    const current = await next;
    cursor = Math.min(range.at, cursor + pageSeqs);
    next = read(cursor);
    // A failed read ahead is reported by its own await, not as an unhandled rejection meanwhile.
    next?.catch(() => undefined);
    events += current.events;
    compacted += current.compacted;
    if (current.text) yield `${current.text}\n`;
  }
  const end: SnapshotEnd = { t: 'end', at: range.at, events, compacted };
  yield `${JSON.stringify(end)}\n`;
}
