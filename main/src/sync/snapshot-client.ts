// A new counter starts from a snapshot of what it is entitled to, then follows the log (DESIGN.md "Sync").
// Rule: nothing is applied twice and nothing is lost, even when the download is cut. Every event of the
// snapshot goes through the same idempotent path as a pulled one (applyPulled: the inbox by event id),
// in large transactions that also record how far the snapshot got (sync_snapshot.after_seq); a cut download
// asks the server for the same position `at` after that sequence, and only the final transaction, after the
// server's `end` line, moves the pull cursor to `at`. Network I/O stays outside every transaction.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Terminal } from '../api/command-context.js';
import type { ChangeNotice, Topic } from '../contract.js';
import type { Clock } from '../kernel/clock.js';
import { uuidv7Generator, type IdGenerator } from '../kernel/ids.js';
import { readTerminal } from '../setup/terminal-store.js';
import { applyReceived, defaultAppliers, type ApplyEnv, type Appliers } from './apply.js';
import type { EventEnvelope } from './contract.js';
import { withBulkProductIndex } from './apply-master-data-store.js';
import { snapshotStore, type SnapshotRow } from './snapshot-store.js';
import { syncOnce, type SyncDeps, type SyncOutcome } from './sync-client.js';
import { syncStore } from './sync-store.js';
import { lines, parseLine, SnapshotFailure } from './snapshot-lines.js';

export type SnapshotResponse = { status: number; body: ReadableStream<Uint8Array> | null; text(): Promise<string> };
export type SnapshotFetch = (url: string, init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal }) => Promise<SnapshotResponse>;

export type SnapshotDeps = {
  db: Database;
  clock: Clock;
  ids?: IdGenerator;
  appliers?: Appliers;
  fetch?: SnapshotFetch;
  /** Events applied per transaction (default 5,000). */
  batchSize?: number;
  /** The download is abandoned when no byte arrives for this long (default 60 s). */
  idleTimeoutMs?: number;
  notify?: (notice: ChangeNotice) => void;
};

export type SnapshotError = { code: string; message: string; details?: unknown };

export type SnapshotOutcome =
  | { ok: true; state: 'done' | 'notNeeded'; at: number; received: number; applied: number; resumedAfter: number }
  | { ok: false; error: SnapshotError; at: number | null; received: number; applied: number; resumedAfter: number };

export const SNAPSHOT_FORMAT = 1;

function endpoint(serverUrl: string, at: number | null, after: number): string {
  const url = new URL('v1/snapshot', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
  if (at !== null) url.searchParams.set('at', String(at));
  url.searchParams.set('after', String(after));
  return url.toString();
}

async function refusal(response: SnapshotResponse): Promise<SnapshotFailure> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (typeof body.error?.code === 'string') return new SnapshotFailure(body.error.code, String(body.error.message ?? ''), body.error.details);
  } catch {
    // Not JSON: described below by its status.
  }
  return new SnapshotFailure('sync.badResponse', `The sync server answered ${response.status} to the snapshot request.`);
}

type Run = { received: number; applied: number; topics: Set<Topic> };

async function download(d: SnapshotDeps, env: ApplyEnv, row: SnapshotRow | null, run: Run): Promise<number> {
  const store = snapshotStore(d.db);
  const appliers = d.appliers ?? defaultAppliers;
  const batchSize = d.batchSize ?? 5000;
  const controller = new AbortController();
  const idleMs = d.idleTimeoutMs ?? 60_000;
  let idle = setTimeout(() => controller.abort(), idleMs);
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(), idleMs);
  };
  const doFetch: SnapshotFetch = d.fetch ?? ((u, i) => fetch(u, i));
  let at = row?.at_seq ?? null;
  const after = row?.after_seq ?? 0;
  const now = () => d.clock.now();
  let pending: { seq: number; event: EventEnvelope; text: string }[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const page = pending;
    pending = [];
    const apply = () => {
      for (const { seq, event, text } of page) {
        const outcome = applyReceived(env, appliers, seq, event, text);
        if (!outcome) continue;
        if (outcome.state === 'applied') run.applied++;
        for (const t of outcome.topics) run.topics.add(t);
      }
      store.progress(page.at(-1)?.seq ?? after, page.length);
    };
    const catalog = page.some((e) => e.event.type === 'catalog.productsPublished');
    d.db.transaction(() => (catalog ? withBulkProductIndex(d.db, apply) : apply())).immediate();
    // Applying is work, not silence: the idle limit counts only the time spent waiting for the server.
    touch();
  };
  try {
    let response: SnapshotResponse;
    try {
      response = await doFetch(endpoint(env.identity.serverUrl, at, after), { method: 'GET', headers: { authorization: `Bearer ${env.identity.credential}` }, signal: controller.signal });
    } catch (e: unknown) {
      throw new SnapshotFailure('sync.unreachable', `The sync server cannot be reached${e instanceof Error ? `: ${e.message}` : ''}.`);
    }
    if (response.status !== 200 || !response.body) throw await refusal(response);
    let ended = false;
    let last = after;
    const needsPayload = (type: string) => Object.hasOwn(appliers, type);
    for await (const texts of lines(response.body, touch)) {
      for (const text of texts) {
        if (text.length === 0) continue;
        const line = parseLine(text, needsPayload);
        if (line.t === 'begin') {
          if (line.format !== SNAPSHOT_FORMAT) throw new SnapshotFailure('sync.snapshotFormat', `This counter reads snapshot format ${SNAPSHOT_FORMAT}, the server sent ${line.format}.`);
          if (line.tenantId !== env.identity.tenantId || line.branchId !== env.identity.branchId) throw new SnapshotFailure('sync.badSnapshot', 'The snapshot is of another branch.');
          if (at !== null && line.at !== at) throw new SnapshotFailure('sync.badSnapshot', 'The server resumed the snapshot at another position.');
          if (row === null) d.db.transaction(() => store.begin(line.at, now()))();
          at = line.at;
        } else if (line.t === 'event') {
          if (at === null) throw new SnapshotFailure('sync.badSnapshot', 'The snapshot did not begin with its position.');
          if (line.seq <= last || line.seq > at) throw new SnapshotFailure('sync.badSnapshot', 'The snapshot’s events are out of order.');
          last = line.seq;
          pending.push({ seq: line.seq, event: line.event, text: line.text });
          run.received++;
          if (pending.length >= batchSize) flush();
        } else {
          if (at === null || line.at !== at) throw new SnapshotFailure('sync.badSnapshot', 'The snapshot ended at another position.');
          flush();
          const target = at;
          d.db.transaction(() => {
            store.complete(now());
            // The log continues from the snapshot's position; a cursor already past it stays.
            if (syncStore(d.db).state().cursor < target) syncStore(d.db).setCursor(target);
          }).immediate();
          ended = true;
        }
      }
    }
    if (!ended) throw new SnapshotFailure('sync.snapshotCut', 'The snapshot download ended before the server’s end line.');
    return at ?? 0;
  } catch (e: unknown) {
    // What arrived in full is kept: the next attempt resumes after it.
    try {
      flush();
    } catch {
      // The failure that stopped the download is the one to report.
    }
    if (e instanceof SnapshotFailure) throw e;
    const name = e instanceof Error ? e.name : '';
    if (name === 'AbortError' || name === 'TimeoutError') throw new SnapshotFailure('sync.timeout', 'The snapshot download stalled.');
    throw new SnapshotFailure('sync.snapshotCut', `The snapshot download was cut${e instanceof Error ? `: ${e.message}` : ''}.`);
  } finally {
    clearTimeout(idle);
  }
}

