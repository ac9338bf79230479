import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { startFakeSyncServer, type FakeSyncServer } from './fake-sync-server.js';
import { catchUpNeed } from './loop-catch-up.js';
import { outbox } from './outbox.js';
import { startSyncLoop, type SyncLoop } from './sync-loop.js';
import { BRANCH_A, DEVICE_A, HEAD_OFFICE, enrolledCounter, eventId, hlcAt, levelEvent, remoteEvent } from './sync-test-support.js';

let server: FakeSyncServer;
const disposers: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  server = await startFakeSyncServer();
});
afterEach(async () => {
  for (const d of disposers.splice(0).reverse()) await d();
  await server.close();
});

async function counter(seed = 42) {
  const c = await enrolledCounter(server, seed);
  disposers.push(() => c.core.dispose());
  return c;
}

type C = Awaited<ReturnType<typeof counter>>;

function loopFor(c: C, over: Partial<Parameters<typeof startSyncLoop>[0]> = {}): SyncLoop {
  const loop = startSyncLoop({ ...c.deps, live: false, intervalMs: 60_000, initialDelayMs: 60_000, snapshotBatch: 2, ...over });
  disposers.push(() => loop.stop());
  return loop;
}

/** Another branch's history and head office's publications, already on the server before this counter arrives. */
function history(): void {
  for (let i = 0; i < 6; i++) server.inject(levelEvent(`SKU-${i}`, i + 1, { hlc: hlcAt(1_800_000_000_000 + i) }));
  // A later level of the same product replaces the first one: the snapshot leaves the first out.
  server.inject(levelEvent('SKU-0', 99, { hlc: hlcAt(1_800_000_001_000) }));
  server.inject(remoteEvent('catalog.taxTablePublished', { table: 'x' }, { branchId: HEAD_OFFICE }));
}

const count = (c: C, sql: string) => (c.core.db.prepare(sql).get() as { n: number }).n;
/** Where the snapshot is taken: the head when it was asked for (this counter's own first pushes may be in it). */
const snapshotAt = (c: C) => (c.core.db.prepare('SELECT at_seq FROM sync_snapshot').get() as { at_seq: number }).at_seq;
const progress = (c: C) => (c.core.db.prepare('SELECT after_seq FROM sync_snapshot').get() as { after_seq: number } | undefined)?.after_seq ?? 0;

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One of this counter's own sales, waiting in its outbox. */
function ownSale(c: C): string {
  const id = eventId();
  outbox(c.core.db).append(remoteEvent('sales.saleCompleted', { n: 1 }, { id, branchId: BRANCH_A, deviceId: DEVICE_A, hlc: hlcAt(1_800_000_002_000, 0, 'till') }));
  return id;
}

