// Rule: every counter's audit chain is verified as it arrives, and a break is an alarm, never a refusal
// (DESIGN.md "Security"). The entries are read from the tenant log, not from the request, as a fold with its
// cursor locked (like the projections): a crash, a retry or two processes at once never skip an entry or
// check one twice, and the push that carried the entries is stored and acknowledged whatever they hold.
//
// Order. Entries are checked in chain order (seq), not in arrival order: an entry whose predecessor has not
// arrived is held. A hole is raised as a gap only when a later push of the same device stores new events and
// the hole is still there. The counter writes each entry's event in the entry's own transaction, pushes its
// outbox in order, and sends a batch only after the one before it was acknowledged, so once a newer batch of
// that device is stored, the missing entries are no longer in flight. Replays and duplicates store nothing
// new and so never turn a held hole into an alert.
import { createHash } from 'node:crypto';
import { AUDIT_ENTRY_RECORDED, AUDIT_GENESIS_HASH, auditEntryHashInput, auditEntryRecordedSchema, type AuditEntryRecorded } from '@mortar/main/contract';
import type { Database, Queryable } from '../store/database.js';
import { uuidv7 } from '../registry/ids.js';

export const AUDIT_CURSOR = 'audit-chain';
const BATCH = 1000;
const WALK_PAGE = 5000;

export const alertKinds = ['gap', 'fork', 'hashMismatch', 'linkMismatch', 'malformed'] as const;
export type AlertKind = (typeof alertKinds)[number];

export type AuditAlert = {
  id: string;
  tenantId: string;
  branchId: string;
  /** The enrolled device whose push carried the entry. */
  deviceId: string;
  /** The counter's own device id, as its audit entries name it: the chain's key. */
  chainDeviceId: string;
  kind: AlertKind;
  seq: number;
  details: Record<string, unknown>;
  firstSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedNote: string | null;
};

export type AlertRow = {
  id: string;
  tenant_id: string;
  branch_id: string;
  device_id: string;
  chain_device_id: string;
  kind: AlertKind;
  seq: string | number;
  details: Record<string, unknown>;
  first_seen_at: Date | string;
  acknowledged_at: Date | string | null;
  acknowledged_note: string | null;
};

export function toAlert(r: AlertRow): AuditAlert {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    branchId: r.branch_id,
    deviceId: r.device_id,
    chainDeviceId: r.chain_device_id,
    kind: r.kind,
    seq: Number(r.seq),
    details: r.details,
    firstSeenAt: new Date(r.first_seen_at).toISOString(),
    acknowledgedAt: r.acknowledged_at === null ? null : new Date(r.acknowledged_at).toISOString(),
    acknowledgedNote: r.acknowledged_note,
  };
}

type EventRow = { seq: string | number; id: string; branch_id: string; device_id: string; payload: unknown };
type ChainRow = {
  chain_device_id: string;
  branch_id: string;
  device_id: string;
  verified_seq: string | number;
  verified_hash: string;
  max_seq: string | number;
  held_gap_seq: string | number | null;
};
type EntryRow = { seq: string | number; hash: string; prev_hash: string };

type Where = { tenantId: string; branchId: string; deviceId: string; chainDeviceId: string };

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

async function raise(tx: Queryable, at: Where, kind: AlertKind, seq: number, details: Record<string, unknown>, now: Date, raised: AuditAlert[]): Promise<void> {
  const rows = await tx.query<AlertRow>(
    `INSERT INTO audit_alerts (id, tenant_id, branch_id, device_id, chain_device_id, kind, seq, details, first_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
     ON CONFLICT (tenant_id, chain_device_id, kind, seq) DO NOTHING
     RETURNING *`,
    [uuidv7(now.getTime()), at.tenantId, at.branchId, at.deviceId, at.chainDeviceId, kind, seq, JSON.stringify(details), now],
  );
  for (const r of rows) raised.push(toAlert(r));
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : fallback;
}

type Parsed = { event: EventRow; where: Where; entry: AuditEntryRecorded };

/**
 * Records a batch of arriving entries: each entry's own hash is checked now, its place in the chain when the
 * chain is walked. The entries go in with one statement (a push carries hundreds); the rare refusals one by one.
 */
