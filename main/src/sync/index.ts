// The sync client for whatever hosts a terminal's core (`mortar serve`, the desktop app, tests).
import type { Core } from '../core.js';
import type { ChangeNotice } from '../contract.js';
import type { IdGenerator } from '../kernel/ids.js';
import { startSyncLoop, type SyncLoop, type SyncLoopOptions } from './sync-loop.js';

export { backoffDelay, DEFAULT_BACKOFF, runningLoop, startSyncLoop, type BackoffPolicy, type SyncLoop, type SyncLoopOptions } from './sync-loop.js';
export { syncOnce, type SyncDeps, type SyncOutcome } from './sync-client.js';
export { defaultAppliers, ignoredTypes, type Applier, type Appliers, type ApplyEnv } from './apply.js';
export { FOLD_CHUNK, foldLearnedTypes, type FoldOptions } from './refold.js';
export { readSyncStatus } from './sync-status.js';
export { catchUpNewCounter, downloadSnapshot, type CatchUpOutcome, type SnapshotDeps, type SnapshotFetch, type SnapshotOutcome } from './snapshot-client.js';
export type { FetchLike, WireOptions } from './wire.js';

/** Local writes come in bursts (a basket of scans, then pay): one round after the burst, not one per write. */
export const LOCAL_CHANGE_DELAY_MS = 500;

export type SyncedCore = { core: Core; loop: SyncLoop; stop(): Promise<void> };

/**
 * Starts the background loop over a core and returns the core with pulled changes joined into its change
 * notices, so every transport (WebSocket, Electron IPC) tells open screens to refresh.
 */
export function startSync(core: Core, options: Partial<Omit<SyncLoopOptions, 'db' | 'clock' | 'notify'>> & { ids?: IdGenerator } = {}): SyncedCore {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  const loop = startSyncLoop({
    ...options,
    db: core.db,
    clock: core.clock,
    ids: options.ids,
    notify: (notice) => {
      for (const l of listeners) {
        try {
          l(notice);
        } catch (e: unknown) {
          options.log?.(`a change listener failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    },
  });
  // A sale, a receipt or a quarantine here is pushed within a second, so other branches see it soon.
  const offLocal = core.subscribe((notice) => {
    if (notice.op !== 'sync.now' && notice.topics.some((t) => t === 'stock' || t === 'sales' || t === 'inventory')) loop.nudge(LOCAL_CHANGE_DELAY_MS);
  });
  const synced: Core = {
    ...core,
    subscribe(listener) {
      const off = core.subscribe(listener);
      listeners.add(listener);
      return () => {
        off();
        listeners.delete(listener);
      };
    },
  };
  return {
    core: synced,
    loop,
    stop: () => {
      offLocal();
      return loop.stop();
    },
  };
}

/**
 * The core with its sync loop beside it, for hosts that wrap a core in one line (`mortar serve`, the desktop
 * app): change notices include what pulls changed, and closing the core stops the loop first.
 */
export function withSync(core: Core, options: Parameters<typeof startSync>[1] = {}): Core {
  const synced = startSync(core, options);
  return {
    ...synced.core,
    close() {
      void synced.stop();
      core.close();
    },
  };
}
