// One round of sync: publish stock levels, push the outbox, pull and apply. Rule (DESIGN.md "How a command
// flows"): the counter never waits for the network, so network I/O happens outside every SQLite
// transaction and each write transaction is short: one to mark a pushed batch, one per pulled page.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Terminal } from '../api/command-context.js';
import type { ChangeNotice, Topic } from '../contract.js';
import type { Clock } from '../kernel/clock.js';
import { uuidv7Generator, type IdGenerator } from '../kernel/ids.js';
import { readTerminal } from '../setup/terminal-store.js';
import { applyDeferred, applyPulled, defaultAppliers, type ApplyEnv, type Appliers } from './apply.js';
import { foldLearnedTypes } from './refold.js';
import { outbox } from './outbox.js';
import { publishStockLevels } from './stock-levels.js';
import { syncStore, type SyncIdentity } from './sync-store.js';
import { rotateCredentialIfDue } from './credential-rotation.js';
import { pull, push, SyncWireError, type WireOptions } from './wire.js';

export type SyncDeps = {
  db: Database;
  clock: Clock;
  /** Ids of the events and exceptions this round writes (default: UUIDv7 on the clock). */
  ids?: IdGenerator;
  wire?: WireOptions;
  appliers?: Appliers;
  pushBatch?: number;
  /** Largest push body in bytes (default PUSH_BYTES). */
  pushBytes?: number;
  pullPage?: number;
  notify?: (notice: ChangeNotice) => void;
};

export type SyncOutcome =
  | { ok: true; pushed: number; pulled: number; applied: number }
  | { ok: false; error: { code: string; message: string }; pushed: number; pulled: number; applied: number };

/** The envelope as the server must see it: the enrolled tenant, branch and device are the ids on the wire. */
function onTheWire(identity: SyncIdentity) {
  return (e: ReturnType<ReturnType<typeof outbox>['pending']>[number]) => ({
    ...e,
    tenantId: identity.tenantId,
    branchId: identity.branchId,
    deviceId: identity.deviceId,
  });
}

/** Below the server's default 1 MiB body limit with room to spare: a batch of large sales still fits. */
export const PUSH_BYTES = 512 * 1024;

/** The longest prefix of `events` whose JSON fits in `maxBytes` (at least one event, so a batch always moves). */
export function withinBytes<T>(events: T[], maxBytes: number): T[] {
  let total = 2;
  for (let i = 0; i < events.length; i++) {
    total += Buffer.byteLength(JSON.stringify(events[i])) + 1;
    if (total > maxBytes && i > 0) return events.slice(0, i);
  }
  return events;
}

/** The push in flight over each store: pushes never overlap, so no batch is sent twice by two lanes at once. */
const pushing = new WeakMap<Database, Promise<unknown>>();

/** Runs `push` after the push in flight over the same store, if any (the loop pushes beside a long catch-up). */
function serialPush(db: Database, push: () => Promise<number>): Promise<number> {
  const previous = pushing.get(db) ?? Promise.resolve();
  const next = previous.then(push, push);
  const settled = next.catch(() => undefined);
  pushing.set(db, settled);
  void settled.then(() => {
    if (pushing.get(db) === settled) pushing.delete(db);
  });
  return next;
}

function pushAll(d: SyncDeps, identity: SyncIdentity): Promise<number> {
  return serialPush(d.db, () => pushBatches(d, identity));
}

async function pushBatches(d: SyncDeps, identity: SyncIdentity): Promise<number> {
  const batch = d.pushBatch ?? 200;
  let pushed = 0;
  for (;;) {
    const pending = withinBytes(outbox(d.db).pending(batch), d.pushBytes ?? PUSH_BYTES);
    if (pending.length === 0) return pushed;
    const ack = await push(identity.serverUrl, identity.credential, pending.map(onTheWire(identity)), d.wire);
    const through = ack.ackedThroughId === null ? -1 : pending.findIndex((e) => e.id === ack.ackedThroughId);
    if (through < 0) throw new SyncWireError('sync.badAck', 'The server acknowledged an event it was not sent.', 200);
    const acked = pending.slice(0, through + 1);
    const now = d.clock.now();
    d.db.transaction(() => {
      for (const e of acked) syncStore(d.db).markSent(e.id, now);
    })();
    pushed += acked.length;
  }
}

