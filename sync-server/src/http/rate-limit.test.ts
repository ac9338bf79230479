// A device's rate is one rate however many processes serve it: the buckets live in PostgreSQL, so two real
// `mortar-sync` processes behind haproxy allow what one would, and concurrent takes never overspend a bucket.
import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../testing/test-databases.js';
import { startBalancer, startSyncProcess, type Child } from '../testing/processes.js';
import { createSharedRateLimiter } from './rate-limit.js';

const ADMIN = 'rate-limit-admin-token-0123456789';

async function post(base: string, path: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await r.json()) as Record<string, unknown>;
}

describe('shared rate limits', () => {
  let t: TestDatabase | null = null;
  const children: Child[] = [];
  afterEach(async () => {
    for (const c of children.splice(0).reverse()) await c.stop();
    await t?.drop();
    t = null;
  });

  it('two limiters over one database spend one bucket, refill it at its rate and keep keys and prefixes apart', async () => {
    t = await freshPostgres();
    let now = 1_000_000;
    const a = createSharedRateLimiter(t.db, 'device', { capacity: 3, refillPerSecond: 2 }, () => now);
    const b = createSharedRateLimiter(t.db, 'device', { capacity: 3, refillPerSecond: 2 }, () => now);
    const other = createSharedRateLimiter(t.db, 'enroll', { capacity: 1, refillPerSecond: 1 }, () => now);
    expect([await a.take('d1'), await b.take('d1'), await a.take('d1'), await b.take('d1')]).toEqual([0, 0, 0, 1]);
    expect(await a.take('d2')).toBe(0);
    expect(await other.take('d1')).toBe(0);
    now += 500;
    expect([await b.take('d1'), await a.take('d1')]).toEqual([0, 1]);
    now += 60_000;
    // Refilled to the capacity, never above it.
    expect([await a.take('d1'), await b.take('d1'), await a.take('d1'), await b.take('d1')]).toEqual([0, 0, 0, 1]);
  });

  it('never allows more than the capacity to concurrent takes from many connections', async () => {
    t = await freshPostgres(20);
    const db = t.db;
    const now = () => 5_000_000;
    const limiters = Array.from({ length: 4 }, () => createSharedRateLimiter(db, 'device', { capacity: 25, refillPerSecond: 1 }, now));
    const waits = await Promise.all(Array.from({ length: 100 }, (_, i) => limiters[i % 4]?.take('busy')));
    expect(waits.filter((w) => w === 0)).toHaveLength(25);
  });

  it('lets a device through two processes behind haproxy at the rate of one process, and /metrics needs a token', async () => {
    t = await freshPostgres();
    const env = { DATABASE_URL: t.url ?? '', MORTAR_SYNC_ADMIN_TOKEN: ADMIN, MORTAR_SYNC_DEVICE_RATE: '10:0.1', MORTAR_SYNC_METRICS_TOKEN: 'scraper-token-0123456789' };
    const [p1, p2] = await Promise.all([startSyncProcess(env), startSyncProcess(env)]);
    if (!p1 || !p2) throw new Error('processes did not start');
    children.push(p1, p2);
    const lb = await startBalancer([p1.url, p2.url]);
    children.push(lb);
    const tenantId = (await post(lb.url, '/v1/admin/tenants', ADMIN, { name: 'Chain' })).tenantId as string;
    const branchId = (await post(lb.url, `/v1/admin/tenants/${tenantId}/branches`, ADMIN, { name: 'Branch' })).branchId as string;
    const code = (await post(lb.url, `/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`, ADMIN, {})).code as string;
    const credential = (await post(lb.url, '/v1/enroll', '', { code, label: 'till' })).credential as string;

    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await fetch(`${lb.url}/v1/events?after=0&limit=10`, { headers: { authorization: `Bearer ${credential}` } });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const seconds = (Date.now() - started) / 1000;
    const allowed = statuses.filter((s) => s === 200).length;
    // One bucket of 10 plus what 0.1 per second refilled meanwhile; per-process buckets would allow 20.
    expect(allowed).toBeGreaterThanOrEqual(10);
    expect(allowed).toBeLessThanOrEqual(10 + Math.ceil(seconds * 0.1));
    expect(statuses.filter((s) => s === 429).length).toBe(30 - allowed);

    // Both processes answered (round-robin), and each counted its refusals.
    const scrape = async (base: string, token: string | null) =>
      fetch(`${base}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    let refused = 0;
    for (const p of [p1, p2]) {
      const text = await (await scrape(p.url, 'scraper-token-0123456789')).text();
      const n = Number(/^mortar_sync_errors_total\{code="http.rateLimited"\} (\d+)$/m.exec(text)?.[1] ?? 0);
      expect(n).toBeGreaterThan(0);
      refused += n;
    }
    expect(refused).toBe(30 - allowed);
    expect((await scrape(p1.url, null)).status).toBe(401);
    expect((await scrape(p1.url, credential)).status).toBe(401);
    expect((await scrape(p1.url, ADMIN)).status).toBe(200);
  }, 120_000);
});
