// Tenants, branches, enrollment codes and devices. An enrollment code works once and expires; a device's
// credential is kept only as a hash and stops working the moment the device is revoked.
import type { Database } from '../store/database.js';
import { uuidv7 } from './ids.js';
import { newCredential, newEnrollmentCode, normalizeCode, sha256 } from './secrets.js';

export type Device = { id: string; tenantId: string; branchId: string; revoked: boolean };

export type Failure<C extends string> = { ok: false; error: { code: C; message: string } };

export async function createTenant(db: Database, name: string, now: Date): Promise<{ tenantId: string }> {
  const id = uuidv7(now.getTime());
  await db.query('INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3)', [id, name, now]);
  return { tenantId: id };
}

export async function createBranch(
  db: Database,
  tenantId: string,
  name: string,
  now: Date,
): Promise<{ ok: true; branchId: string } | Failure<'tenant.notFound'>> {
  const tenant = await db.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
  if (tenant.length === 0) return { ok: false, error: { code: 'tenant.notFound', message: 'No such tenant' } };
  const id = uuidv7(now.getTime());
  await db.query('INSERT INTO branches (id, tenant_id, name, created_at) VALUES ($1, $2, $3, $4)', [
    id,
    tenantId,
    name,
    now,
  ]);
  return { ok: true, branchId: id };
}

export async function createEnrollmentCode(
  db: Database,
  tenantId: string,
  branchId: string,
  ttlSeconds: number,
  now: Date,
): Promise<{ ok: true; code: string; expiresAt: string } | Failure<'branch.notFound'>> {
  const branch = await db.query('SELECT 1 FROM branches WHERE id = $1 AND tenant_id = $2', [branchId, tenantId]);
  if (branch.length === 0) return { ok: false, error: { code: 'branch.notFound', message: 'No such branch in this tenant' } };
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await db.query(
    `INSERT INTO enrollment_codes (code_hash, tenant_id, branch_id, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [sha256(normalizeCode(code)), tenantId, branchId, expiresAt, now],
  );
  return { ok: true, code, expiresAt: expiresAt.toISOString() };
}

export type Enrollment = { ok: true; deviceId: string; tenantId: string; branchId: string; credential: string };

export async function enrollDevice(
  db: Database,
  code: string,
  label: string,
  now: Date,
): Promise<Enrollment | Failure<'enroll.invalidCode'>> {
  return db.transaction(async (tx) => {
    const deviceId = uuidv7(now.getTime());
    const credential = newCredential();
    // Claiming the code and creating the device are one transaction: a code used twice at once enrolls one.
    const claimed = await tx.query<{ tenant_id: string; branch_id: string }>(
      `UPDATE enrollment_codes SET used_at = $2
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
        RETURNING tenant_id, branch_id`,
      [sha256(normalizeCode(code)), now],
    );
    const row = claimed[0];
    // One answer for unknown, used and expired codes: the caller learns nothing about which codes exist.
    if (!row) return { ok: false as const, error: { code: 'enroll.invalidCode' as const, message: 'The code is unknown, used or expired' } };
    await tx.query(
      `INSERT INTO devices (id, tenant_id, branch_id, label, credential_hash, enrolled_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [deviceId, row.tenant_id, row.branch_id, label, sha256(credential), now],
    );
    await tx.query('UPDATE enrollment_codes SET device_id = $2 WHERE code_hash = $1', [
      sha256(normalizeCode(code)),
      deviceId,
    ]);
    return { ok: true as const, deviceId, tenantId: row.tenant_id, branchId: row.branch_id, credential };
  });
}

/**
 * The device a credential belongs to. A rotated credential's first use makes it the device's credential and
 * ends the old one (migration 0007 says why it waits until then).
 */
export async function deviceByCredential(db: Database, credential: string): Promise<Device | null> {
  const hash = sha256(credential);
  const rows = await db.query<{ id: string; tenant_id: string; branch_id: string; revoked_at: Date | null; pending: boolean }>(
    `SELECT id, tenant_id, branch_id, revoked_at, pending_credential_hash IS NOT NULL AND pending_credential_hash = $1 AS pending
       FROM devices WHERE credential_hash = $1 OR pending_credential_hash = $1`,
    [hash],
  );
  const r = rows[0];
  if (!r) return null;
  if (r.pending) {
    await db.query(
      `UPDATE devices SET credential_hash = pending_credential_hash, pending_credential_hash = NULL, credential_rotated_at = now()
        WHERE id = $1 AND pending_credential_hash = $2`,
      [r.id, hash],
    );
  }
  return { id: r.id, tenantId: r.tenant_id, branchId: r.branch_id, revoked: r.revoked_at !== null };
}

/** A new credential for the device, valid beside its current one until first used; null for a revoked device. */
export async function rotateCredential(db: Database, deviceId: string): Promise<string | null> {
  const credential = newCredential();
  const rows = await db.query('UPDATE devices SET pending_credential_hash = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [deviceId, sha256(credential)]);
  return rows.length > 0 ? credential : null;
}

export async function revokeDevice(db: Database, deviceId: string, now: Date): Promise<boolean> {
  const rows = await db.query('UPDATE devices SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING id', [
    deviceId,
    now,
  ]);
  return rows.length > 0;
}
