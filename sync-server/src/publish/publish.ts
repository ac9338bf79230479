// Head office publishes master data into the tenant log as events of its own origin (a head-office branch
// and a publisher device that no counter can enroll as), so counters receive it through the same pull,
// in the same order, as everything else. Each kind carries a version that rises by one per publication,
// allocated in the append's transaction: versions and log order never disagree.
import type { EventEnvelope } from '@mortar/main/contract';
import { appendInTransaction } from '../log/event-log.js';
import { uuidv7 } from '../registry/ids.js';
import { newCredential, sha256 } from '../registry/secrets.js';
import type { Database, Queryable } from '../store/database.js';
import { PUBLISH_KINDS, type PublishKind } from './schemas.js';

export type HeadOffice = { tenantId: string; branchId: string; deviceId: string };

export type Publication =
  | { ok: true; kind: PublishKind; version: number; eventId: string; seq: number; origin: HeadOffice }
  | { ok: false; error: { code: 'tenant.notFound'; message: string } };

/** The tenant's head-office origin, created on first use. The caller holds the tenant row lock. */
async function headOffice(tx: Queryable, tenantId: string, now: Date): Promise<HeadOffice> {
  const found = await tx.query<{ branch_id: string; device_id: string }>(
    `SELECT b.id AS branch_id, d.id AS device_id
       FROM branches b JOIN devices d ON d.branch_id = b.id
      WHERE b.tenant_id = $1 AND b.head_office
      ORDER BY d.enrolled_at LIMIT 1`,
    [tenantId],
  );
  const row = found[0];
  if (row) return { tenantId, branchId: row.branch_id, deviceId: row.device_id };
  const branchId = uuidv7(now.getTime());
  const deviceId = uuidv7(now.getTime());
  await tx.query('INSERT INTO branches (id, tenant_id, name, created_at, head_office) VALUES ($1, $2, $3, $4, true)', [
    branchId, tenantId, 'Head office', now,
  ]);
  // The credential is thrown away: the publisher exists only so that its events have an origin.
  await tx.query(
    `INSERT INTO devices (id, tenant_id, branch_id, label, credential_hash, enrolled_at)
     VALUES ($1, $2, $3, 'head-office publisher', $4, $5)`,
    [deviceId, tenantId, branchId, sha256(newCredential()), now],
  );
  return { tenantId, branchId, deviceId };
}

export async function publish(
  db: Database,
  tenantId: string,
  kind: PublishKind,
  items: readonly unknown[],
  now: Date,
): Promise<Publication> {
  return db.transaction(async (tx) => {
    const tenant = await tx.query('SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE', [tenantId]);
    if (tenant.length === 0) return { ok: false as const, error: { code: 'tenant.notFound' as const, message: 'No such tenant' } };
    const origin = await headOffice(tx, tenantId, now);
    const v = await tx.query<{ version: number }>(
      `INSERT INTO publish_versions (tenant_id, kind, version) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, kind) DO UPDATE SET version = publish_versions.version + 1
       RETURNING version`,
      [tenantId, kind],
    );
    const version = Number(v[0]?.version ?? 1);
    const ms = now.getTime();
    const event: EventEnvelope = {
      id: uuidv7(ms),
      tenantId,
      branchId: origin.branchId,
      deviceId: origin.deviceId,
      hlc: `${String(ms).padStart(15, '0')}:${String(version % 1_000_000).padStart(6, '0')}:${origin.deviceId.slice(0, 8)}`,
      type: PUBLISH_KINDS[kind].type,
      schemaVersion: 1,
      occurredAt: ms,
      payload: { kind, version, items: [...items] },
    };
    const r = await appendInTransaction(tx, origin, [event], now);
    if (!r.ok) throw new Error(r.error.code);
    return { ok: true as const, kind, version, eventId: event.id, seq: r.headSeq, origin };
  });
}

export async function publishedVersions(db: Database, tenantId: string): Promise<Record<string, number>> {
  const rows = await db.query<{ kind: string; version: number }>('SELECT kind, version FROM publish_versions WHERE tenant_id = $1', [
    tenantId,
  ]);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.version)]));
}
