// The per-tenant event log. Rule: a puller reading `seq > cursor` must never skip an event.
//
// Sequence numbers handed out by concurrent transactions commit out of order (a transaction that took 11
// can commit before the one that took 10, and a reader between the two commits moves its cursor past 10
// for ever). We make sequence order equal commit order per tenant with a single writer per tenant log:
// the append transaction first locks the tenant's counter row (`SELECT ... FOR UPDATE` on tenants.last_seq),
// allocates the next numbers from it, inserts, bumps the counter and commits, releasing the lock only after
// the commit is visible. A second writer of the same tenant waits on that row, so it can only allocate
// numbers after every smaller number is committed: the committed sequences of a tenant are always a
// gap-free prefix, and `seq > cursor` is safe under any interleaving and any number of server processes.
// We chose this over reading below the oldest in-flight transaction (pg_snapshot_xmin) because it is
// simple, holds on PGlite too, makes cursors dense, and the cost (appends of one tenant serialize, held
// for one short transaction) is small against the per-tenant write rate of a pharmacy chain. Tenants do
// not block each other.
import type { EventEnvelope } from '@mortar/main/contract';
import type { Database, Queryable } from '../store/database.js';
import { addressee, isPublished } from './visibility.js';

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

const COLUMNS = 11;

export async function appendEvents(
  db: Database,
  origin: Origin,
  events: readonly EventEnvelope[],
  receivedAt: Date,
  hooks: AppendHooks = {},
): Promise<AppendResult> {
  return db.transaction(async (tx) => {
    const result = await appendInTransaction(tx, origin, events, receivedAt);
    if (result.ok) await hooks.beforeCommit?.();
    return result;
  });
}

/**
 * The append itself, inside the caller's transaction (head-office publishing adds its version bump to the
 * same transaction). The tenant row lock it takes is held until that transaction ends.
 */
export async function appendInTransaction(
  tx: Queryable,
  origin: Origin,
  events: readonly EventEnvelope[],
  receivedAt: Date,
): Promise<AppendResult> {
  const counter = await tx.query<{ last_seq: string | number }>('SELECT last_seq FROM tenants WHERE id = $1 FOR UPDATE', [
    origin.tenantId,
  ]);
  const first = counter[0];
  if (!first) throw new Error(`tenant ${origin.tenantId} does not exist`);
  let last = Number(first.last_seq);
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
  if (fresh.length > 0) {
    const params: unknown[] = [];
    const rows = fresh.map((e, i) => {
      last += 1;
      params.push(
        e.id, origin.tenantId, origin.branchId, origin.deviceId, last, e.type, e.schemaVersion, e.hlc,
        e.occurredAt, JSON.stringify(e.payload), addressee({ ...e, branchId: origin.branchId }),
      );
      const b = i * COLUMNS;
      const p = (k: number) => `$${b + k}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}::jsonb, ${p(11)}::uuid, ${
        isPublished(e.type) ? 'true' : 'false'
      }, $${fresh.length * COLUMNS + 1})`;
    });
    params.push(receivedAt);
    await tx.query(
      `INSERT INTO events (id, tenant_id, branch_id, device_id, seq, type, schema_version, hlc, occurred_at,
                           payload, to_branch_id, published, received_at)
       VALUES ${rows.join(', ')}`,
      params,
    );
    await tx.query('UPDATE tenants SET last_seq = $2 WHERE id = $1', [origin.tenantId, last]);
  }
  return { ok: true, stored: fresh.length, duplicates: events.length - fresh.length, lastEventId: events.at(-1)?.id ?? null, headSeq: last };
}

async function existingIds(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');
  const rows = await tx.query<{ id: string; device_id: string }>(
    `SELECT id, device_id FROM events WHERE id IN (${placeholders})`,
    ids,
  );
  return new Map(rows.map((r) => [r.id, r.device_id]));
}

export type Reader = { tenantId: string; branchId: string | null };

/**
 * Events after `cursor` that `reader` may see: its own branch's, what other branches publish to the
 * tenant, and what another branch addressed to it (a stock transfer, visibility.ts) (a null branch reads the whole tenant log, for head office). The cursor returned is the position
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
          ORDER BY seq
          LIMIT $5`,
        [reader.tenantId, cursor, headSeq, reader.branchId, limit],
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
