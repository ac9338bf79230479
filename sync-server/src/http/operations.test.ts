import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, freshPglite, type TestDatabase } from '../testing/test-databases.js';
import { ADMIN, harness } from '../testing/http-fixtures.js';
import { makeEvent } from '../testing/fixtures.js';
import { createRateLimiter } from './rate-limit.js';

describe('operations endpoints', () => {
  let t: TestDatabase | null = null;
  // PGlite takes many seconds to start on a busy machine: once, outside the tests' own time.
  beforeAll(() => freshPglite(), 120_000);
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  it('answers /healthz when the database answers', async () => {
    t = await freshDatabase('pglite');
    const h = harness(t.db);
    const r = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true });
  });

  it('counts stored events, pushes, pulls and errors by code in the Prometheus text format', async () => {
    t = await freshDatabase('pglite');
    const h = harness(t.db);
    const c = await h.branchWithDevice();
    await h.push(c, [makeEvent(c), makeEvent(c)]);
    await h.pull(c);
    await h.pull(c, 'after=99');
    await h.pull({ ...c, credential: 'forged' });
    const r = await h.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(r.headers['content-type']).toContain('text/plain');
    expect(r.body).toContain('mortar_sync_events_stored_total 2\n');
    expect(r.body).toContain('mortar_sync_pushes_total 1\n');
    expect(r.body).toContain('mortar_sync_pull_requests_total 1\n');
    expect(r.body).toContain('mortar_sync_errors_total{code="sync.cursorFromFuture"} 1\n');
    expect(r.body).toContain('mortar_sync_errors_total{code="auth.invalidCredential"} 1\n');
  });

  it('describes every route in /openapi.json with schemas generated from the request checks', async () => {
    t = await freshDatabase('pglite');
    const h = harness(t.db);
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/enroll', '/v1/events', '/v1/admin/tenants', '/healthz', '/metrics']),
    );
    const push = doc.paths['/v1/events']?.post?.requestBody?.content['application/json']?.schema;
    expect(JSON.stringify(push)).toContain('"hlc"');
  });

  it('rate-limits a device with a token bucket and says when to retry', async () => {
    t = await freshDatabase('pglite');
    const h = harness(t.db, { deviceRateLimit: { capacity: 3, refillPerSecond: 1 } });
    const c = await h.branchWithDevice();
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await h.pull(c)).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    h.clock.now = new Date(h.clock.now.getTime() + 1000);
    expect((await h.pull(c)).status).toBe(200);
  });

  it('counts enrollment attempts by the connection, so a client cannot pick its own address with X-Forwarded-For', async () => {
    t = await freshDatabase('pglite');
    const enrollFrom = async (h: ReturnType<typeof harness>, i: number) =>
      (
        await h.app.inject({
          method: 'POST',
          url: '/v1/enroll',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `10.9.0.${i}` },
          payload: { code: `NO-SUCH-CODE-${i}`, label: 'till' },
        })
      ).statusCode;
    const plain = harness(t.db, { enrollRateLimit: { capacity: 2, refillPerSecond: 0.01 } });
    const direct = [];
    for (let i = 1; i <= 3; i++) direct.push(await enrollFrom(plain, i));
    expect(direct.at(-1)).toBe(429);
    // Behind a named proxy the forwarded address is the client's, each with its own bucket.
    const proxied = harness(t.db, { enrollRateLimit: { capacity: 2, refillPerSecond: 0.01 }, trustProxy: ['127.0.0.1'], sharedRateLimits: false });
    const viaProxy = [];
    for (let i = 1; i <= 3; i++) viaProxy.push(await enrollFrom(proxied, i));
    expect(viaProxy).not.toContain(429);
  });

  it('refills a bucket at its rate and never above its capacity', () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 2 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1]);
    now = 10_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1]);
    expect(limiter.take('b')).toBe(0);
  });
});
