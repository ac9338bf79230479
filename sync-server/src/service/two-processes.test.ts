// Statelessness (DESIGN.md "Sync": nothing may assume a single process): two real `mortar-sync` processes
// over one PostgreSQL database behind a round-robin haproxy behave as one server. Devices of three branches
// push at once through the balancer while their pullers follow by cursor; every puller gets every event it
// may see exactly once, in sequence order, and a push through one process reaches a socket held by the other.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@mortar/main/contract';
import { freshPostgres, type TestDatabase } from '../testing/test-databases.js';
import { makeEvent, type Counter } from '../testing/fixtures.js';
import { connectLive } from '../testing/live-client.js';
import { startBalancer, startSyncProcess, type Child } from '../testing/processes.js';
import { isPublished } from '../log/visibility.js';

const ADMIN = 'two-process-admin-token-0123456789';
const BRANCHES = 3;
const DEVICES_PER_BRANCH = 2;
const BATCHES = 15;
const PER_BATCH = 4;

type Json = Record<string, unknown>;

async function call(base: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: r.status, json: (await r.json()) as Json };
}

const metric = async (base: string, name: string) => {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
  return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
};

describe('two mortar-sync processes behind haproxy over one PostgreSQL', () => {
  let t: TestDatabase | null = null;
  const children: Child[] = [];
  afterEach(async () => {
    for (const c of children.splice(0).reverse()) await c.stop();
    await t?.drop();
    t = null;
  });

  it('gives every puller every event it may see exactly once, and carries live news across processes', async () => {
    t = await freshPostgres();
    const env = { DATABASE_URL: t.url ?? '', MORTAR_SYNC_ADMIN_TOKEN: ADMIN };
    const [p1, p2] = await Promise.all([startSyncProcess(env), startSyncProcess(env)]);
    if (!p1 || !p2) throw new Error('processes did not start');
    children.push(p1, p2);
    const lb = await startBalancer([p1.url, p2.url]);
    children.push(lb);

    // Head office and enrollment through the balancer.
    const tenantId = (await call(lb.url, 'POST', '/v1/admin/tenants', ADMIN, { name: 'Chain' })).json.tenantId as string;
    const devices: Counter[] = [];
    for (let b = 0; b < BRANCHES; b++) {
      const branchId = (await call(lb.url, 'POST', `/v1/admin/tenants/${tenantId}/branches`, ADMIN, { name: `Branch ${b}` })).json.branchId as string;
      for (let d = 0; d < DEVICES_PER_BRANCH; d++) {
        const code = (await call(lb.url, 'POST', `/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`, ADMIN, {})).json.code as string;
        const e = (await call(lb.url, 'POST', '/v1/enroll', '', { code, label: `till ${d}` })).json;
        devices.push({ tenantId, branchId, deviceId: e.deviceId as string, credential: e.credential as string });
      }
    }

    // Live across processes: a socket on process 1, a push through process 2.
    const [first, second] = [devices[0], devices[DEVICES_PER_BRANCH]];
    if (!first || !second) throw new Error('no devices');
    const live = await connectLive(p1.url, first.credential);
    await live.next((m) => m.type === 'hello');
    const sent = Date.now();
    const newsEvent = makeEvent(second, 'stock.levelChanged');
    const news = await call(p2.url, 'POST', '/v1/events', second.credential, { events: [newsEvent] });
    expect(news.status).toBe(200);
    expect(await live.next((m) => m.type === 'pull', 2000)).toEqual({ type: 'pull', head: 1 });
    const liveMs = Date.now() - sent;
    expect(liveMs).toBeLessThan(2000);
    // And a socket through the balancer hears pushes through the balancer.
    const viaLb = await connectLive(lb.url, first.credential);
    await viaLb.next((m) => m.type === 'hello');

    const pushed: EventEnvelope[] = [newsEvent];
    let pushing = true;
    const pusher = async (c: Counter, index: number) => {
      for (let i = 0; i < BATCHES; i++) {
        const batch = Array.from({ length: PER_BATCH }, (_, k) => makeEvent(c, (i + k + index) % 3 === 0 ? 'stock.levelChanged' : (k % 2 ? 'sales.saleCompleted' : 'patient.profileChanged')));
        const r = await call(lb.url, 'POST', '/v1/events', c.credential, { events: batch });
        expect(r.status).toBe(200);
        pushed.push(...batch);
        // A retry of the same batch through the balancer (the other process, round-robin) stores nothing.
        if (i % 5 === 0) expect((await call(lb.url, 'POST', '/v1/events', c.credential, { events: batch })).json).toMatchObject({ stored: 0, duplicates: PER_BATCH });
      }
    };
    const puller = async (c: Counter, limit: number) => {
      const seen: { seq: number; id: string }[] = [];
      let cursor = 0;
      for (;;) {
        const done = !pushing;
        const r = await call(lb.url, 'GET', `/v1/events?after=${cursor}&limit=${limit}`, c.credential);
        if (r.status === 429) {
          await new Promise((res) => setTimeout(res, 200));
          continue;
        }
        expect(r.status).toBe(200);
        const events = r.json.events as { seq: number; event: { id: string } }[];
        seen.push(...events.map((e) => ({ seq: e.seq, id: e.event.id })));
        cursor = r.json.cursor as number;
        if (done && !r.json.hasMore && events.length === 0) return seen;
        if (!r.json.hasMore) await new Promise((res) => setTimeout(res, 50));
      }
    };
    const pullers = [devices[1], devices[3], devices[5]].filter((d): d is Counter => d !== undefined);
    const pulling = pullers.map((c, i) => puller(c, [7, 25, 100][i] ?? 50));
    await Promise.all(devices.map((c, i) => pusher(c, i)));
    pushing = false;
    const results = await Promise.all(pulling);

    const all = pushed;
    for (const [i, c] of pullers.entries()) {
      const expected = all.filter((e) => e.branchId === c.branchId || isPublished(e.type)).map((e) => e.id);
      const seen = results[i] ?? [];
      expect(seen.map((s) => s.id).sort()).toEqual([...expected].sort());
      expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
      expect(seen.map((s) => s.seq)).toEqual([...seen.map((s) => s.seq)].sort((x, y) => x - y));
    }
    // Both processes served pushes: round-robin really spread the work.
    expect(await metric(p1.url, 'mortar_sync_pushes_total')).toBeGreaterThan(5);
    expect(await metric(p2.url, 'mortar_sync_pushes_total')).toBeGreaterThan(5);
    expect(viaLb.messages.filter((m) => m.type === 'pull').length).toBeGreaterThan(0);
    await live.close();
    await viaLb.close();
    // SIGTERM drains and exits 0.
    expect(await p1.stop()).toBe(0);
    expect(await p2.stop()).toBe(0);
    console.info(`two-processes: ${pushed.length} events from ${devices.length} devices; live across processes ${liveMs} ms`);
  }, 180_000);
});
