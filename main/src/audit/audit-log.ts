// Rule: every change leaves an audit entry, chained by hash per device (DESIGN.md "Security"), so that a
// row edited or removed behind Mortar's back is found by walking the chain. Every entry also leaves an
// `audit.entryRecorded` event in the outbox in the same transaction, so the sync server verifies the chain too.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';
import { digestOf, sha256Hex } from '../kernel/canonical-json.js';
import { hybridClock } from '../kernel/hlc.js';
import { outbox } from '../sync/outbox.js';
import {
  AUDIT_ENTRY_RECORDED,
  AUDIT_ENTRY_RECORDED_VERSION,
  AUDIT_GENESIS_HASH,
  auditEntryHashInput,
  auditEventId,
  type AuditEntry,
  type AuditVerification,
} from './contract.js';

export const GENESIS_HASH = AUDIT_GENESIS_HASH;

export type AuditInput = {
  id: string;
  at: number;
  deviceId: string;
  actorId: string | null;
  actorName: string | null;
  approvedById: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  reason: string | null;
};

type Row = {
  seq: number;
  id: string;
  at: number;
  device_id: string;
  actor_id: string | null;
  actor_name: string | null;
  approved_by_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
};

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(auditEntryHashInput(e));
}

function toEntry(r: Row): AuditEntry {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    deviceId: r.device_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    approvedById: r.approved_by_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    reason: r.reason,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export type AuditLog = {
  append(input: AuditInput): AuditEntry;
  list(beforeSeq: number | undefined, limit: number): AuditEntry[];
  verify(): AuditVerification;
};

export const auditLog = perDatabase(function build(db: Database): AuditLog {
  const tail = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, id, at, device_id, actor_id, actor_name, approved_by_id, action, entity_type,
       entity_id, before_digest, after_digest, reason, prev_hash, hash)
     VALUES (@seq, @id, @at, @deviceId, @actorId, @actorName, @approvedById, @action, @entityType, @entityId,
       @beforeDigest, @afterDigest, @reason, @prevHash, @hash)`,
  );
  const page = db.prepare<[number, number], Row>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?');
  const all = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq');
  const origin = db.prepare<[], { device_id: string; tenant_id: string; branch_id: string }>(
    'SELECT d.id AS device_id, p.tenant_id, p.branch_id FROM device d, pharmacy p LIMIT 1',
  );
  // The newest outbox stamp by position (the primary key), not by value: one index step per entry.
  const newestStamp = db.prepare<[], { hlc: string }>('SELECT hlc FROM outbox_event ORDER BY seq DESC LIMIT 1');

  /** The entry travels as an outbox event in the caller's transaction: both are written or neither. */
  function enqueue(entry: AuditEntry): void {
    const o = origin.get();
    if (!o) throw new Error('an audit entry before the terminal exists cannot reach the sync server');
    const id = auditEventId(entry.id);
    if (!id) throw new Error(`audit entry id ${entry.id} is not a UUID`);
    // A stamp after every earlier one of this device, on the entry's own instant (the chain orders by seq).
    const hlc = hybridClock({ now: () => entry.at }, o.device_id, newestStamp.get()?.hlc ?? null).tick();
    outbox(db).append({
      id,
      tenantId: o.tenant_id,
      branchId: o.branch_id,
      deviceId: o.device_id,
      hlc,
      type: AUDIT_ENTRY_RECORDED,
      schemaVersion: AUDIT_ENTRY_RECORDED_VERSION,
      occurredAt: entry.at,
      payload: { ...entry },
    });
  }

  return {
    append(input) {
      const last = tail.get();
      const partial = {
        seq: (last?.seq ?? 0) + 1,
        id: input.id,
        at: input.at,
        deviceId: input.deviceId,
        actorId: input.actorId,
        actorName: input.actorName,
        approvedById: input.approvedById,
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId,
        beforeDigest: digestOf(input.before),
        afterDigest: digestOf(input.after),
        reason: input.reason,
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const entry = { ...partial, hash: entryHash(partial) };
      insert.run(entry);
      enqueue(entry);
      return entry;
    },
    list(beforeSeq, limit) {
      return page.all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit).map(toEntry);
    },
    verify() {
      let prev = GENESIS_HASH;
      let expectedSeq = 1;
      let count = 0;
      for (const row of all.iterate()) {
        const e = toEntry(row);
        count++;
        if (e.seq !== expectedSeq) return { ok: false, entries: count, firstBroken: { seq: e.seq, reason: 'sequenceGap' } };
        if (e.prevHash !== prev) return { ok: false, entries: count, firstBroken: { seq: e.seq, reason: 'linkMismatch' } };
        if (entryHash(e) !== e.hash) return { ok: false, entries: count, firstBroken: { seq: e.seq, reason: 'hashMismatch' } };
        prev = e.hash;
        expectedSeq++;
      }
      return { ok: true, entries: count, firstBroken: null };
    },
  };
});
