import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../contract.js';
import { expectOk } from '../testing/index.js';
import { defaultAppliers, type Appliers } from './apply.js';
import { startFakeSyncServer, type FakeSyncServer } from './fake-sync-server.js';
import { syncOnce, withinBytes } from './sync-client.js';
import { backoffDelay, startSyncLoop } from './sync-loop.js';
import { BRANCH_A, BRANCH_B, DEVICE_A, HEAD_OFFICE, TENANT, enrolledCounter, hlcAt, levelEvent, remoteEvent } from './sync-test-support.js';

let server: FakeSyncServer;
const disposers: (() => void)[] = [];

beforeEach(async () => {
  server = await startFakeSyncServer();
});
afterEach(async () => {
  for (const d of disposers.splice(0)) d();
  await server.close();
});

async function counter(seed = 42) {
  const c = await enrolledCounter(server, seed);
  disposers.push(() => c.core.dispose());
  return c;
}

function inbox(c: Awaited<ReturnType<typeof counter>>, state: string): number {
  return (c.core.db.prepare('SELECT count(*) AS n FROM sync_inbox WHERE state = ?').get(state) as { n: number }).n;
}

describe('backoff', () => {
  it('grows exponentially from the base, stays under the cap, and is jittered below its ceiling', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect([1, 2, 3, 4].map((f) => backoffDelay(f, policy, () => 0.999999))).toEqual([999, 1999, 3999, 7999]);
    expect(backoffDelay(20, policy, () => 0.999999)).toBe(59_999);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2000);
  });

  it('the loop backs off after each failure and returns to its interval after a success', async () => {
    const c = await counter();
    // A counter that already follows the log (a new one's first rounds are its catch-up, loop-catch-up.test.ts).
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true });
    server.fail('status500', 3);
    const loop = startSyncLoop({ ...c.deps, live: false, intervalMs: 60_000, initialDelayMs: 60_000, backoff: { baseMs: 100, maxMs: 10_000 }, random: () => 0.5 });
    disposers.push(() => void loop.stop());
    const delays: (number | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await loop.syncNow();
      expect(outcome.ok).toBe(false);
      delays.push(loop.schedule.nextDelayMs);
    }
    expect(delays).toEqual([50, 100, 200]);
    expect(loop.schedule.failures).toBe(3);
    const status = expectOk(await c.admin.invoke('sync.status', {}));
    expect(status).toMatchObject({ online: false, running: true, lastError: { code: 'http.internal' } });
    expect((await loop.syncNow()).ok).toBe(true);
    expect(loop.schedule).toEqual({ failures: 0, nextDelayMs: 60_000 });
    expect(expectOk(await c.admin.invoke('sync.status', {})).online).toBe(true);
    await loop.stop();
  });

  it('a nudge runs a round soon, and a nudge during a round is not lost when the round ends', async () => {
    const c = await counter();
    let pushes = 0;
    let nudgeDuringPush = true;
    const wire = {
      fetch: async (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => {
        if (init.method === 'POST') {
          pushes++;
          // A sale while the round is on its way: its events must go out soon, not a minute later.
          if (nudgeDuringPush) loop.nudge(20);
          nudgeDuringPush = false;
        }
        return fetch(url, init);
      },
    };
    const loop = startSyncLoop({ ...c.deps, wire, live: false, intervalMs: 60_000, initialDelayMs: 60_000 });
    disposers.push(() => void loop.stop());
    await loop.syncNow();
    expect(loop.schedule.nextDelayMs).toBeLessThanOrEqual(20);
    await new Promise((r) => setTimeout(r, 300));
    expect(loop.schedule.nextDelayMs).toBe(60_000);
    const before = pushes;
    c.core.db.prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('nudge-m', ?, ?, 'receipt', 5, 1)").run(c.lots.aspirin, c.products.aspirin.id);
    loop.nudge(20);
    await new Promise((r) => setTimeout(r, 300));
    expect(pushes).toBe(before + 1);
    await loop.stop();
  });
});