type Progress = { pulled: number; applied: number; topics: Set<Topic> };

async function pullAll(d: SyncDeps, env: ApplyEnv, appliers: Appliers, progress: Progress): Promise<void> {
  const page = d.pullPage ?? 1000;
  let restarted = false;
  for (;;) {
    const cursor = syncStore(d.db).state().cursor;
    let result;
    try {
      result = await pull(env.identity.serverUrl, env.identity.credential, cursor, page, d.wire);
    } catch (e: unknown) {
      // The server's log is behind our cursor (restored from a backup): read it again from the start; the
      // inbox drops what was already applied, so nothing is applied twice.
      if (e instanceof SyncWireError && e.code === 'sync.cursorFromFuture' && !restarted) {
        restarted = true;
        d.db.transaction(() => syncStore(d.db).setCursor(0))();
        continue;
      }
      throw e;
    }
    const { events, cursor: next, hasMore } = result;
    d.db.transaction(() => {
      for (const { seq, event } of events) {
        const outcome = applyPulled(env, appliers, seq, event);
        if (!outcome) continue;
        if (outcome.state === 'applied') progress.applied++;
        for (const t of outcome.topics) progress.topics.add(t);
      }
      syncStore(d.db).setCursor(next);
    }).immediate();
    progress.pulled += events.length;
    if (!hasMore || events.length === 0) return;
  }
}

function describe(e: unknown): { code: string; message: string } {
  if (e instanceof SyncWireError) return { code: e.code, message: e.message };
  return { code: 'sync.internal', message: e instanceof Error ? e.message : String(e) };
}

export type PushOutcome = { ok: true; pushed: number } | { ok: false; error: { code: string; message: string }; pushed: 0 };

/**
 * Pushes the outbox and nothing else: the loop's lane for a counter's own sales while a long catch-up
 * downloads. It records nothing in the sync status (the round beside it does) and never throws.
 */
export async function pushOutbox(d: SyncDeps): Promise<PushOutcome> {
  const identity = syncStore(d.db).identity();
  if (!identity) return { ok: false, error: { code: 'sync.notEnrolled', message: 'This terminal is not enrolled with a sync server.' }, pushed: 0 };
  try {
    return { ok: true, pushed: await pushAll(d, identity) };
  } catch (e: unknown) {
    return { ok: false, error: describe(e), pushed: 0 };
  }
}

/** Runs one full round. Never throws: a failure is recorded in the sync status and returned. */
export async function syncOnce(d: SyncDeps): Promise<SyncOutcome> {
  const store = syncStore(d.db);
  const enrolled = store.identity();
  const terminal: Terminal | null = readTerminal(d.db);
  if (!enrolled || !terminal) return { ok: false, error: { code: 'sync.notEnrolled', message: 'This terminal is not enrolled with a sync server.' }, pushed: 0, pulled: 0, applied: 0 };
  const identity = await rotateCredentialIfDue(d, enrolled);
  const appliers = d.appliers ?? defaultAppliers;
  const ids = d.ids ?? uuidv7Generator(d.clock);
  const env: ApplyEnv = { db: d.db, clock: d.clock, ids, identity, terminal };
  d.db.transaction(() => store.recordAttempt(d.clock.now()))();
  let pushed = 0;
  const progress: Progress = { pulled: 0, applied: 0, topics: new Set() };
  const counts = () => ({ pushed, pulled: progress.pulled, applied: progress.applied });
  try {
    for (const t of d.db.transaction(() => applyDeferred(env, appliers)).immediate()) progress.topics.add(t);
    for (const t of foldLearnedTypes(env, appliers)) progress.topics.add(t);
    publishStockLevels(d.db, terminal, d.clock, ids);
    pushed = await pushAll(d, identity);
    await pullAll(d, env, appliers, progress);
    d.db.transaction(() => store.recordSuccess(d.clock.now()))();
    return { ok: true, ...counts() };
  } catch (e: unknown) {
    const error = describe(e);
    d.db.transaction(() => store.recordFailure(error.code, error.message, d.clock.now()))();
    return { ok: false, error, ...counts() };
  } finally {
    // Open screens refresh what the pulled events changed (DESIGN.md "How a command flows").
    if (progress.topics.size > 0) d.notify?.({ topics: [...progress.topics], op: 'sync.now' });
  }
}
