// The per-tenant event log. Rule: a puller reading `seq > cursor` must never skip an event.
//
// Sequence numbers handed out by concurrent transactions commit out of order (a transaction that took 11
// can commit before the one that took 10, and a reader between the two commits moves its cursor past 10
// for ever). We make sequence order equal commit order per tenant with a single writer per tenant log:
// the append locks the tenant's counter row while it bumps it (`UPDATE tenants SET last_seq = ...`),
// inserts the events under the numbers it took and commits, releasing the lock only after the commit is
// visible. A second writer of the same tenant waits on that row, so it can only allocate
// numbers after every smaller number is committed: the committed sequences of a tenant are always a
// gap-free prefix, and `seq > cursor` is safe under any interleaving and any number of server processes.
// We chose this over reading below the oldest in-flight transaction (pg_snapshot_xmin) because it is
// simple, holds on PGlite too, makes cursors dense, and the cost (appends of one tenant serialize, held
// for one short transaction) is small against the per-tenant write rate of a pharmacy chain. Tenants do
// not block each other.
import type { EventEnvelope } from '@mortar/main/contract';
import type { Database, Queryable } from '../store/database.js';
import { addressee, headOfficeOnlyTypes, isPublished } from './visibility.js';

export type Origin = { tenantId: string; branchId: string; deviceId: string };

export type StoredEvent = { seq: number; receivedAt: string; event: EventEnvelope };

export type AppendResult =
  | { ok: true; stored: number; duplicates: number; lastEventId: string | null; headSeq: number }
  | { ok: false; error: { code: 'events.idConflict'; message: string; details: { ids: string[] } } };

export type AppendHooks = {
  /** Test seam: runs inside the transaction after the numbers are allocated, before the commit. */
  beforeCommit?: () => Promise<void>;
};

export type PullResult =
  | { ok: true; events: StoredEvent[]; cursor: number; head: number; hasMore: boolean }
  | { ok: false; error: { code: 'sync.cursorFromFuture'; message: string; details: { cursor: number; head: number } } };

type EventRow = {
  id: string;
  tenant_id: string;
  branch_id: string;
  device_id: string;
  seq: string | number;
  type: string;
  schema_version: number;
  hlc: string;
  occurred_at: string | number;
  payload: Record<string, unknown>;
  received_at: Date | string;
};

// Numbers are allocated and the rows inserted by one statement: the UPDATE takes the tenant row lock and
// (after any wait, READ COMMITTED re-reads the row) hands out the next `$5` numbers, and the INSERT reads
// them from its RETURNING. The lock is then held only for this statement and the commit, never across a
// client round trip, which is what bounds the single-tenant write rate. The rows travel as one array per
// column (unnest), so a batch of 500 costs one statement with 13 parameters.
const ALLOCATE_AND_INSERT = `
WITH alloc AS (
  UPDATE tenants SET last_seq = last_seq + $5 WHERE id = $1 RETURNING last_seq
), input AS (
  SELECT * FROM unnest($6::uuid[], $7::text[], $8::int[], $9::text[], $10::bigint[], $11::jsonb[], $12::uuid[], $13::bool[])
    WITH ORDINALITY AS i(id, type, schema_version, hlc, occurred_at, payload, to_branch_id, published, ord)
), ins AS (
  INSERT INTO events (id, tenant_id, branch_id, device_id, seq, type, schema_version, hlc, occurred_at,
                      payload, to_branch_id, published, received_at)
  SELECT i.id, $1, $2, $3, a.last_seq - $5 + i.ord, i.type, i.schema_version, i.hlc, i.occurred_at,
         i.payload, i.to_branch_id, i.published, $4
    FROM input i CROSS JOIN alloc a
  RETURNING 1
)
SELECT (SELECT last_seq FROM alloc) AS last_seq, (SELECT count(*) FROM ins) AS inserted`;

/** A concurrent append stored one of the ids between the duplicate check and the insert: check again. */
const MAX_ATTEMPTS = 3;

function isIdCollision(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && (e.constraint === undefined || e.constraint === 'events_pkey');
}

/**
 * Stores the new events of a batch. The device path runs outside an explicit transaction: the duplicate
 * check reads first, then one statement allocates and inserts, committing on its own, so the tenant lock is
 * held for no client round trip. An id stored by a concurrent append in between makes the insert fail on
 * the primary key and roll back whole (numbers included), and the check runs again. With a `beforeCommit`
 * hook the same two statements run inside a transaction, so the tests can hold it open after allocation.
 */
export async function appendEvents(
  db: Database,
  origin: Origin,
  events: readonly EventEnvelope[],
  receivedAt: Date,
  hooks: AppendHooks = {},
): Promise<AppendResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (!hooks.beforeCommit) return await appendInTransaction(db, origin, events, receivedAt);
      const beforeCommit = hooks.beforeCommit;
      return await db.transaction(async (tx) => {
        const result = await appendInTransaction(tx, origin, events, receivedAt);
        if (result.ok) await beforeCommit();
        return result;
      });
    } catch (error: unknown) {
      if (attempt >= MAX_ATTEMPTS || !isIdCollision(error)) throw error;
    }
  }
}

