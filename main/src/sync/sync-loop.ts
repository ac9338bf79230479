// The background sync loop: one round at a time, never inside a command, retried with exponential backoff
// and full jitter when the server cannot be reached (so that a chain's counters coming back online after an
// outage do not all call at the same instant). It does nothing until the terminal is enrolled. A counter that
// has never pulled catches up from the server's snapshot first (loop-catch-up.ts); while that download runs,
// the counter's own sales still go out on a push lane of their own instead of waiting behind it.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ChangeNotice } from '../contract.js';
import type { Clock } from '../kernel/clock.js';
import type { IdGenerator } from '../kernel/ids.js';
import type { Appliers } from './apply.js';
import { openLiveChannel, type LiveChannel } from './live.js';
import { catchUpNeed, syncRound, type RoundDeps } from './loop-catch-up.js';
import type { SnapshotFetch } from './snapshot-client.js';
import { pushOutbox, type SyncOutcome } from './sync-client.js';
import { syncStore } from './sync-store.js';
import type { WireOptions } from './wire.js';

export type BackoffPolicy = { baseMs: number; maxMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Delay before retry number `failures` (1, 2, ...): uniform in [0, min(max, base * 2^(failures-1))]. */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.floor(random() * ceiling);
}

export type SyncLoopOptions = {
  db: Database;
  clock: Clock;
  ids?: IdGenerator;
  notify?: (notice: ChangeNotice) => void;
  wire?: WireOptions;
  appliers?: Appliers;
  /** Between successful rounds, and how often an unenrolled terminal looks again (default 30 s). */
  intervalMs?: number;
  /** Before the first round (default: at once when enrolled, one interval otherwise). */
  initialDelayMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  log?: (message: string) => void;
  /** Listen on the server's live channel while enrolled (default true). */
  live?: boolean;
  /** How the snapshot is fetched (tests; default the global fetch). */
  snapshotFetch?: SnapshotFetch;
  /** Snapshot events applied per transaction (default: the snapshot client's). */
  snapshotBatch?: number;
};

export type SyncLoop = {
  /** Runs a round now (after the one in flight, if any) and answers with its outcome. */
  syncNow(): Promise<SyncOutcome>;
  /** Something changed here or on the server: run a round within `delayMs` unless one is due sooner. */
  nudge(delayMs?: number): void;
  readonly liveConnected: boolean;
  /** A catch-up from the snapshot is running now. */
  readonly catchingUp: boolean;
  /** The delay chosen for the next round, and how many rounds failed in a row. */
  readonly schedule: { nextDelayMs: number | null; failures: number };
  stop(): Promise<void>;
};

const loops = new WeakMap<Database, SyncLoop>();

/** The loop running over this store in this process, if any (for `sync.now` and `sync.status`). */
export function runningLoop(db: Database): SyncLoop | null {
  return loops.get(db) ?? null;
}

