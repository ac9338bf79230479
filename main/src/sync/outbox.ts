// Every committed command leaves its sync events in the outbox in the same transaction (DESIGN.md "Sync"),
// so that what the counter did and what it will tell the server can never disagree.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';
import type { EventEnvelope } from './contract.js';

export type Outbox = {
  append(event: EventEnvelope): void;
  lastHlc(): string | null;
  pending(limit: number): EventEnvelope[];
  countPending(): number;
};

type Row = {
  id: string;
  tenant_id: string;
  branch_id: string;
  device_id: string;
  hlc: string;
  type: string;
  schema_version: number;
  occurred_at: number;
  payload: string;
};

export const outbox = perDatabase(function build(db: Database): Outbox {
  const insert = db.prepare(
    `INSERT INTO outbox_event (id, tenant_id, branch_id, device_id, hlc, type, schema_version, occurred_at, payload)
     VALUES (@id, @tenantId, @branchId, @deviceId, @hlc, @type, @schemaVersion, @occurredAt, @payload)`,
  );
  const last = db.prepare<[], { hlc: string }>('SELECT hlc FROM outbox_event ORDER BY hlc DESC LIMIT 1');
  const pending = db.prepare<[number], Row>('SELECT * FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox_event WHERE sent_at IS NULL');
  return {
    append(e) {
      insert.run({ ...e, payload: JSON.stringify(e.payload) });
    },
    lastHlc: () => last.get()?.hlc ?? null,
    pending: (limit) =>
      pending.all(limit).map((r) => ({
        id: r.id,
        tenantId: r.tenant_id,
        branchId: r.branch_id,
        deviceId: r.device_id,
        hlc: r.hlc,
        type: r.type,
        schemaVersion: r.schema_version,
        occurredAt: r.occurred_at,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
      })),
    countPending: () => count.get()?.n ?? 0,
  };
});