/**
 * Downloads and applies the snapshot once per enrolled terminal, resuming an unfinished one. A terminal that
 * already follows the log (cursor past 0) needs none. Never throws: a failure is returned and kept for the
 * next attempt.
 */
export async function downloadSnapshot(d: SnapshotDeps): Promise<SnapshotOutcome> {
  const identity = syncStore(d.db).identity();
  const terminal: Terminal | null = readTerminal(d.db);
  const empty = { received: 0, applied: 0, resumedAfter: 0 };
  if (!identity || !terminal) return { ok: false, error: { code: 'sync.notEnrolled', message: 'This terminal is not enrolled with a sync server.' }, at: null, ...empty };
  const row = snapshotStore(d.db).row();
  if (row?.completed_at != null) return { ok: true, state: 'done', at: row.at_seq, ...empty };
  if (!row && syncStore(d.db).state().cursor > 0) return { ok: true, state: 'notNeeded', at: syncStore(d.db).state().cursor, ...empty };
  const env: ApplyEnv = { db: d.db, clock: d.clock, ids: d.ids ?? uuidv7Generator(d.clock), identity, terminal };
  const run: Run = { received: 0, applied: 0, topics: new Set() };
  const resumedAfter = row?.after_seq ?? 0;
  // Each batch commits with its progress, so a batch lost to a power cut is downloaded again: the snapshot
  // needs no fsync per commit. The store's own setting is back as soon as the download ends.
  const synchronous = d.db.pragma('synchronous', { simple: true });
  d.db.pragma('synchronous = NORMAL');
  try {
    const at = await download(d, env, row, run);
    return { ok: true, state: 'done', at, received: run.received, applied: run.applied, resumedAfter };
  } catch (e: unknown) {
    const f = e instanceof SnapshotFailure ? e : new SnapshotFailure('sync.internal', e instanceof Error ? e.message : String(e));
    // The server's log is behind the position we started from (restored from a backup): start over.
    if (f.code === 'sync.cursorFromFuture') d.db.transaction(() => snapshotStore(d.db).forget())();
    d.db.transaction(() => syncStore(d.db).recordFailure(f.code, f.message, d.clock.now()))();
    const error: SnapshotError = f.details === undefined ? { code: f.code, message: f.message } : { code: f.code, message: f.message, details: f.details };
    return { ok: false, error, at: snapshotStore(d.db).row()?.at_seq ?? null, received: run.received, applied: run.applied, resumedAfter };
  } finally {
    d.db.pragma(`synchronous = ${Number(synchronous)}`);
    if (run.topics.size > 0) d.notify?.({ topics: [...run.topics], op: 'sync.now' });
  }
}

export type CatchUpOutcome = { ok: boolean; snapshot: SnapshotOutcome; log: SyncOutcome | null };

/** A new counter to ready: its snapshot (or the rest of it), then one round of the log from the snapshot's position. */
export async function catchUpNewCounter(d: SnapshotDeps & Pick<SyncDeps, 'wire' | 'pullPage'>): Promise<CatchUpOutcome> {
  const snapshot = await downloadSnapshot(d);
  if (!snapshot.ok) return { ok: false, snapshot, log: null };
  const deps: SyncDeps = { db: d.db, clock: d.clock };
  if (d.ids) deps.ids = d.ids;
  if (d.appliers) deps.appliers = d.appliers;
  if (d.wire) deps.wire = d.wire;
  if (d.pullPage) deps.pullPage = d.pullPage;
  if (d.notify) deps.notify = d.notify;
  const log = await syncOnce(deps);
  return { ok: log.ok, snapshot, log };
}