export function startSyncLoop(o: SyncLoopOptions): SyncLoop {
  const interval = o.intervalMs ?? 30_000;
  const policy = o.backoff ?? DEFAULT_BACKOFF;
  const random = o.random ?? Math.random;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let inFlight: Promise<SyncOutcome> | null = null;
  let dueAt = Infinity;
  /** The earliest nudge not yet covered by a round that started after it. */
  let nudgeDue = Infinity;
  let live: { channel: LiveChannel; credential: string } | null = null;
  const schedule = { nextDelayMs: null as number | null, failures: 0 };
  let catchingUp = false;
  /** Learnt from a 404: this server predates snapshots, so this loop reads the log alone. */
  let snapshotMissing = false;
  let laneTimer: NodeJS.Timeout | null = null;
  /** Stopping aborts a snapshot download at once; what it applied stays for the next start. */
  const stopping = new AbortController();
  const deps = (): RoundDeps => {
    const d: RoundDeps = { db: o.db, clock: o.clock, signal: stopping.signal, skipSnapshot: snapshotMissing };
    if (o.ids) d.ids = o.ids;
    if (o.wire) d.wire = o.wire;
    if (o.appliers) d.appliers = o.appliers;
    if (o.notify) d.notify = o.notify;
    if (o.snapshotFetch) d.snapshotFetch = o.snapshotFetch;
    if (o.snapshotBatch) d.snapshotBatch = o.snapshotBatch;
    return d;
  };

  /** The push lane beside a catch-up: the outbox goes out within `delayMs`, serialized with every other push. */
  const pushSoon = (delayMs: number) => {
    if (stopped || laneTimer) return;
    laneTimer = setTimeout(() => {
      laneTimer = null;
      if (stopped) return;
      void pushOutbox(deps()).then((r) => {
        if (!r.ok) o.log?.(`push beside the catch-up failed (${r.error.code}): ${r.error.message}`);
      });
    }, delayMs);
    laneTimer.unref();
  };

  const plan = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    schedule.nextDelayMs = delay;
    dueAt = Date.now() + delay;
    timer = setTimeout(() => {
      timer = null;
      dueAt = Infinity;
      void round();
    }, delay);
    // A pending round never keeps the process alive on its own.
    timer.unref();
  };

  const nudge = (delayMs = 300) => {
    // While failing, the backoff decides; a nudge must not turn an outage into a stream of retries.
    if (stopped || schedule.failures > 0) return;
    const at = Date.now() + delayMs;
    nudgeDue = Math.min(nudgeDue, at);
    // A sale during a long catch-up is pushed on the lane now; the round it asks for comes when the
    // catch-up succeeds (after a failed one, the backoff decides as for any failed round).
    if (catchingUp) return pushSoon(delayMs);
    if (at < dueAt) plan(delayMs);
  };

  /** The live socket follows the enrollment: opened once enrolled, reopened when the credential changes. */
  const keepLive = () => {
    if (o.live === false || stopped) return;
    const identity = syncStore(o.db).identity();
    if (live && live.credential === identity?.credential) return;
    live?.channel.close();
    live = identity
      ? { credential: identity.credential, channel: openLiveChannel({ serverUrl: identity.serverUrl, credential: identity.credential, onNews: () => nudge(0), random, log: o.log }) }
      : null;
  };

  const runOnce = async (): Promise<SyncOutcome> => {
    if (stopped) return { ok: false, error: { code: 'sync.stopped', message: 'Sync has stopped.' }, pushed: 0, pulled: 0, applied: 0 };
    nudgeDue = Infinity;
    catchingUp = !snapshotMissing && syncStore(o.db).identity() !== null && catchUpNeed(o.db) !== null;
    // What waits in the outbox goes out beside the download, not after it.
    if (catchingUp) pushSoon(0);
    // A round cut short by the store closing under it (the app quitting) ends quietly.
    const outcome = await syncRound(deps())
      .then((r) => {
        if (r.snapshotMissing) {
          snapshotMissing = true;
          o.log?.('the sync server has no snapshot route: this counter reads the log from the start');
        }
        return r.outcome;
      })
      .catch((e: unknown): SyncOutcome => ({ ok: false, error: { code: 'sync.internal', message: e instanceof Error ? e.message : String(e) }, pushed: 0, pulled: 0, applied: 0 }))
      .finally(() => {
        catchingUp = false;
      });
    if (stopped) return outcome;
    if (outcome.ok) {
      schedule.failures = 0;
      // A nudge that came during this round (a sale while it pushed) still runs when it said it would.
      plan(Math.min(interval, Math.max(0, nudgeDue - Date.now())));
      keepLive();
    } else if (outcome.error.code === 'sync.notEnrolled') {
      schedule.failures = 0;
      plan(interval);
    } else {
      schedule.failures++;
      o.log?.(`sync failed (${outcome.error.code}): ${outcome.error.message}`);
      plan(backoffDelay(schedule.failures, policy, random));
    }
    return outcome;
  };

  const round = (): Promise<SyncOutcome> => {
    const previous = inFlight ?? Promise.resolve(null);
    const next = previous.then(runOnce, runOnce).finally(() => {
      if (inFlight === next) inFlight = null;
    });
    inFlight = next;
    return next;
  };

  const loop: SyncLoop = {
    syncNow: () => round(),
    nudge,
    get liveConnected() {
      return live?.channel.connected ?? false;
    },
    get catchingUp() {
      return catchingUp;
    },
    schedule,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (laneTimer) clearTimeout(laneTimer);
      laneTimer = null;
      stopping.abort();
      live?.channel.close();
      live = null;
      if (loops.get(o.db) === loop) loops.delete(o.db);
      await inFlight?.catch(() => undefined);
    },
  };
  loops.set(o.db, loop);
  // Start soon, not during start-up: an enrolled counter syncs as soon as the core is up.
  plan(o.initialDelayMs ?? (syncStore(o.db).identity() ? 0 : interval));
  return loop;
}