async function recordAll(tx: Queryable, tenantId: string, rows: readonly EventRow[], now: Date, raised: AuditAlert[]): Promise<void> {
  const parsed: Parsed[] = [];
  for (const e of rows) {
    const raw = (e.payload ?? {}) as Record<string, unknown>;
    const result = auditEntryRecordedSchema.safeParse(raw);
    const where: Where = { tenantId, branchId: e.branch_id, deviceId: e.device_id, chainDeviceId: text(raw.deviceId, e.device_id) };
    if (!result.success) {
      const seq = typeof raw.seq === 'number' && Number.isSafeInteger(raw.seq) ? raw.seq : 0;
      const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      await raise(tx, where, 'malformed', seq, { eventId: e.id, issues }, now, raised);
      continue;
    }
    const p = result.data;
    const recomputed = sha256Hex(auditEntryHashInput(p));
    if (recomputed !== p.hash) {
      await raise(tx, where, 'hashMismatch', p.seq, { eventId: e.id, entryId: p.id, claimedHash: p.hash, recomputedHash: recomputed }, now, raised);
    }
    parsed.push({ event: e, where, entry: p });
  }
  if (parsed.length === 0) return;
  // The chains this batch touches, with the newest pusher of each: created at genesis if new.
  const chains = new Map<string, { maxSeq: number; branchId: string; deviceId: string }>();
  for (const { where, entry } of parsed) {
    const known = chains.get(where.chainDeviceId);
    chains.set(where.chainDeviceId, { maxSeq: Math.max(known?.maxSeq ?? 0, entry.seq), branchId: where.branchId, deviceId: where.deviceId });
  }
  const ids = [...chains.keys()];
  const values = [...chains.values()];
  await tx.query(
    `INSERT INTO audit_chains (tenant_id, chain_device_id, branch_id, device_id, verified_hash, max_seq, updated_at)
     SELECT $1, c.id, c.branch_id, c.device_id, $5, c.max_seq, $6
       FROM unnest($2::text[], $3::uuid[], $4::uuid[], $7::bigint[]) AS c(id, branch_id, device_id, max_seq)
     ON CONFLICT (tenant_id, chain_device_id) DO UPDATE
       SET max_seq = GREATEST(audit_chains.max_seq, EXCLUDED.max_seq), branch_id = EXCLUDED.branch_id,
           device_id = EXCLUDED.device_id, updated_at = EXCLUDED.updated_at`,
    [tenantId, ids, values.map((v) => v.branchId), values.map((v) => v.deviceId), AUDIT_GENESIS_HASH, now, values.map((v) => v.maxSeq)],
  );
  const inserted = await tx.query<{ event_id: string }>(
    `INSERT INTO audit_chain_entries (tenant_id, chain_device_id, seq, hash, prev_hash, event_id)
     SELECT $1, e.chain, e.seq, e.hash, e.prev_hash, e.event_id
       FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::uuid[]) WITH ORDINALITY AS e(chain, seq, hash, prev_hash, event_id, ord)
      ORDER BY e.ord
     ON CONFLICT (tenant_id, chain_device_id, seq) DO NOTHING
     RETURNING event_id`,
    [
      tenantId,
      parsed.map((x) => x.where.chainDeviceId),
      parsed.map((x) => x.entry.seq),
      parsed.map((x) => x.entry.hash),
      parsed.map((x) => x.entry.prevHash),
      parsed.map((x) => x.event.id),
    ],
  );
  const stored = new Set(inserted.map((r) => r.event_id.toLowerCase()));
  const clashes = parsed.filter((x) => !stored.has(x.event.id.toLowerCase()));
  if (clashes.length === 0) return;
  const existing = await tx.query<{ chain_device_id: string; seq: string | number; hash: string; event_id: string }>(
    `SELECT s.chain_device_id, s.seq, s.hash, s.event_id FROM audit_chain_entries s
       JOIN unnest($2::text[], $3::bigint[]) AS k(chain, seq) ON s.chain_device_id = k.chain AND s.seq = k.seq
      WHERE s.tenant_id = $1`,
    [tenantId, clashes.map((x) => x.where.chainDeviceId), clashes.map((x) => x.entry.seq)],
  );
  const byKey = new Map(existing.map((r) => [`${r.chain_device_id}:${Number(r.seq)}`, r]));
  for (const { event, where, entry } of clashes) {
    const first = byKey.get(`${where.chainDeviceId}:${entry.seq}`);
    // The same entry again (under any event id) is a duplicate; another entry under the same seq is a fork.
    if (first && first.hash !== entry.hash) {
      await raise(tx, where, 'fork', entry.seq, { eventId: event.id, storedEventId: first.event_id, storedHash: first.hash, receivedHash: entry.hash }, now, raised);
    }
  }
}

/**
 * Walks a chain forward from its last verified entry while the entries follow on. With `decide`, a hole
 * that a push of this device already left is raised as a gap and stepped over (so one hole is one alert and
 * the rest of the chain is still checked); a hole seen for the first time is held.
 */