/**
 * The append itself, on the caller's connection or inside its transaction (head-office publishing adds its
 * version bump to the same transaction). The tenant row lock it takes is held until that transaction ends.
 */
export async function appendInTransaction(
  tx: Queryable,
  origin: Origin,
  events: readonly EventEnvelope[],
  receivedAt: Date,
): Promise<AppendResult> {
  // Duplicates inside the batch or already stored are acknowledged, not stored again.
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  const existing = await existingIds(tx, unique.map((e) => e.id));
  const foreign = [...existing].filter(([, device]) => device !== origin.deviceId).map(([id]) => id);
  if (foreign.length > 0) {
    return {
      ok: false,
      error: { code: 'events.idConflict', message: 'An event id is already used by another device', details: { ids: foreign } },
    };
  }
  const fresh = unique.filter((e) => !existing.has(e.id));
  const duplicates = events.length - fresh.length;
  const lastEventId = events.at(-1)?.id ?? null;
  if (fresh.length === 0) {
    const head = await tx.query<{ last_seq: string | number }>('SELECT last_seq FROM tenants WHERE id = $1', [origin.tenantId]);
    if (!head[0]) throw new Error(`tenant ${origin.tenantId} does not exist`);
    return { ok: true, stored: 0, duplicates, lastEventId, headSeq: Number(head[0].last_seq) };
  }
  const rows = await tx.query<{ last_seq: string | number | null; inserted: string | number }>(ALLOCATE_AND_INSERT, [
    origin.tenantId,
    origin.branchId,
    origin.deviceId,
    receivedAt,
    fresh.length,
    fresh.map((e) => e.id),
    fresh.map((e) => e.type),
    fresh.map((e) => e.schemaVersion),
    fresh.map((e) => e.hlc),
    fresh.map((e) => e.occurredAt),
    fresh.map((e) => JSON.stringify(e.payload)),
    fresh.map((e) => addressee({ ...e, branchId: origin.branchId })),
    fresh.map((e) => isPublished(e.type)),
  ]);
  const row = rows[0];
  if (!row || row.last_seq === null) throw new Error(`tenant ${origin.tenantId} does not exist`);
  if (Number(row.inserted) !== fresh.length) throw new Error(`append stored ${String(row.inserted)} of ${fresh.length} events`);
  return { ok: true, stored: fresh.length, duplicates, lastEventId, headSeq: Number(row.last_seq) };
}

async function existingIds(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; device_id: string }>('SELECT id, device_id FROM events WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.device_id]));
}

export type Reader = { tenantId: string; branchId: string | null };

/**
 * Events after `cursor` that `reader` may see: its own branch's (but those only head office reads,
 * visibility.ts), what other branches publish to the tenant, and what another branch addressed to it (a stock transfer, visibility.ts) (a null branch reads the whole tenant log, for head office). The cursor returned is the position
 * to ask from next; it passes events the reader may not see, so a filtered reader never rescans them.
 */
export async function pullEvents(db: Database, reader: Reader, cursor: number, limit: number): Promise<PullResult> {
  return db.transaction(
    async (tx) => {
      const head = await tx.query<{ last_seq: string | number }>('SELECT last_seq FROM tenants WHERE id = $1', [
        reader.tenantId,
      ]);
      const headSeq = Number(head[0]?.last_seq ?? 0);
      if (cursor > headSeq) {
        return {
          ok: false as const,
          error: {
            code: 'sync.cursorFromFuture' as const,
            message: 'The cursor is ahead of this tenant log; the device must not trust its local cursor',
            details: { cursor, head: headSeq },
          },
        };
      }
      const rows = await tx.query<EventRow>(
        `SELECT id, tenant_id, branch_id, device_id, seq, type, schema_version, hlc, occurred_at, payload,
                received_at
           FROM events
          WHERE tenant_id = $1 AND seq > $2 AND seq <= $3 AND ($4::uuid IS NULL OR branch_id = $4 OR published OR to_branch_id = $4)
            AND ($4::uuid IS NULL OR type <> ALL($6::text[]))
          ORDER BY seq
          LIMIT $5`,
        [reader.tenantId, cursor, headSeq, reader.branchId, limit, headOfficeOnlyTypes],
      );
      const events = rows.map(toStored);
      const hasMore = events.length === limit && (events.at(-1)?.seq ?? headSeq) < headSeq;
      const next = hasMore ? (events.at(-1)?.seq ?? cursor) : headSeq;
      return { ok: true as const, events, cursor: next, head: headSeq, hasMore };
    },
    // One snapshot for the head and the rows, so the cursor returned never passes an unseen event.
    { isolation: 'repeatable read', readOnly: true },
  );
}

function toStored(r: EventRow): StoredEvent {
  return {
    seq: Number(r.seq),
    receivedAt: new Date(r.received_at).toISOString(),
    event: {
      id: r.id,
      tenantId: r.tenant_id,
      branchId: r.branch_id,
      deviceId: r.device_id,
      hlc: r.hlc,
      type: r.type,
      schemaVersion: r.schema_version,
      occurredAt: Number(r.occurred_at),
      payload: r.payload,
    },
  };
}
