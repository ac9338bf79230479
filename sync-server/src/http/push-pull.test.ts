import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, freshPglite, type Backend, type TestDatabase } from '../testing/test-databases.js';
import { harness, type Harness } from '../testing/http-fixtures.js';
import { makeEvent, T0 } from '../testing/fixtures.js';

// PGlite takes many seconds to start on a busy machine: once per file, outside the tests' own time.
beforeAll(() => freshPglite(), 120_000);

type Pulled = { seq: number; receivedAt: string; event: { id: string; type: string; hlc: string; occurredAt: number } };

describe.each<Backend>(['postgres', 'pglite'])('push and pull on %s', (backend) => {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  async function setup(options: Parameters<typeof harness>[1] = {}): Promise<Harness> {
    t = await freshDatabase(backend);
    return harness(t.db, options);
  }

  it('round-trips a batch: pushed events come back in order with their sequence', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const events = [makeEvent(c), makeEvent(c, 'stock.levelChanged')];
    const push = await h.push(c, events);
    expect(push).toMatchObject({ status: 200, json: { ok: true, stored: 2, duplicates: 0, ackedThroughId: events[1]?.id } });
    const pull = await h.pull(c);
    expect(pull.status).toBe(200);
    const got = pull.json.events as Pulled[];
    expect(got.map((e) => e.event)).toEqual(events);
    expect(got.map((e) => e.seq)).toEqual([1, 2]);
    expect(pull.json).toMatchObject({ cursor: 2, hasMore: false });
    expect((await h.pull(c, 'after=2')).json).toMatchObject({ events: [], cursor: 2 });
  });

  it('stores a retried or replayed batch once and acknowledges it again', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const batch = [makeEvent(c), makeEvent(c)];
    await h.push(c, batch);
    const retry = await h.push(c, batch);
    expect(retry.json).toMatchObject({ stored: 0, duplicates: 2, ackedThroughId: batch[1]?.id });
    const overlapping = await h.push(c, [batch[1], batch[1], makeEvent(c)]);
    expect(overlapping.json).toMatchObject({ stored: 1, duplicates: 2 });
    expect(((await h.pull(c)).json.events as Pulled[]).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('refuses a malformed event with its index, and stores nothing of the batch', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const bad = { ...makeEvent(c), hlc: 'yesterday' };
    const r = await h.push(c, [makeEvent(c), bad]);
    expect(r).toMatchObject({ status: 400, json: { ok: false, error: { code: 'events.malformed', details: { index: 1 } } } });
    expect((await h.pull(c)).json.events).toEqual([]);
    const notJson = await h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${c.credential}`, 'content-type': 'application/json' },
      payload: '{"events": [',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ error: { code: 'http.malformedBody' } });
    expect((await h.push(c, 'nope' as unknown as unknown[])).json).toMatchObject({ error: { code: 'events.malformed' } });
  });

  it('refuses a body over the size limit and a batch over the event limit', async () => {
    const h = await setup({ bodyLimit: 4096, maxBatch: 3 });
    const c = await h.branchWithDevice();
    const big = makeEvent(c, 'sales.saleCompleted', { payload: { note: 'x'.repeat(5000) } });
    expect(await h.push(c, [big])).toMatchObject({ status: 413, json: { error: { code: 'http.bodyTooLarge' } } });
    const many = Array.from({ length: 4 }, () => makeEvent(c));
    expect(await h.push(c, many)).toMatchObject({ status: 400, json: { error: { code: 'events.batchTooLarge' } } });
  });

  it('refuses the whole batch when one event claims another branch, tenant or device', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const b = await h.branchWithDevice(a.tenantId);
    for (const [field, value] of [['branchId', b.branchId], ['tenantId', randomUUID()], ['deviceId', b.deviceId]] as const) {
      const r = await h.push(a, [makeEvent(a), makeEvent(a, 'sales.saleCompleted', { [field]: value })]);
      expect(r).toMatchObject({ status: 403, json: { error: { code: 'events.originMismatch', details: { index: 1, field } } } });
    }
    expect((await h.pull(a)).json.events).toEqual([]);
  });

  it('stores an event type it does not know but keeps it in its branch', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const b = await h.branchWithDevice(a.tenantId);
    const unknown = makeEvent(a, 'loyalty.pointsEarned');
    expect((await h.push(a, [unknown])).json).toMatchObject({ ok: true, stored: 1 });
    expect(((await h.pull(a)).json.events as Pulled[]).map((e) => e.event.id)).toEqual([unknown.id]);
    expect((await h.pull(b)).json).toMatchObject({ events: [], cursor: 1 });
  });

  it("never gives a device of branch A branch B's events that are not published, and gives it B's published ones", async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const b = await h.branchWithDevice(a.tenantId);
    const other = await h.branchWithDevice();
    const published = [makeEvent(b, 'stock.levelChanged'), makeEvent(b, 'catalog.productChanged'), makeEvent(b, 'inventory.recallIssued')];
    const privateToB = [makeEvent(b), makeEvent(b, 'rx.dispensed'), makeEvent(b, 'patient.profileChanged'), makeEvent(b, 'inventory.deliveryReceived')];
    await h.push(b, [...privateToB.slice(0, 2), ...published, ...privateToB.slice(2)]);
    await h.push(other, [makeEvent(other, 'stock.levelChanged')]);
    let cursor = 0;
    const all: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await h.pull(a, `after=${cursor}&limit=2`);
      all.push(...(r.json.events as Pulled[]).map((e) => e.event.id));
      cursor = r.json.cursor as number;
      if (!r.json.hasMore) break;
    }
    expect(all).toEqual(published.map((e) => e.id));
    expect(((await h.pull(b)).json.events as Pulled[])).toHaveLength(7);
  });

  it("keeps a device's hlc and occurredAt when its clock is 10 years off, and stamps the server's time", async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const future = T0.getTime() + 10 * 365 * 24 * 3600 * 1000;
    const e = makeEvent(c, 'sales.saleCompleted', { occurredAt: future, hlc: `${String(future).padStart(15, '0')}:000000:${c.deviceId.slice(0, 8)}` });
    h.clock.now = new Date('2026-03-02T10:00:00.000Z');
    expect((await h.push(c, [e])).status).toBe(200);
    const got = ((await h.pull(c)).json.events as Pulled[])[0];
    expect(got?.event).toMatchObject({ hlc: e.hlc, occurredAt: future });
    expect(got?.receivedAt).toBe('2026-03-02T10:00:00.000Z');
  });

  it('refuses a cursor from the future and a cursor that is not a number', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    await h.push(c, [makeEvent(c)]);
    expect(await h.pull(c, 'after=5')).toMatchObject({ status: 409, json: { error: { code: 'sync.cursorFromFuture', details: { cursor: 5, head: 1 } } } });
    expect(await h.pull(c, 'after=-1')).toMatchObject({ status: 400, json: { error: { code: 'sync.badCursor' } } });
    expect(await h.pull(c, 'after=0&limit=0')).toMatchObject({ status: 400, json: { error: { code: 'sync.badCursor' } } });
  });
});