describe('enrollment', () => {
  it('stores the credential in the store, adopts the chain ids and reports enrolled', async () => {
    const c = await counter();
    const status = expectOk(await c.admin.invoke('sync.status', {}));
    expect(status).toMatchObject({ enrolled: true, serverUrl: server.url, syncDeviceId: DEVICE_A, online: null, cursor: 0 });
    expect(c.core.db.prepare('SELECT tenant_id, branch_id FROM pharmacy').get()).toEqual({ tenant_id: TENANT, branch_id: BRANCH_A });
    const audit = c.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.enroll'").get() as { n: number };
    expect(audit.n).toBe(1);
    expect(JSON.stringify(status)).not.toContain('credential-');
  });

  it('refuses to move an enrolled terminal to another branch', async () => {
    const c = await counter();
    server.addCode('OTHER', { deviceId: '01930000-0000-7000-8000-0000000000c1', tenantId: TENANT, branchId: BRANCH_B });
    const r = await c.admin.invoke('sync.enroll', { serverUrl: server.url, code: 'OTHER' });
    expect(r.ok ? null : r.error.code).toBe('sync.identityMismatch');
    expect(c.core.db.prepare('SELECT branch_id FROM sync_identity').get()).toEqual({ branch_id: BRANCH_A });
  });

  it('passes on the server’s reason when a code is refused', async () => {
    const c = await counter();
    const r = await c.admin.invoke('sync.enroll', { serverUrl: server.url, code: 'NOPE' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'sync.enrollFailed', details: { serverCode: 'enroll.invalidCode' } });
  });

  it('reading the status in the background does not keep an unattended terminal from locking', async () => {
    const c = await counter();
    const answers: string[] = [];
    for (let second = 0; second < 6 * 60; second += 30) {
      c.core.clock.advance(30_000);
      const status = await c.cashier.invoke('sync.status', {});
      answers.push(status.ok ? 'ok' : status.error.code);
    }
    // Read every 30 s, yet the terminal locks after its 5 idle minutes as if nobody had looked.
    expect(answers.slice(0, 9)).toEqual(Array(9).fill('ok'));
    expect(answers.at(-1)).toBe('auth.sessionLocked');
    const r = await c.cashier.invoke('sync.listBranchStock', { sku: 'PARA-16' });
    expect(r.ok ? null : r.error.code).toBe('auth.sessionLocked');
  });

  it('a cashier may see the status but not enroll', async () => {
    const c = await counter();
    expect((await c.cashier.invoke('sync.status', {})).ok).toBe(true);
    const r = await c.cashier.invoke('sync.enroll', { serverUrl: server.url, code: 'X' });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
  });
});

