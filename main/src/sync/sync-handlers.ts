// The sync operations. Enrolling talks to the server in `prepare` (before any transaction) and stores the
// answer in `run`; `sync.now` runs a round through this process's loop, outside the dispatcher's transaction.
import { handler } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { ErrorCode } from '../contract.js';
import { systemClock } from '../kernel/clock.js';
import { uuidv7Generator } from '../kernel/ids.js';
import { acknowledgeException } from './exceptions.js';
import { syncRound } from './loop-catch-up.js';
import { runningLoop } from './sync-loop.js';
import { readSyncStatus } from './sync-status.js';
import { syncStore } from './sync-store.js';
import { receiveSyncedTransfer } from './transfer-receive.js';
import { enroll, SyncWireError, type Enrollment } from './wire.js';

export type SyncErrorCode = 'sync.identityMismatch' | 'sync.notEnrolled' | 'sync.enrollFailed';

// The shared error list belongs to the API; ApiError admits a domain's own dotted codes as strings.
function syncError(code: SyncErrorCode, message: string, details?: unknown): CoreError {
  return new CoreError(code as ErrorCode, message, details);
}

export const syncHandlers = {
  'sync.enroll': handler<'sync.enroll', Enrollment>({
    async prepare(ctx, input) {
      const identity = syncStore(ctx.db).identity();
      try {
        const e = await enroll(input.serverUrl, input.code, input.label ?? '');
        if (identity && (identity.tenantId !== e.tenantId || identity.branchId !== e.branchId)) {
          throw syncError('sync.identityMismatch', 'This terminal is enrolled with another branch; a terminal never changes branch (set up a new one).', {
            enrolledBranchId: identity.branchId,
            offeredBranchId: e.branchId,
          });
        }
        return e;
      } catch (e: unknown) {
        if (e instanceof SyncWireError) throw syncError('sync.enrollFailed', e.message, { serverCode: e.code, status: e.status });
        throw e;
      }
    },
    run(ctx, input, e) {
      const store = syncStore(ctx.db);
      const first = store.identity() === null;
      store.saveIdentity({ serverUrl: input.serverUrl, deviceId: e.deviceId, tenantId: e.tenantId, branchId: e.branchId, credential: e.credential, enrolledAt: ctx.now });
      // Setup made placeholder chain ids; the terminal adopts the chain's at its first enrollment.
      if (first) {
        store.adoptChainIds(e.tenantId, e.branchId);
        // The running dispatcher keeps its terminal: the next commands (a transfer's document) carry these ids.
        if (ctx.terminal) ctx.terminal = { ...ctx.terminal, tenantId: e.tenantId, branchId: e.branchId };
      }
      ctx.audit({
        action: 'sync.enroll',
        entityType: 'syncIdentity',
        entityId: e.deviceId,
        after: { serverUrl: input.serverUrl, deviceId: e.deviceId, tenantId: e.tenantId, branchId: e.branchId, reenrolled: !first },
      });
      const loop = runningLoop(ctx.db);
      // After this command commits, not inside it.
      if (loop) setImmediate(() => void loop.syncNow());
      return readSyncStatus(ctx.db);
    },
  }),
  'sync.status': handler<'sync.status'>({
    run: (ctx) => readSyncStatus(ctx.db),
  }),
  'sync.now': handler<'sync.now'>({
    async prepare(ctx) {
      if (!syncStore(ctx.db).identity()) throw syncError('sync.notEnrolled', 'This terminal is not enrolled with a sync server yet.');
      const loop = runningLoop(ctx.db);
      // Without a loop (a CLI call, a test) one round runs here, the catch-up included when the counter
      // needs it; its outcome lands in the status either way.
      if (loop) await loop.syncNow();
      else await syncRound({ db: ctx.db, clock: systemClock, ids: uuidv7Generator(systemClock) });
      return undefined;
    },
    run: (ctx) => readSyncStatus(ctx.db),
  }),
  'sync.listExceptions': handler<'sync.listExceptions'>({
    run: (ctx, input) => syncStore(ctx.db).exceptions(input.limit, input.state),
  }),
  'sync.acknowledgeException': handler<'sync.acknowledgeException'>({
    run: (ctx, input) => acknowledgeException(ctx, input),
  }),
  'sync.receiveTransfer': handler<'sync.receiveTransfer'>({
    run: (ctx, input) => receiveSyncedTransfer(ctx, input),
  }),
  'sync.listBranchStock': handler<'sync.listBranchStock'>({
    run: (ctx, input) => {
      const identity = syncStore(ctx.db).identity();
      return syncStore(ctx.db).branchStock(input.sku, identity?.branchId ?? ctx.terminal?.branchId ?? '');
    },
  }),
};
