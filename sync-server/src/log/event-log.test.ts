import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, freshPglite, type Backend, type TestDatabase } from '../testing/test-databases.js';
import { makeEvent, seedDevice, seedTenant, T0 } from '../testing/fixtures.js';
import { appendEvents, pullEvents } from './event-log.js';

// PGlite takes many seconds to start on a busy machine: once per file, outside the tests' own time.
beforeAll(() => freshPglite(), 120_000);

describe.each<Backend>(['postgres', 'pglite'])('event log on %s', (backend) => {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  it('numbers a tenant log densely from 1 and returns events in that order', async () => {
    t = await freshDatabase(backend);
    const { tenantId, branchIds } = await seedTenant(t.db);
    const c = await seedDevice(t.db, tenantId, branchIds[0] ?? '');
    const events = [makeEvent(c), makeEvent(c), makeEvent(c)];
    const r = await appendEvents(t.db, c, events, T0);
    expect(r).toMatchObject({ ok: true, stored: 3, duplicates: 0, lastEventId: events[2]?.id, headSeq: 3 });
    const pulled = await pullEvents(t.db, { tenantId, branchId: c.branchId }, 0, 10);
    if (!pulled.ok) throw new Error(pulled.error.code);
    expect(pulled.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(pulled.events.map((e) => e.event)).toEqual(events);
    expect(pulled).toMatchObject({ cursor: 3, head: 3, hasMore: false });
  });

  it('stores a retried event once and acknowledges it', async () => {
    t = await freshDatabase(backend);
    const { tenantId, branchIds } = await seedTenant(t.db);
    const c = await seedDevice(t.db, tenantId, branchIds[0] ?? '');
    const e = makeEvent(c);
    await appendEvents(t.db, c, [e], T0);
    const again = await appendEvents(t.db, c, [e, e, makeEvent(c)], T0);
    expect(again).toMatchObject({ ok: true, stored: 1, duplicates: 2, headSeq: 2 });
  });

  it('refuses an event id already used by another device', async () => {
    t = await freshDatabase(backend);
    const { tenantId, branchIds } = await seedTenant(t.db);
    const a = await seedDevice(t.db, tenantId, branchIds[0] ?? '');
    const b = await seedDevice(t.db, tenantId, branchIds[0] ?? '');
    const e = makeEvent(a);
    await appendEvents(t.db, a, [e], T0);
    const r = await appendEvents(t.db, b, [{ ...e, deviceId: b.deviceId }], T0);
    expect(r).toMatchObject({ ok: false, error: { code: 'events.idConflict', details: { ids: [e.id] } } });
  });

  it('pages by cursor and says when more remain', async () => {
    t = await freshDatabase(backend);
    const { tenantId, branchIds } = await seedTenant(t.db);
    const c = await seedDevice(t.db, tenantId, branchIds[0] ?? '');
    await appendEvents(t.db, c, Array.from({ length: 5 }, () => makeEvent(c)), T0);
    const first = await pullEvents(t.db, { tenantId, branchId: c.branchId }, 0, 2);
    expect(first).toMatchObject({ ok: true, cursor: 2, hasMore: true });
    const last = await pullEvents(t.db, { tenantId, branchId: c.branchId }, 4, 2);
    expect(last).toMatchObject({ ok: true, cursor: 5, hasMore: false });
  });

  it('refuses a cursor ahead of the log', async () => {
    t = await freshDatabase(backend);
    const { tenantId, branchIds } = await seedTenant(t.db);
    const c = await seedDevice(t.db, tenantId, branchIds[0] ?? '');
    await appendEvents(t.db, c, [makeEvent(c)], T0);
    const r = await pullEvents(t.db, { tenantId, branchId: c.branchId }, 2, 10);
    expect(r).toMatchObject({ ok: false, error: { code: 'sync.cursorFromFuture', details: { cursor: 2, head: 1 } } });
  });

  it('moves a filtered reader past events it may not see', async () => {
    t = await freshDatabase(backend);
    const { tenantId, branchIds } = await seedTenant(t.db, 2);
    const a = await seedDevice(t.db, tenantId, branchIds[0] ?? '');
    const b = await seedDevice(t.db, tenantId, branchIds[1] ?? '');
    await appendEvents(t.db, b, [makeEvent(b), makeEvent(b, 'stock.levelChanged'), makeEvent(b, 'rx.dispensed')], T0);
    const r = await pullEvents(t.db, { tenantId, branchId: a.branchId }, 0, 10);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.events.map((e) => e.event.type)).toEqual(['stock.levelChanged']);
    expect(r.cursor).toBe(3);
  });
});
