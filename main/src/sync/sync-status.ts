import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { SyncStatus } from './contract/ops.js';
import { catchUpProgress } from './loop-catch-up.js';
import { outbox } from './outbox.js';
import { runningLoop } from './sync-loop.js';
import { syncStore } from './sync-store.js';

/** What the status indicator shows; never the credential. */
export function readSyncStatus(db: Database): SyncStatus {
  const store = syncStore(db);
  const identity = store.identity();
  const state = store.state();
  const loop = runningLoop(db);
  const progress = catchUpProgress(db);
  // Catching up while the loop downloads the snapshot, and also while one waits unfinished for the next round.
  // (A finished snapshot still shows while the same round reads the log after it.)
  const catchingUp = identity !== null && (loop?.catchingUp === true || (progress !== null && !progress.done));
  return {
    enrolled: identity !== null,
    serverUrl: identity?.serverUrl ?? null,
    syncDeviceId: identity?.deviceId ?? null,
    online: state.online === null ? null : state.online === 1,
    running: loop !== null,
    lastSyncAt: state.last_success_at,
    lastAttemptAt: state.last_attempt_at,
    pending: outbox(db).countPending(),
    deferred: store.countDeferred(),
    lastError:
      state.last_error_code !== null && state.last_error_at !== null
        ? { code: state.last_error_code, message: state.last_error_message ?? '', at: state.last_error_at }
        : null,
    cursor: state.cursor,
    openExceptions: store.countOpenExceptions(),
    catchUp: catchingUp ? { running: loop?.catchingUp === true, at: progress?.at ?? null, through: progress?.through ?? 0, events: progress?.events ?? 0 } : null,
  };
}