describe('push', () => {
  it('pushes the outbox under the enrolled ids, with stock levels, and marks every event acknowledged', async () => {
    const c = await counter();
    const outcome = await syncOnce(c.deps);
    expect(outcome).toMatchObject({ ok: true });
    expect(expectOk(await c.admin.invoke('sync.status', {})).pending).toBe(0);
    expect(server.log.every((r) => r.event.deviceId === DEVICE_A && r.event.branchId === BRANCH_A && r.event.tenantId === TENANT)).toBe(true);
    const levels = server.log.filter((r) => r.event.type === 'stock.levelChanged').map((r) => r.event.payload);
    expect(levels).toHaveLength(8);
    expect(levels).toContainEqual(expect.objectContaining({ sku: 'PARA-16', onHand: 320, quarantined: 0, branchName: 'Riverside Pharmacy' }));
  });

  it('retries a push whose answer was lost without storing anything twice', async () => {
    const c = await counter();
    server.fail('loseAnswer', 1, 'POST /v1/events');
    const first = await syncOnce({ ...c.deps, pushBatch: 5 });
    expect(first.ok).toBe(false);
    const storedOnce = server.log.length;
    expect(storedOnce).toBe(5);
    expect((await syncOnce({ ...c.deps, pushBatch: 5 })).ok).toBe(true);
    const ids = server.log.map((r) => r.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(c.core.db.prepare('SELECT count(*) AS n FROM outbox_event').get()).toEqual({ n: ids.length });
    expect(expectOk(await c.admin.invoke('sync.status', {})).pending).toBe(0);
  });

  it('cuts push batches to a body size the server accepts', async () => {
    const c = await counter();
    const before = server.requests.length;
    expect(await syncOnce({ ...c.deps, pushBytes: 2_000 })).toMatchObject({ ok: true });
    const posts = server.requests.slice(before).filter((r) => r === 'POST /v1/events').length;
    expect(posts).toBeGreaterThan(3);
    expect(expectOk(await c.admin.invoke('sync.status', {})).pending).toBe(0);
    expect(withinBytes([{ a: 'x'.repeat(5000) }, { b: 1 }], 100)).toHaveLength(1);
  });

  it('publishes a level again only when it changed', async () => {
    const c = await counter();
    await syncOnce(c.deps);
    const before = server.log.filter((r) => r.event.type === 'stock.levelChanged').length;
    await syncOnce(c.deps);
    expect(server.log.filter((r) => r.event.type === 'stock.levelChanged').length).toBe(before);
  });
});

describe('pull', () => {
  it('applies another branch’s level once, even when the same events are pulled again', async () => {
    const c = await counter();
    server.inject(levelEvent('PARA-16', 40));
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true, applied: 1 });
    c.core.db.prepare('UPDATE sync_state SET cursor = 0').run();
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true, applied: 0 });
    expect(expectOk(await c.cashier.invoke('sync.listBranchStock', { sku: 'PARA-16' }))).toEqual([
      { branchId: BRANCH_B, branchName: 'Hillside', sku: 'PARA-16', productName: 'Product PARA-16', onHand: 40, quarantined: 0, asOf: 1_800_000_000_000 },
    ]);
  });

  it('keeps the newest level by hybrid clock whatever the order of arrival', async () => {
    const c = await counter();
    server.inject(levelEvent('ASP-16', 7, { hlc: hlcAt(1_800_000_000_500) }));
    server.inject(levelEvent('ASP-16', 9, { hlc: hlcAt(1_800_000_000_100) }));
    await syncOnce(c.deps);
    expect(expectOk(await c.cashier.invoke('sync.listBranchStock', { sku: 'ASP-16' }))[0]?.onHand).toBe(7);
  });

  it('a connection cut mid-pull keeps the cursor of the last applied page, and the retry applies each event once', async () => {
    const c = await counter();
    await syncOnce(c.deps);
    const base = server.log.length;
    for (let i = 0; i < 5; i++) server.inject(levelEvent(`SKU-${i}`, i + 1));
    // The first GET answers a page of 2; the second is cut.
    server.fail('cut', 1, 'GET /v1/events', 1);
    const requestsBefore = server.requests.length;
    const pulls = () => server.requests.slice(requestsBefore).filter((r) => r.startsWith('GET')).length;
    const outcome = await syncOnce({ ...c.deps, pullPage: 2 });
    expect(outcome.ok).toBe(false);
    expect(outcome).toMatchObject({ pulled: 2, applied: 2 });
    expect(pulls()).toBe(2);
    expect(c.core.db.prepare('SELECT cursor FROM sync_state').get()).toEqual({ cursor: base + 2 });
    expect(await syncOnce({ ...c.deps, pullPage: 2 })).toMatchObject({ ok: true, applied: 3 });
    expect(c.core.db.prepare('SELECT cursor FROM sync_state').get()).toEqual({ cursor: base + 5 });
    expect(inbox(c, 'applied')).toBe(5);
  });

  it('keeps events of a newer schema version, advances the cursor, and applies them after an update', async () => {
    const c = await counter();
    server.inject(levelEvent('IBU-24', 11, { schemaVersion: 2 }));
    server.inject(remoteEvent('catalog.taxTablePublished', { table: 'x' }, { branchId: HEAD_OFFICE }));
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true, applied: 0 });
    const status = expectOk(await c.admin.invoke('sync.status', {}));
    expect(status.deferred).toBe(2);
    expect(status.cursor).toBe(server.log.length);
    expect(expectOk(await c.cashier.invoke('sync.listBranchStock', { sku: 'IBU-24' }))).toEqual([]);
    // The update: this build now knows version 2 of stock.levelChanged (v2 only adds fields).
    const updated: Appliers = { ...defaultAppliers, 'stock.levelChanged': { ...defaultAppliers['stock.levelChanged']!, version: 2 } };
    const notices: ChangeNotice[] = [];
    expect((await syncOnce({ ...c.deps, appliers: updated, notify: (n) => notices.push(n) })).ok).toBe(true);
    expect(expectOk(await c.cashier.invoke('sync.listBranchStock', { sku: 'IBU-24' }))[0]?.onHand).toBe(11);
    expect(expectOk(await c.admin.invoke('sync.status', {})).deferred).toBe(1);
    expect(notices.flatMap((n) => n.topics)).toContain('stock');
  });

  it('recognises its own events coming back and does not apply them again', async () => {
    const c = await counter();
    await syncOnce(c.deps);
    const own = server.log.length;
    c.core.db.prepare('UPDATE sync_state SET cursor = 0').run();
    await syncOnce(c.deps);
    expect(inbox(c, 'own')).toBe(own);
    expect(inbox(c, 'applied')).toBe(0);
    expect(expectOk(await c.cashier.invoke('sync.listBranchStock', { sku: 'PARA-16' }))).toEqual([]);
  });

  it('quarantines the batches of a recall published by head office at once, and says so to open screens', async () => {
    const c = await counter();
    const gtin = c.products.paracetamol.gtins[0] ?? '';
    const recall = { recallId: 'HO-R-1', productId: 'ho-paracetamol', gtin, batches: ['B-PARACETAMOL'], level: 'retail', reason: 'label misprint', issuedAt: 0, class: 'II' };
    server.inject(remoteEvent('inventory.recallsPublished', { kind: 'recalls', version: 1, items: [recall] }, { branchId: HEAD_OFFICE }));
    const notices: ChangeNotice[] = [];
    expect(await syncOnce({ ...c.deps, notify: (n) => notices.push(n) })).toMatchObject({ ok: true, applied: 1 });
    const lots = c.core.db
      .prepare("SELECT l.location, b.on_hand FROM stock_balance b JOIN stock_lot l ON l.id = b.lot_id JOIN product p ON p.id = l.product_id WHERE p.sku = 'PARA-16' AND b.on_hand <> 0 ORDER BY l.location")
      .all();
    expect(lots).toEqual([{ location: 'quarantine', on_hand: 320 }]);
    expect(c.core.db.prepare('SELECT class, reference FROM recall').all()).toEqual([{ class: 'II', reference: 'HO-R-1' }]);
    expect(notices).toEqual([{ topics: ['stock', 'inventory'], op: 'sync.now' }]);
    // A later publication that repeats the recall does not enter it again.
    server.inject(remoteEvent('inventory.recallsPublished', { kind: 'recalls', version: 2, items: [recall] }, { branchId: HEAD_OFFICE }));
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true, applied: 1 });
    expect(c.core.db.prepare('SELECT count(*) AS n FROM recall').get()).toEqual({ n: 1 });
  });

  it('treats a published recall without a class as the most serious and says so in its reason', async () => {
    const c = await counter();
    const gtin = c.products.aspirin.gtins[0] ?? '';
    const recall = { recallId: 'HO-R-2', productId: 'ho-aspirin', gtin, batches: ['B-ASPIRIN'], level: 'patient', reason: 'contamination', issuedAt: 0 };
    server.inject(remoteEvent('inventory.recallsPublished', { kind: 'recalls', version: 1, items: [recall] }, { branchId: HEAD_OFFICE }));
    await syncOnce(c.deps);
    const row = c.core.db.prepare('SELECT class, reason FROM recall').get() as { class: string; reason: string };
    expect(row.class).toBe('I');
    expect(row.reason).toContain('class not stated by head office');
  });

  it('applies a head-office price to its product, audited, and keeps a future price until it is due', async () => {
    const c = await counter();
    const now = c.core.clock.now();
    const aspirin = c.products.aspirin.id;
    const ibuprofen = c.products.ibuprofen.id;
    server.inject(remoteEvent('catalog.pricesPublished', { kind: 'prices', version: 1, items: [{ productId: aspirin, currency: 'GBP', priceMinor: 135, validFrom: now - 1 }] }, { branchId: HEAD_OFFICE }));
    server.inject(remoteEvent('catalog.pricesPublished', { kind: 'prices', version: 2, items: [{ productId: ibuprofen, currency: 'GBP', priceMinor: 299, validFrom: now + 3_600_000 }] }, { branchId: HEAD_OFFICE }));
    server.inject(remoteEvent('catalog.pricesPublished', { kind: 'prices', version: 3, items: [{ productId: aspirin, currency: 'GBP', priceMinor: 1, validFrom: 0, branchIds: [BRANCH_B] }] }, { branchId: HEAD_OFFICE }));
    await syncOnce(c.deps);
    const price = (sku: string) => (c.core.db.prepare('SELECT price_minor FROM product WHERE sku = ?').get(sku) as { price_minor: number }).price_minor;
    expect(price('ASP-16')).toBe(135);
    expect(price('IBU-24')).toBe(249);
    expect(expectOk(await c.admin.invoke('sync.status', {})).deferred).toBe(1);
    c.core.clock.advance(3_600_000);
    await syncOnce(c.deps);
    expect(price('IBU-24')).toBe(299);
    expect(c.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.applyPrice'").get()).toEqual({ n: 2 });
  });

  it('lists stock below zero after merging as an exception for managers, once', async () => {
    const c = await counter();
    server.inject(levelEvent('NIC-7', -3));
    await syncOnce(c.deps);
    c.core.db.prepare('UPDATE sync_state SET cursor = 0').run();
    await syncOnce(c.deps);
    const list = expectOk(await c.admin.invoke('sync.listExceptions', {}));
    expect(list).toEqual([expect.objectContaining({ kind: 'stock.belowZero', sku: 'NIC-7', branchId: BRANCH_B, detail: expect.objectContaining({ onHand: -3 }) })]);
    const r = await c.cashier.invoke('sync.listExceptions', {});
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
  });

  it('records a malformed event as a failed apply without stopping the rest of the page', async () => {
    const c = await counter();
    server.inject(remoteEvent('stock.levelChanged', { sku: 'BROKEN' }));
    server.inject(levelEvent('PAD-10', 5));
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true, applied: 1 });
    expect(expectOk(await c.admin.invoke('sync.listExceptions', {}))).toEqual([expect.objectContaining({ kind: 'sync.applyFailed' })]);
  });
});
