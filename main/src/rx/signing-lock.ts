// Rule: repeated wrong credentials given to sign lock that signer's signing for a while (21 CFR 11.300(d):
// attempts at unauthorised use are detected and stopped), with the terminal's own login limits (settings:
// maxFailedLogins, lockoutMinutes), so guessing a pharmacist's password at the signing prompt is as slow and
// visible as at the login screen. The lock is separate from the login lockout: the signer stays logged in.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { readSettings } from '../settings/settings-store.js';
import { perDatabase } from '../store/per-database.js';

type LockRow = { user_id: string; failed_attempts: number; locked_until: number | null };

const statements = perDatabase((db: Database) => ({
  byUser: db.prepare<[string], LockRow>('SELECT * FROM signing_lock WHERE user_id = ?'),
  upsert: db.prepare(
    `INSERT INTO signing_lock (user_id, failed_attempts, locked_until) VALUES (@user_id, @failed_attempts, @locked_until)
     ON CONFLICT (user_id) DO UPDATE SET failed_attempts = excluded.failed_attempts, locked_until = excluded.locked_until`,
  ),
}));

/** Refuses to sign while the signer's signing is locked. */
export function refuseWhileLocked(ctx: CommandContext, userId: string): void {
  const row = statements(ctx.db).byUser.get(userId);
  if (row?.locked_until != null && row.locked_until > ctx.now) {
    const minutes = Math.ceil((row.locked_until - ctx.now) / 60_000);
    throw new CoreError('rx.signingLocked', `Signing is locked for another ${minutes} minute(s) after repeated wrong passwords or PINs.`, { until: row.locked_until });
  }
}

/** Counts a wrong signing credential; at the limit, locks signing and says until when (null while not locked). */
export function recordSigningFailure(ctx: CommandContext, userId: string): number | null {
  const settings = readSettings(ctx.db);
  const row = statements(ctx.db).byUser.get(userId);
  const attempts = (row?.failed_attempts ?? 0) + 1;
  if (attempts >= settings.maxFailedLogins) {
    const until = ctx.now + settings.lockoutMinutes * 60_000;
    statements(ctx.db).upsert.run({ user_id: userId, failed_attempts: 0, locked_until: until });
    return until;
  }
  statements(ctx.db).upsert.run({ user_id: userId, failed_attempts: attempts, locked_until: null });
  return null;
}

/** A good signature starts the count again. */
export function clearSigningFailures(ctx: CommandContext, userId: string): void {
  const row = statements(ctx.db).byUser.get(userId);
  if (row && (row.failed_attempts !== 0 || row.locked_until !== null)) {
    statements(ctx.db).upsert.run({ user_id: userId, failed_attempts: 0, locked_until: null });
  }
}
