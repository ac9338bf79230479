// Rule: head-office users reach only their own chain through the admin API (issue "Branch sync", security). A
// password is kept only as an scrypt hash (salted, memory-hard: a stolen database does not give passwords away);
// five wrong passwords in a row lock the user for 15 minutes; a session is a 256-bit token kept only as its
// SHA-256 hash, valid for 12 hours, ended by logging out or by the user's deactivation.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Database } from '../store/database.js';
import { sha256 } from '../registry/secrets.js';
import { uuidv7 } from '../registry/ids.js';
import type { ApiError } from '../http/errors.js';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCallback(password, salt, keylen, options, (e, key) => (e ? reject(e) : resolve(key))));

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds per check). */
const COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
export const SESSION_HOURS = 12;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export type AdminUser = { id: string; tenantId: string; username: string; displayName: string; active: boolean; createdAt: string };
export type AdminSession = { userId: string; tenantId: string; username: string; displayName: string };

type UserRow = {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: boolean;
  failed_logins: number;
  locked_until: Date | string | null;
  created_at: Date | string;
};

const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();
const userOf = (r: UserRow): AdminUser => ({ id: r.id, tenantId: r.tenant_id, username: r.username, displayName: r.display_name, active: r.active, createdAt: iso(r.created_at) });

type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export async function createAdminUser(
  db: Database,
  tenantId: string,
  input: { username: string; displayName: string; password: string },
  now: Date,
): Promise<Result<AdminUser>> {
  if ((await db.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId])).length === 0) return { ok: false, error: { code: 'tenant.notFound', message: 'No such tenant' } };
  const hash = await hashPassword(input.password);
  const rows = await db.query<UserRow>(
    `INSERT INTO admin_users (id, tenant_id, username, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING RETURNING *`,
    [uuidv7(now.getTime()), tenantId, input.username, input.displayName, hash, now],
  );
  const row = rows[0];
  if (!row) return { ok: false, error: { code: 'adminUser.taken', message: `There is already a head-office user named ${input.username} in this chain` } };
  return { ok: true, value: userOf(row) };
}

export async function listAdminUsers(db: Database, tenantId: string): Promise<AdminUser[]> {
  return (await db.query<UserRow>('SELECT * FROM admin_users WHERE tenant_id = $1 ORDER BY lower(username)', [tenantId])).map(userOf);
}

/** Deactivates a user of the tenant and ends every session of theirs at once. */
export async function deactivateAdminUser(db: Database, tenantId: string, userId: string): Promise<Result<AdminUser>> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<UserRow>('UPDATE admin_users SET active = false WHERE id = $1 AND tenant_id = $2 RETURNING *', [userId, tenantId]);
    const row = rows[0];
    if (!row) return { ok: false, error: { code: 'adminUser.notFound', message: 'No such head-office user in this chain' } };
    await tx.query('DELETE FROM admin_sessions WHERE user_id = $1', [userId]);
    return { ok: true, value: userOf(row) };
  });
}

/**
 * Checks a name and password of the chain. The same answer for an unknown name and a wrong password, so the
 * API does not say which names exist; a locked or deactivated user is told so only with the right password.
 */
export async function login(
  db: Database,
  tenantId: string,
  username: string,
  password: string,
  now: Date,
): Promise<Result<{ token: string; expiresAt: string; user: AdminUser }>> {
  const bad: Result<never> = { ok: false, error: { code: 'admin.badCredentials', message: 'Unknown name or wrong password' } };
  const row = (await db.query<UserRow>('SELECT * FROM admin_users WHERE tenant_id = $1 AND lower(username) = lower($2)', [tenantId, username]))[0];
  if (!row) {
    // As long as a real check, so that timing does not tell an unknown name from a wrong password.
    await passwordMatches(password, `scrypt$${COST.N}$${COST.r}$${COST.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`);
    return bad;
  }
  const lockedUntil = row.locked_until === null ? null : new Date(row.locked_until);
  const matches = await passwordMatches(password, row.password_hash);
  if (!matches) {
    if (lockedUntil === null || lockedUntil <= now) {
      const failures = row.failed_logins + 1;
      const lock = failures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
      await db.query('UPDATE admin_users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [row.id, lock ? 0 : failures, lock]);
    }
    return bad;
  }
  if (lockedUntil !== null && lockedUntil > now) {
    return { ok: false, error: { code: 'admin.locked', message: `Too many wrong passwords: try again after ${lockedUntil.toISOString()}`, details: { lockedUntil: lockedUntil.toISOString() } } };
  }
  if (!row.active) return { ok: false, error: { code: 'admin.userInactive', message: 'This head-office user has been deactivated' } };
  const token = `mho_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE admin_users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [row.id]);
    await tx.query('DELETE FROM admin_sessions WHERE user_id = $1 AND expires_at <= $2', [row.id, now]);
    await tx.query('INSERT INTO admin_sessions (token_hash, user_id, tenant_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [sha256(token), row.id, row.tenant_id, now, expiresAt]);
  });
  return { ok: true, value: { token, expiresAt: expiresAt.toISOString(), user: userOf(row) } };
}

/** The live session a bearer token names, or null (unknown, expired, or its user deactivated). */
export async function sessionOf(db: Database, token: string, now: Date): Promise<AdminSession | null> {
  if (!token.startsWith('mho_')) return null;
  const rows = await db.query<{ user_id: string; tenant_id: string; username: string; display_name: string }>(
    `SELECT s.user_id, s.tenant_id, u.username, u.display_name FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
    [sha256(token), now],
  );
  const r = rows[0];
  return r ? { userId: r.user_id, tenantId: r.tenant_id, username: r.username, displayName: r.display_name } : null;
}

export async function logout(db: Database, token: string): Promise<boolean> {
  return (await db.query('DELETE FROM admin_sessions WHERE token_hash = $1 RETURNING user_id', [sha256(token)])).length > 0;
}