describe('a new counter in the sync loop', () => {
  it('loads the snapshot in its first round, then follows the log from the snapshot’s position', async () => {
    const c = await counter();
    history();
    const head = server.log.length;
    expect(catchUpNeed(c.core.db)).toBe('start');
    const loop = loopFor(c);
    expect(await loop.syncNow()).toMatchObject({ ok: true });
    expect(server.snapshotQueries).toEqual([{ at: null, after: '0' }]);
    expect(snapshotAt(c)).toBeGreaterThanOrEqual(head);
    expect(count(c, 'SELECT count(*) AS n FROM sync_snapshot WHERE completed_at IS NOT NULL')).toBe(1);
    // The superseded level never reached the counter; the newest one did.
    expect(count(c, 'SELECT count(*) AS n FROM sync_inbox WHERE server_seq <= ' + String(head))).toBe(head - 1);
    expect(expectOk(await c.cashier.invoke('sync.listBranchStock', { sku: 'SKU-0' }))[0]?.onHand).toBe(99);
    expect(catchUpNeed(c.core.db)).toBeNull();
    const status = expectOk(await c.admin.invoke('sync.status', {}));
    expect(status).toMatchObject({ catchUp: null, online: true, pending: 0 });
    expect(status.cursor).toBeGreaterThanOrEqual(head);
    // Later rounds read the log alone.
    server.inject(levelEvent('SKU-9', 4));
    expect(await loop.syncNow()).toMatchObject({ ok: true, applied: 1 });
    expect(server.snapshotQueries).toHaveLength(1);
  });

  it('shows catching up with its progress, pushes its own sales meanwhile, and resumes a cut download without applying anything twice', async () => {
    const c = await counter();
    history();
    const sale = ownSale(c);
    server.fail('hold', 1, 'GET /v1/snapshot');
    const loop = loopFor(c);
    const first = loop.syncNow();
    await until('part of the snapshot is applied', () => progress(c) > 0);
    expect(loop.catchingUp).toBe(true);
    const during = expectOk(await c.admin.invoke('sync.status', {}));
    const at = snapshotAt(c);
    expect(during.catchUp).toMatchObject({ running: true, at });
    expect(during.catchUp?.through).toBeGreaterThan(0);
    // The sale did not wait for the catch-up to end.
    await until('the sale reached the server', () => server.log.some((r) => r.event.id === sale));
    // A sale made during the catch-up is pushed on its nudge, still without waiting.
    const later = ownSale(c);
    loop.nudge(0);
    await until('the later sale reached the server', () => server.log.some((r) => r.event.id === later));
    expect(loop.catchingUp).toBe(true);
    server.cutHeld();
    expect(await first).toMatchObject({ ok: false, error: { code: 'sync.snapshotCut' } });
    // A cut catch-up is a failed round: the next one waits for the backoff, not for the interval.
    expect(loop.schedule.failures).toBe(1);
    expect(loop.schedule.nextDelayMs).toBeLessThan(60_000);
    const through = progress(c);
    const after = expectOk(await c.admin.invoke('sync.status', {}));
    expect(after.catchUp).toMatchObject({ running: false, at, through });
    expect(catchUpNeed(c.core.db)).toBe('resume');
    expect(await loop.syncNow()).toMatchObject({ ok: true });
    expect(server.snapshotQueries).toEqual([
      { at: null, after: '0' },
      { at: String(at), after: String(through) },
    ]);
    expect(count(c, 'SELECT count(*) AS n FROM sync_inbox')).toBe(count(c, 'SELECT count(DISTINCT server_seq) AS n FROM sync_inbox'));
    expect(count(c, "SELECT count(*) AS n FROM sync_inbox WHERE state = 'applied'")).toBe(6);
    expect(server.log.filter((r) => r.event.id === sale || r.event.id === later)).toHaveLength(2);
    expect(expectOk(await c.admin.invoke('sync.status', {})).catchUp).toBeNull();
  });

  it('stops at once when the app closes mid-download, and the next start resumes where it stopped', async () => {
    const c = await counter();
    history();
    server.fail('hold', 1, 'GET /v1/snapshot');
    const loop = loopFor(c);
    const first = loop.syncNow();
    await until('part of the snapshot is applied', () => progress(c) > 0);
    const at = snapshotAt(c);
    // The held answer never ends: stopping must not wait for it.
    await loop.stop();
    await first;
    const through = progress(c);
    expect(catchUpNeed(c.core.db)).toBe('resume');
    const next = loopFor(c);
    expect(await next.syncNow()).toMatchObject({ ok: true });
    expect(server.snapshotQueries.at(-1)).toEqual({ at: String(at), after: String(through) });
    expect(count(c, "SELECT count(*) AS n FROM sync_inbox WHERE state = 'applied'")).toBe(6);
    expect(count(c, 'SELECT count(*) AS n FROM sync_inbox')).toBe(count(c, 'SELECT count(DISTINCT server_seq) AS n FROM sync_inbox'));
  });

  it('reads the whole log from the start when the server has no snapshot route (an older server)', async () => {
    const c = await counter();
    server.snapshotRoute = false;
    history();
    const loop = loopFor(c);
    // Without the snapshot's compaction both levels of SKU-0 arrive.
    expect(await loop.syncNow()).toMatchObject({ ok: true, applied: 7 });
    expect(await loop.syncNow()).toMatchObject({ ok: true, applied: 0 });
    expect(server.requests.filter((r) => r === 'GET /v1/snapshot')).toHaveLength(1);
    expect(expectOk(await c.admin.invoke('sync.status', {}))).toMatchObject({ online: true, catchUp: null });
    expect(count(c, 'SELECT count(*) AS n FROM sync_snapshot')).toBe(0);
  });

  it('catches up through sync.now as well when no loop runs', async () => {
    const c = await counter();
    history();
    const status = expectOk(await c.admin.invoke('sync.now', {}));
    expect(server.snapshotQueries).toHaveLength(1);
    expect(status).toMatchObject({ online: true, catchUp: null, running: false });
    expect(status.cursor).toBeGreaterThanOrEqual(7);
  });
});
