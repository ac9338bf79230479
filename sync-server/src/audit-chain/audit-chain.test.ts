import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ENTRY_RECORDED, AUDIT_GENESIS_HASH, auditEntryHashInput, type AuditEntryRecorded, type EventEnvelope } from '@mortar/main/contract';
import { pullEvents } from '../log/event-log.js';
import { auditChainStatus } from './alerts.js';
import { uuidv7 } from '../registry/ids.js';
import { freshDatabase, freshPglite, type Backend, type TestDatabase } from '../testing/test-databases.js';
import { ADMIN, harness, type Harness } from '../testing/http-fixtures.js';
import { makeEvent, T0, type Counter } from '../testing/fixtures.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

type Entry = AuditEntryRecorded;

/** A counter's audit chain of `n` entries, hashed as the counter hashes them. */
function chainOf(n: number, chainDeviceId: string = randomUUID(), from: { seq: number; prevHash: string } = { seq: 1, prevHash: AUDIT_GENESIS_HASH }, label = 'sale'): Entry[] {
  const out: Entry[] = [];
  let prevHash = from.prevHash;
  for (let seq = from.seq; seq < from.seq + n; seq++) {
    const fields = {
      seq,
      id: uuidv7(T0.getTime() + seq),
      at: T0.getTime() + seq,
      deviceId: chainDeviceId,
      actorId: null,
      actorName: 'Casey Cashier',
      approvedById: null,
      action: 'sales.completeSale',
      entityType: 'sale',
      entityId: `${label}-${seq}`,
      beforeDigest: null,
      afterDigest: sha(`${label}-${seq}`),
      reason: null,
      prevHash,
    };
    const entry = { ...fields, hash: sha(auditEntryHashInput(fields)) };
    out.push(entry);
    prevHash = entry.hash;
  }
  return out;
}

const eventOf = (c: Counter, e: Entry): EventEnvelope => makeEvent(c, AUDIT_ENTRY_RECORDED, { payload: { ...e } });

type Alert = { id: string; kind: string; seq: number; deviceId: string; chainDeviceId: string; details: Record<string, unknown>; acknowledgedAt: string | null };

// PGlite takes many seconds to start on a busy machine: once per file, outside the tests' own time.
beforeAll(() => freshPglite(), 120_000);

