// Rule: the terminal's sync credential is rotated every 30 days (issue "Branch sync": credentials rotated,
// revocable), so that a credential copied from an old backup or a disk stops working. The server keeps the old
// one working until the new one is first used, so a rotation whose answer is lost changes nothing here: the old
// credential still works and the next round asks again.
import { syncStore, type SyncIdentity } from './sync-store.js';
import { rotateCredential, type WireOptions } from './wire.js';
import type { Clock } from '../kernel/clock.js';
import type { Database } from 'better-sqlite3-multiple-ciphers';

export const ROTATE_AFTER_MS = 30 * 86_400_000;

/**
 * The identity to sync with: a fresh credential when the current one is due, saved before it is used. A rotation
 * that fails (offline, a server without the route) leaves the current credential, which still works.
 */
export async function rotateCredentialIfDue(d: { db: Database; clock: Clock; wire?: WireOptions }, identity: SyncIdentity): Promise<SyncIdentity> {
  const store = syncStore(d.db);
  const now = d.clock.now();
  if (now - store.credentialIssuedAt(identity.enrolledAt) < ROTATE_AFTER_MS) return identity;
  let fresh: string;
  try {
    fresh = await rotateCredential(identity.serverUrl, identity.credential, d.wire);
  } catch {
    return identity;
  }
  // The identity may have changed while the answer was on its way (a new enrollment): keep that one then.
  const current = store.identity();
  if (!current || current.credential !== identity.credential) return current ?? identity;
  d.db.transaction(() => store.saveRotatedCredential(current, fresh, now))();
  return { ...current, credential: fresh };
}
