import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase, freshPglite, type Backend, type TestDatabase } from '../testing/test-databases.js';
import { harness, type Harness } from '../testing/http-fixtures.js';
import { makeEvent } from '../testing/fixtures.js';
import { connectLive, liveUpgradeStatus, type LiveClient } from '../testing/live-client.js';
import { inProcessNotifier, postgresNotifier, type Notifier } from './notifier.js';
import { REVOKED_CLOSE, type LiveMessage } from './live-channel.js';

const isPull = (m: LiveMessage) => m.type === 'pull';

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const a = app.server.address();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}

describe.each<Backend>(['postgres', 'pglite'])('live channel on %s', (backend) => {
  let t: TestDatabase | null = null;
  const cleanup: (() => Promise<void>)[] = [];
  // PGlite takes many seconds to start on a busy machine: once, outside the tests' own time.
  beforeAll(async () => {
    if (backend === 'pglite') await freshPglite();
  }, 120_000);
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
    await t?.drop();
    t = null;
  });

  it('closes the socket of a device revoked on another server at the next heartbeat', async () => {
    t = await freshDatabase(backend);
    const url = t.url;
    const n1 = url ? await postgresNotifier({ connection: { connectionString: url } }) : inProcessNotifier();
    const one = harness(t.db, { notifier: n1, liveHeartbeatMs: 300 });
    const two = harness(t.db, { notifier: n1 });
    const base = await listen(one.app);
    cleanup.push(async () => {
      await one.app.close();
      await two.app.close();
      await n1.close();
    });
    const a = await one.branchWithDevice();
    const live = await open(base, a.credential);
    await live.next((m) => m.type === 'hello');
    await two.admin(`/v1/admin/devices/${a.deviceId}/revoke`);
    expect(await live.closed).toBe(REVOKED_CLOSE);
  });

  /** Two servers over one database: over PostgreSQL each has its own LISTEN connection, as two processes would. */
  async function twoServers(): Promise<{ one: Harness; two: Harness; urls: [string, string] }> {
    t = await freshDatabase(backend);
    const url = t.url;
    const shared = inProcessNotifier();
    const notifier = async (): Promise<Notifier> => (url ? postgresNotifier({ connection: { connectionString: url } }) : shared);
    const n1 = await notifier();
    const n2 = await notifier();
    const one = harness(t.db, { notifier: n1 });
    const two = harness(t.db, { notifier: n2 });
    const urls: [string, string] = [await listen(one.app), await listen(two.app)];
    cleanup.push(async () => {
      await one.app.close();
      await two.app.close();
      await n1.close();
      await n2.close();
    });
    return { one, two, urls };
  }

  async function open(url: string, credential: string): Promise<LiveClient> {
    const c = await connectLive(url, credential);
    cleanup.push(() => c.close());
    return c;
  }

  it("greets a device with the tenant's head, then tells it of a push at another branch within 2 s, across servers", async () => {
    const { one, two, urls } = await twoServers();
    const a = await one.branchWithDevice();
    const b = await one.branchWithDevice(a.tenantId);
    await one.push(a, [makeEvent(a)]);
    const live = await open(urls[0], a.credential);
    expect(await live.next((m) => m.type === 'hello')).toEqual({ type: 'hello', deviceId: a.deviceId, head: 1 });
    const started = Date.now();
    expect((await two.push(b, [makeEvent(b, 'stock.levelChanged')])).status).toBe(200);
    expect(await live.next(isPull, 2000)).toEqual({ type: 'pull', head: 2 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('folds a burst of pushes into one notice per window, the later one carrying the latest head', async () => {
    t = await freshDatabase(backend);
    const notifier = inProcessNotifier();
    const one = harness(t.db, { notifier, liveCoalesceMs: 300 });
    cleanup.push(async () => {
      await one.app.close();
      await notifier.close();
    });
    const url = await listen(one.app);
    const a = await one.branchWithDevice();
    const b = await one.branchWithDevice(a.tenantId);
    const live = await open(url, a.credential);
    await live.next((m) => m.type === 'hello');
    for (let head = 1; head <= 10; head++) {
      await notifier.notify({ tenantId: a.tenantId, branchId: b.branchId, deviceId: b.deviceId, head, published: true });
    }
    expect(await live.next(isPull, 2000)).toEqual({ type: 'pull', head: 1 });
    expect(await live.next(isPull, 2000)).toEqual({ type: 'pull', head: 10 });
    expect(await live.quiet(isPull, 600)).toBe(true);
    expect(live.messages.filter(isPull)).toHaveLength(2);
  });

  it("does not tell a device of another branch's private push, but tells the other devices of the pushing branch", async () => {
    const { one, two, urls } = await twoServers();
    const a = await one.branchWithDevice();
    const b = await one.branchWithDevice(a.tenantId);
    const code = (await one.admin(`/v1/admin/tenants/${b.tenantId}/branches/${b.branchId}/enrollment-codes`)).json.code as string;
    const b2e = (await one.enroll(code)).json;
    const b2 = { ...b, deviceId: b2e.deviceId as string, credential: b2e.credential as string };
    const other = await one.branchWithDevice();
    const liveA = await open(urls[1], a.credential);
    const liveB = await open(urls[0], b.credential);
    const liveB2 = await open(urls[1], b2.credential);
    const liveOther = await open(urls[0], other.credential);
    await two.push(b, [makeEvent(b, 'patient.profileChanged')]);
    expect(await liveB2.next(isPull, 2000)).toEqual({ type: 'pull', head: 1 });
    expect(await liveA.quiet(isPull, 500)).toBe(true);
    // The pushing device knows already; another tenant hears nothing.
    expect(liveB.messages.filter(isPull)).toEqual([]);
    expect(liveOther.messages.filter(isPull)).toEqual([]);
  });

  it('tells every branch of the tenant, and no other tenant, of a head-office publication', async () => {
    const { one, two, urls } = await twoServers();
    const a = await one.branchWithDevice();
    const b = await one.branchWithDevice(a.tenantId);
    const other = await one.branchWithDevice();
    const [liveA, liveB, liveOther] = [await open(urls[0], a.credential), await open(urls[1], b.credential), await open(urls[0], other.credential)];
    const recall = { recallId: 'r-1', productId: 'p-1', batches: ['B1'], level: 'retail', reason: 'Contamination', issuedAt: 0 };
    expect((await two.admin(`/v1/admin/tenants/${a.tenantId}/publish/recalls`, { items: [recall] })).status).toBe(201);
    expect(await liveA.next(isPull, 2000)).toEqual({ type: 'pull', head: 1 });
    expect(await liveB.next(isPull, 2000)).toEqual({ type: 'pull', head: 1 });
    expect(await liveOther.quiet(isPull, 300)).toBe(true);
  });

  it('refuses the upgrade without a credential, with an unknown one, for a revoked device, and on another path', async () => {
    const { one, urls } = await twoServers();
    const a = await one.branchWithDevice();
    expect(await liveUpgradeStatus(urls[0], {})).toBe(401);
    expect(await liveUpgradeStatus(urls[0], { authorization: 'Bearer msd_nope' })).toBe(401);
    expect(await liveUpgradeStatus(urls[0], { authorization: `Bearer ${a.credential}` }, '/v1/events')).toBe(404);
    expect(await liveUpgradeStatus(urls[0], { authorization: `Bearer ${a.credential}` })).toBe(101);
    await one.admin(`/v1/admin/devices/${a.deviceId}/revoke`);
    expect(await liveUpgradeStatus(urls[1], { authorization: `Bearer ${a.credential}` })).toBe(403);
  });
});
