// Rule (DESIGN.md "Sync"): a new counter starts from a snapshot of what it is entitled to, then follows the
// log, instead of reading the whole log page by page. This decides which round a counter needs and runs the
// catch-up round; a server without the snapshot route (an older server, 404) gets the plain log round.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { catchUpNewCounter, type SnapshotDeps, type SnapshotFetch } from './snapshot-client.js';
import { snapshotStore } from './snapshot-store.js';
import { syncOnce, type SyncDeps, type SyncOutcome } from './sync-client.js';
import { syncStore } from './sync-store.js';

/**
 * `start`: the counter has never pulled (no snapshot begun and the pull cursor at 0): a new counter, or a
 * reinstalled one whose store is new. `resume`: a snapshot was begun and not finished (the network went or
 * the app closed); it goes on after the last sequence it applied. `null`: the counter follows the log.
 */
export type CatchUpNeed = 'start' | 'resume' | null;

export function catchUpNeed(db: Database): CatchUpNeed {
  const row = snapshotStore(db).row();
  if (row) return row.completed_at === null ? 'resume' : null;
  return syncStore(db).state().cursor === 0 ? 'start' : null;
}

/** How far the snapshot got, for the sync status; null when none was begun. */
export function catchUpProgress(db: Database): { at: number; through: number; events: number; done: boolean } | null {
  const row = snapshotStore(db).row();
  if (!row) return null;
  return { at: row.at_seq, through: row.after_seq, events: row.events, done: row.completed_at !== null };
}

export type RoundDeps = SyncDeps & {
  /** How the snapshot is fetched (default: the global fetch). */
  snapshotFetch?: SnapshotFetch;
  /** Snapshot events applied per transaction (the snapshot client's default when absent). */
  snapshotBatch?: number;
  snapshotIdleMs?: number;
  /** Aborts a download in progress (the app closing); what was applied is kept for the next round. */
  signal?: AbortSignal;
  /** The server is known to have no snapshot route: only the log. */
  skipSnapshot?: boolean;
};

export type RoundResult = { outcome: SyncOutcome; caughtUp: boolean; snapshotMissing: boolean };

/** The snapshot (or the rest of it), then the log from the snapshot's position; the log alone on a server without snapshots. */
export async function catchUpRound(d: RoundDeps): Promise<RoundResult> {
  let status: number | null = null;
  const base: SnapshotFetch = d.snapshotFetch ?? ((url, init) => fetch(url, init));
  const watched: SnapshotFetch = async (url, init) => {
    const signal = d.signal ? AbortSignal.any([init.signal, d.signal]) : init.signal;
    const response = await base(url, { ...init, signal });
    status = response.status;
    return response;
  };
  const deps: SnapshotDeps & Pick<SyncDeps, 'wire' | 'pullPage'> = { db: d.db, clock: d.clock, fetch: watched };
  if (d.ids) deps.ids = d.ids;
  if (d.appliers) deps.appliers = d.appliers;
  if (d.notify) deps.notify = d.notify;
  if (d.wire) deps.wire = d.wire;
  if (d.pullPage) deps.pullPage = d.pullPage;
  if (d.snapshotBatch) deps.batchSize = d.snapshotBatch;
  if (d.snapshotIdleMs) deps.idleTimeoutMs = d.snapshotIdleMs;
  const result = await catchUpNewCounter(deps);
  const { snapshot, log } = result;
  if (!snapshot.ok && status === 404) {
    // An older server: the log from where this counter stands, as before snapshots existed.
    return { outcome: await syncOnce(d), caughtUp: false, snapshotMissing: true };
  }
  if (!snapshot.ok || !log) {
    const error = snapshot.ok ? { code: 'sync.internal', message: 'The catch-up ended without its log round.' } : { code: snapshot.error.code, message: snapshot.error.message };
    return { outcome: { ok: false, error, pushed: 0, pulled: snapshot.received, applied: snapshot.applied }, caughtUp: false, snapshotMissing: false };
  }
  return { outcome: { ...log, pulled: log.pulled + snapshot.received, applied: log.applied + snapshot.applied }, caughtUp: log.ok, snapshotMissing: false };
}

/** One round as the counter needs it: the catch-up while it has never pulled (or is part way), else the log. */
export async function syncRound(d: RoundDeps): Promise<RoundResult> {
  if (!d.skipSnapshot && syncStore(d.db).identity() && catchUpNeed(d.db) !== null) return catchUpRound(d);
  return { outcome: await syncOnce(d), caughtUp: false, snapshotMissing: false };
}