async function walk(tx: Queryable, tenantId: string, chain: ChainRow, decide: boolean, now: Date, raised: AuditAlert[]): Promise<void> {
  let seq = Number(chain.verified_seq);
  let hash = chain.verified_hash;
  let held = chain.held_gap_seq === null ? null : Number(chain.held_gap_seq);
  const where: Where = { tenantId, branchId: chain.branch_id, deviceId: chain.device_id, chainDeviceId: chain.chain_device_id };
  for (;;) {
    const page = await tx.query<EntryRow>(
      `SELECT seq, hash, prev_hash FROM audit_chain_entries
        WHERE tenant_id = $1 AND chain_device_id = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [tenantId, chain.chain_device_id, seq, WALK_PAGE],
    );
    let hole: EntryRow | null = null;
    for (const entry of page) {
      const n = Number(entry.seq);
      if (n !== seq + 1) {
        hole = entry;
        break;
      }
      if (entry.prev_hash !== hash) {
        await raise(tx, where, 'linkMismatch', n, { expectedPrevHash: hash, prevHash: entry.prev_hash }, now, raised);
      }
      seq = n;
      hash = entry.hash;
    }
    if (hole) {
      if (!decide) break;
      if (held !== seq + 1) {
        held = seq + 1;
        break;
      }
      const next = Number(hole.seq);
      await raise(tx, where, 'gap', seq + 1, { missingFrom: seq + 1, missingTo: next - 1, resumedAt: next }, now, raised);
      // The missing entries cannot be linked: the chain resumes at the next entry as it stands.
      seq = next - 1;
      hash = hole.prev_hash;
      held = null;
      continue;
    }
    if (page.length < WALK_PAGE) {
      if (decide) held = null;
      break;
    }
  }
  await tx.query(
    `UPDATE audit_chains SET verified_seq = $3, verified_hash = $4, held_gap_seq = $5, updated_at = $6
      WHERE tenant_id = $1 AND chain_device_id = $2`,
    [tenantId, chain.chain_device_id, seq, hash, held, now],
  );
}

export type VerifyOptions = {
  /** The enrolled devices whose pushes were stored since the last check: their chains' held holes are decided (see the rule above). */
  pushedBy?: ReadonlySet<string>;
};

/**
 * Folds the tenant's audit entries not yet checked and walks the chains. Returns the alerts raised now
 * (each break is raised once, however often this runs); an unknown tenant raises nothing.
 */
export async function verifyAuditChains(db: Database, tenantId: string, now: Date, options: VerifyOptions = {}): Promise<AuditAlert[]> {
  const raised: AuditAlert[] = [];
  if ((await db.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId])).length === 0) return raised;
  await db.query('INSERT INTO projection_cursors (tenant_id, name, seq) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING', [tenantId, AUDIT_CURSOR]);
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const c = await tx.query<{ seq: string | number }>('SELECT seq FROM projection_cursors WHERE tenant_id = $1 AND name = $2 FOR UPDATE', [
        tenantId, AUDIT_CURSOR,
      ]);
      const cursor = Number(c[0]?.seq ?? 0);
      const head = Number((await tx.query<{ last_seq: string | number }>('SELECT last_seq FROM tenants WHERE id = $1', [tenantId]))[0]?.last_seq ?? 0);
      const rows = await tx.query<EventRow>(
        `SELECT seq, id, branch_id, device_id, payload FROM events
          WHERE tenant_id = $1 AND type = $2 AND seq > $3 AND seq <= $4 ORDER BY seq LIMIT $5`,
        [tenantId, AUDIT_ENTRY_RECORDED, cursor, head, BATCH],
      );
      await recordAll(tx, tenantId, rows, now, raised);
      const atHead = rows.length < BATCH;
      const last = atHead ? Math.max(cursor, head) : Number(rows.at(-1)?.seq ?? cursor);
      await tx.query('UPDATE projection_cursors SET seq = $3 WHERE tenant_id = $1 AND name = $2', [tenantId, AUDIT_CURSOR, last]);
      const chains = await tx.query<ChainRow>(
        `SELECT chain_device_id, branch_id, device_id, verified_seq, verified_hash, max_seq, held_gap_seq FROM audit_chains
          WHERE tenant_id = $1 AND (max_seq > verified_seq OR held_gap_seq IS NOT NULL) ORDER BY chain_device_id`,
        [tenantId],
      );
      // Holes are decided only with the whole log read: a hole's filler may sit in the rows after this batch.
      for (const chain of chains) await walk(tx, tenantId, chain, atHead && options.pushedBy?.has(chain.device_id) === true, now, raised);
      return atHead;
    });
    if (done) return raised;
  }
}
