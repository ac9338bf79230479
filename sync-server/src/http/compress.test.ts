import { gunzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, freshPglite, type TestDatabase } from '../testing/test-databases.js';
import { harness } from '../testing/http-fixtures.js';
import { makeEvent } from '../testing/fixtures.js';
import { acceptsGzip } from './compress.js';

beforeAll(() => freshPglite(), 120_000);

describe('Accept-Encoding', () => {
  it('allows gzip when it is listed, alone, among others, by wildcard, or with a positive weight', () => {
    for (const h of ['gzip', 'br, gzip, deflate', 'GZIP;q=0.5', '*', ['deflate', 'gzip']]) expect(acceptsGzip(h)).toBe(true);
  });

  it('refuses gzip when it is absent or weighted zero', () => {
    for (const h of [undefined, '', 'br, deflate', 'gzip;q=0', 'identity', 'xgzip']) expect(acceptsGzip(h)).toBe(false);
  });
});

describe('pull pages', () => {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  it('come gzip-compressed to a counter that accepts it, with the same events as uncompressed', async () => {
    t = await freshDatabase('pglite');
    const h = await harness(t.db);
    const c = await h.branchWithDevice();
    await h.push(c, Array.from({ length: 40 }, () => makeEvent(c, 'stock.levelChanged')));
    const plain = await h.app.inject({ method: 'GET', url: '/v1/events?after=0&limit=1000', headers: { authorization: `Bearer ${c.credential}` } });
    const packed = await h.app.inject({ method: 'GET', url: '/v1/events?after=0&limit=1000', headers: { authorization: `Bearer ${c.credential}`, 'accept-encoding': 'gzip, deflate' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    const unpacked = JSON.parse(gunzipSync(packed.rawPayload).toString('utf8')) as { events: unknown[] };
    expect(unpacked).toEqual(plain.json());
    expect(unpacked.events).toHaveLength(40);
  });

  it('go uncompressed when small, even to a counter that accepts gzip', async () => {
    t = await freshDatabase('pglite');
    const h = await harness(t.db);
    const c = await h.branchWithDevice();
    const r = await h.app.inject({ method: 'GET', url: '/v1/events?after=0', headers: { authorization: `Bearer ${c.credential}`, 'accept-encoding': 'gzip' } });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.json()).toMatchObject({ ok: true, events: [] });
  });
});