describe.each<Backend>(['postgres', 'pglite'])('audit chains verified on arrival (%s)', (backend) => {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  async function setup(options: Parameters<typeof harness>[1] = {}): Promise<Harness> {
    t = await freshDatabase(backend);
    return harness(t.db, options);
  }

  const get = async (h: Harness, url: string, credential = ADMIN) => {
    const r = await h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${credential}` } });
    const json = r.headers['content-type']?.toString().startsWith('application/json') ? (r.json() as Record<string, unknown>) : {};
    return { status: r.statusCode, json, body: r.body };
  };
  const post = async (h: Harness, url: string, payload: object = {}, credential = ADMIN) => {
    const r = await h.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${credential}` }, payload });
    return { status: r.statusCode, json: r.json() as Record<string, unknown> };
  };
  const alerts = async (h: Harness, c: Counter, state = 'open') =>
    (await get(h, `/v1/admin/tenants/${c.tenantId}/audit-alerts?state=${state}`)).json.alerts as Alert[];
  const push = async (h: Harness, c: Counter, events: EventEnvelope[]) => {
    const r = await h.push(c, events);
    expect(r.status).toBe(200);
    return r.json;
  };
  const openDb = () => {
    if (!t) throw new Error('no database');
    return t.db;
  };
  const verifiedThrough = async (chainDeviceId: string) =>
    Number((await t?.db.query<{ verified_seq: string }>('SELECT verified_seq FROM audit_chains WHERE chain_device_id = $1', [chainDeviceId]))?.[0]?.verified_seq);

  it('verifies a good chain pushed in batches among other events, and raises nothing', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const chain = chainOf(8);
    await push(h, c, [makeEvent(c), ...chain.slice(0, 3).map((e) => eventOf(c, e)), makeEvent(c, 'stock.levelChanged')]);
    await push(h, c, chain.slice(3).map((e) => eventOf(c, e)));
    expect(await alerts(h, c, 'all')).toEqual([]);
    expect(await auditChainStatus(openDb(), c.tenantId)).toEqual([
      { chainDeviceId: chain[0]?.deviceId, branchId: c.branchId, deviceId: c.deviceId, verifiedSeq: 8, maxSeq: 8, heldGapSeq: null },
    ]);
  });

  it('raises nothing for entries reordered within and across pushes, duplicated or replayed', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const chain = chainOf(7);
    const ev = chain.map((e) => eventOf(c, e));
    const [e1, e2, e3, e4, e5, e6, e7] = ev as [EventEnvelope, EventEnvelope, EventEnvelope, EventEnvelope, EventEnvelope, EventEnvelope, EventEnvelope];
    await push(h, c, [e3, e1, e2, e2]);
    // 5 before 4: held, not raised, while 4 is still to come in the next push.
    await push(h, c, [e5]);
    await push(h, c, [e1, e2]);
    await push(h, c, [e4, e3, e6]);
    // The same entry under a second event id (a back-filled copy, say) is a duplicate, not a fork.
    await push(h, c, [e7, { ...e6, id: uuidv7(T0.getTime() + 99) }]);
    expect(await alerts(h, c, 'all')).toEqual([]);
    expect(await verifiedThrough(chain[0]?.deviceId ?? '')).toBe(7);
  });

  it('raises one hashMismatch for an entry edited after it was hashed, and still stores and acknowledges the push', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const chain = chainOf(5);
    const tampered = chain.map((e) => (e.seq === 3 ? { ...e, actorName: 'Someone Else' } : e));
    const events = tampered.map((e) => eventOf(c, e));
    expect(await push(h, c, events)).toMatchObject({ ok: true, stored: 5, ackedThroughId: events[4]?.id });
    await push(h, c, [makeEvent(c)]);
    await push(h, c, events);
    const found = await alerts(h, c);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'hashMismatch', seq: 3, deviceId: c.deviceId, chainDeviceId: chain[0]?.deviceId, details: { claimedHash: chain[2]?.hash } });
    // The rest of the chain links through the entry as it was hashed: one edit, one alert.
    expect(await verifiedThrough(chain[0]?.deviceId ?? '')).toBe(5);
  });

  it('raises one gap when the next push of the device leaves the hole, and goes on checking after it', async () => {
    const lines: string[] = [];
    const h = await setup({ logger: { level: 'warn', stream: { write: (line: string) => void lines.push(line) } } });
    const c = await h.branchWithDevice();
    const chain = chainOf(8);
    const ev = chain.map((e) => eventOf(c, e));
    await push(h, c, [ev[0], ev[1], ev[3], ev[4]].filter((e): e is EventEnvelope => e !== undefined));
    expect(await alerts(h, c)).toEqual([]);
    await push(h, c, [makeEvent(c), ev[5]].filter((e): e is EventEnvelope => e !== undefined));
    await push(h, c, ev.slice(6));
    const found = await alerts(h, c);
    expect(found.map((a) => [a.kind, a.seq])).toEqual([['gap', 3]]);
    expect(found[0]?.details).toEqual({ missingFrom: 3, missingTo: 3, resumedAt: 4 });
    expect(await verifiedThrough(chain[0]?.deviceId ?? '')).toBe(8);
    expect(lines.filter((l) => l.includes('audit chain broken'))).toHaveLength(1);
    expect(JSON.parse(lines.find((l) => l.includes('audit chain broken')) ?? '{}')).toMatchObject({ level: 40, kind: 'gap', seq: 3 });
    const metrics = await get(h, '/metrics');
    expect(metrics.body).toContain('mortar_sync_audit_alerts_total{kind="gap"} 1');
  });

  it('stores and acknowledges a push whose check cannot run, and checks its entries with the next push', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const chain = chainOf(4);
    const db = openDb();
    await db.query('ALTER TABLE audit_chain_entries RENAME TO audit_chain_entries_away');
    try {
      const events = chain.slice(0, 2).map((e) => eventOf(c, e));
      expect(await push(h, c, events)).toMatchObject({ ok: true, stored: 2, ackedThroughId: events[1]?.id });
    } finally {
      await db.query('ALTER TABLE audit_chain_entries_away RENAME TO audit_chain_entries');
    }
    await push(h, c, chain.slice(2).map((e) => eventOf(c, e)));
    expect(await alerts(h, c, 'all')).toEqual([]);
    expect(await verifiedThrough(chain[0]?.deviceId ?? '')).toBe(4);
  });

  it('raises one fork when a second, different entry arrives under a stored seq', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const chain = chainOf(4);
    await push(h, c, chain.map((e) => eventOf(c, e)));
    // A rewound counter (restored from an old copy) writes seq 3 again, validly hashed and linked.
    const other = chainOf(1, chain[0]?.deviceId, { seq: 3, prevHash: chain[1]?.hash ?? '' }, 'rewritten');
    await push(h, c, other.map((e) => eventOf(c, e)));
    await push(h, c, other.map((e) => eventOf(c, e)));
    const found = await alerts(h, c);
    expect(found.map((a) => [a.kind, a.seq])).toEqual([['fork', 3]]);
    expect(found[0]?.details).toMatchObject({ storedHash: chain[2]?.hash, receivedHash: other[0]?.hash });
  });

  it('raises one linkMismatch for an entry that does not point at its predecessor', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const head = chainOf(2);
    const relinked = chainOf(2, head[0]?.deviceId, { seq: 3, prevHash: sha('not the predecessor') });
    await push(h, c, [...head, ...relinked].map((e) => eventOf(c, e)));
    expect((await alerts(h, c)).map((a) => [a.kind, a.seq])).toEqual([['linkMismatch', 3]]);
  });

  it('gives audit events to no device, not even the one that wrote them; head office reads them', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const sameBranch = await h.branchWithDevice(a.tenantId).then(async (b) => {
      // A second till of a's branch.
      const code = (await h.admin(`/v1/admin/tenants/${a.tenantId}/branches/${a.branchId}/enrollment-codes`)).json.code as string;
      const e = (await h.enroll(code)).json;
      return { b, till: { tenantId: a.tenantId, branchId: a.branchId, deviceId: e.deviceId as string, credential: e.credential as string } };
    });
    const audit = chainOf(2).map((e) => eventOf(a, e));
    const sale = makeEvent(a);
    await push(h, a, [audit[0], sale, audit[1]].filter((e): e is EventEnvelope => e !== undefined));
    const ids = async (c: Counter) => ((await h.pull(c)).json.events as { event: { id: string } }[]).map((e) => e.event.id);
    expect(await ids(a)).toEqual([sale.id]);
    expect(await ids(sameBranch.till)).toEqual([sale.id]);
    expect(await ids(sameBranch.b)).toEqual([]);
    expect((await h.pull(sameBranch.till)).json).toMatchObject({ cursor: 3, hasMore: false });
    const headOffice = await pullEvents(openDb(), { tenantId: a.tenantId, branchId: null }, 0, 10);
    expect(headOffice.ok && headOffice.events.map((e) => e.event.id)).toEqual([audit[0]?.id, sale.id, audit[1]?.id]);
  });

  it('lists alerts and acknowledges one through the admin route, refusing a device token and another tenant', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const otherTenant = await h.branchWithDevice();
    const chain = chainOf(3).map((e) => (e.seq === 2 ? { ...e, reason: 'edited' } : e));
    await push(h, c, chain.map((e) => eventOf(c, e)));
    const [alert] = await alerts(h, c);
    if (!alert) throw new Error('no alert');
    const base = `/v1/admin/tenants/${c.tenantId}/audit-alerts`;
    expect((await get(h, base, c.credential)).json).toMatchObject({ ok: false, error: { code: 'admin.unauthorized' } });
    expect((await post(h, `${base}/${alert.id}/acknowledge`, {}, c.credential)).status).toBe(401);
    expect(await post(h, `/v1/admin/tenants/${otherTenant.tenantId}/audit-alerts/${alert.id}/acknowledge`)).toMatchObject({
      status: 404,
      json: { error: { code: 'auditAlert.notFound' } },
    });
    expect((await alerts(h, otherTenant)).length).toBe(0);
    expect((await get(h, `/v1/admin/tenants/${randomUUID()}/audit-alerts`)).status).toBe(404);
    expect((await get(h, `${base}?state=closed`)).json).toMatchObject({ error: { code: 'request.invalid' } });
    expect((await post(h, `${base}/${alert.id}/acknowledge`, { note: '' })).json).toMatchObject({ error: { code: 'request.invalid' } });
    // Still open after the refusals; open in the head-office exceptions view too.
    const exceptions = async () => (await get(h, `/v1/admin/tenants/${c.tenantId}/projections/exceptions`)).json.exceptions as { id: string; kind: string }[];
    expect((await exceptions()).map((e) => [e.id, e.kind])).toEqual([[alert.id, 'auditChain.hashMismatch']]);

    h.clock.now = new Date(T0.getTime() + 60_000);
    const ack = await post(h, `${base}/${alert.id}/acknowledge`, { note: 'restored from the nightly backup; checked with the branch' });
    expect(ack).toMatchObject({ status: 200, json: { ok: true, alert: { id: alert.id, acknowledgedAt: new Date(T0.getTime() + 60_000).toISOString(), acknowledgedNote: 'restored from the nightly backup; checked with the branch' } } });
    expect(await alerts(h, c)).toEqual([]);
    expect((await alerts(h, c, 'all')).map((a) => a.id)).toEqual([alert.id]);
    expect(await exceptions()).toEqual([]);
    expect(await post(h, `${base}/${alert.id}/acknowledge`)).toMatchObject({ status: 409, json: { error: { code: 'auditAlert.alreadyAcknowledged' } } });
  });
});
