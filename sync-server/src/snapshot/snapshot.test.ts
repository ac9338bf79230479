import { createHash, randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { freshHarness, type Harness } from '../testing/http-fixtures.js';
import { makeEvent, type Counter } from '../testing/fixtures.js';
import { AUDIT_ENTRY_RECORDED, AUDIT_GENESIS_HASH, auditEntryHashInput } from '@mortar/main/contract';
import { pullEvents } from '../log/event-log.js';
import { snapshotChunks } from './snapshot.js';

type Line = { t: string; seq?: number; at?: number; events?: number; compacted?: number; event?: { id: string; type: string; branchId: string } };

function level(c: Counter, sku: string, onHand: number, ms: number) {
  return makeEvent(c, 'stock.levelChanged', {
    hlc: `${String(ms).padStart(15, '0')}:000000:${c.deviceId.slice(0, 8)}`,
    payload: { productId: 'p', sku, gtins: [], productName: sku, branchName: 'B', onHand, quarantined: 0, asOf: ms },
  });
}

describe('new-counter snapshot', () => {
  const setup = freshHarness();

  async function snapshot(h: Harness, c: Counter, query = '') {
    const r = await h.app.inject({ method: 'GET', url: `/v1/snapshot${query}`, headers: { authorization: `Bearer ${c.credential}` } });
    if (r.statusCode !== 200) return { status: r.statusCode, json: r.json() as Record<string, unknown>, lines: [] as Line[] };
    expect(r.headers['content-encoding']).toBe('gzip');
    const text = gunzipSync(r.rawPayload).toString('utf8');
    return { status: 200, json: null, lines: text.trimEnd().split('\n').map((l) => JSON.parse(l) as Line) };
  }

  it('sends every event the device may see up to the head, in order, without other branches’ patients or superseded levels', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const b = await h.branchWithDevice(a.tenantId);
    const sale = makeEvent(a);
    const patient = makeEvent(b, 'patient.profileChanged');
    const old = level(b, 'PARA-16', 30, 1000);
    const newer = level(b, 'PARA-16', 20, 2000);
    const negative = level(b, 'IBU-24', -2, 1000);
    const fixed = level(b, 'IBU-24', 4, 2000);
    await h.push(a, [sale]);
    await h.push(b, [patient, old, newer, negative, fixed]);
    await h.admin(`/v1/admin/tenants/${a.tenantId}/publish/products`, { items: [{ productId: 'p-1', name: 'Paracetamol', packSize: 16, rxOnly: false, taxCategory: 'standard', active: true }] });
    const { lines } = await snapshot(h, a);
    expect(lines[0]).toMatchObject({ t: 'begin', at: 7, after: 0, tenantId: a.tenantId, branchId: a.branchId });
    const events = lines.filter((l) => l.t === 'event');
    expect(events.map((l) => l.event?.id)).toEqual([sale.id, newer.id, negative.id, fixed.id, expect.any(String)]);
    expect(events.map((l) => l.seq)).toEqual([1, 4, 5, 6, 7]);
    expect(events[4]?.event?.type).toBe('catalog.productsPublished');
    expect(lines.at(-1)).toEqual({ t: 'end', at: 7, events: 5, compacted: 1 });
  });

  it('leaves out what only head office reads: a till’s audit chain reaches no other counter by snapshot either', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const fields = {
      seq: 1, id: randomUUID(), at: 1_700_000_000_000, deviceId: a.deviceId, actorId: null, actorName: 'Casey Cashier', approvedById: null,
      action: 'sales.completeSale', entityType: 'sale', entityId: 'sale-1', beforeDigest: null, afterDigest: null, reason: null, prevHash: AUDIT_GENESIS_HASH,
    };
    const entry = { ...fields, hash: createHash('sha256').update(auditEntryHashInput(fields)).digest('hex') };
    const audit = makeEvent(a, AUDIT_ENTRY_RECORDED, { payload: entry });
    const sale = makeEvent(a);
    expect((await h.push(a, [audit, sale])).json).toMatchObject({ ok: true, stored: 2 });
    const code = (await h.admin(`/v1/admin/tenants/${a.tenantId}/branches/${a.branchId}/enrollment-codes`)).json.code as string;
    const till = (await h.enroll(code)).json;
    const newTill: Counter = { tenantId: a.tenantId, branchId: a.branchId, deviceId: till.deviceId as string, credential: till.credential as string };
    const { lines } = await snapshot(h, newTill);
    expect(lines.filter((l) => l.t === 'event').map((l) => l.event?.id)).toEqual([sale.id]);
    expect(lines.at(-1)).toMatchObject({ t: 'end', at: 2, events: 1 });
  });

  it('resumes a cut download from the last applied sequence at the same position, even after the log grew', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const first = Array.from({ length: 6 }, () => makeEvent(a));
    await h.push(a, first);
    const full = await snapshot(h, a);
    await h.push(a, [makeEvent(a)]);
    const rest = await snapshot(h, a, '?at=6&after=3');
    expect(rest.lines[0]).toMatchObject({ t: 'begin', at: 6, after: 3 });
    expect(rest.lines.filter((l) => l.t === 'event').map((l) => l.seq)).toEqual([4, 5, 6]);
    expect(rest.lines.filter((l) => l.t === 'event')).toEqual(full.lines.filter((l) => l.t === 'event').slice(3));
    expect(rest.lines.at(-1)).toMatchObject({ t: 'end', at: 6, events: 3 });
  });

  it('writes each event exactly as the pull reads it, escaped texts and transfers addressed to the branch included, whatever the page size', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const b = await h.branchWithDevice(a.tenantId);
    const odd = makeEvent(a, 'sales.saleCompleted', { payload: { note: 'quote " backslash \\ newline \n tab \t émoji 💊 \u0001', n: 1.5, big: 9007199254740991, nested: [{ x: null, y: false }] } });
    const transfer = makeEvent(b, 'inventory.transferSent', { payload: { document: { id: 'T-1', toBranchId: a.branchId, lines: [] } } });
    const otherBranchSale = makeEvent(b);
    await h.push(a, [makeEvent(a), odd]);
    await h.push(b, [transfer, otherBranchSale, makeEvent(b, 'patient.profileChanged')]);
    const db = h.db;
    const reader = { tenantId: a.tenantId, branchId: a.branchId };
    const pulled = await pullEvents(db, reader, 0, 100);
    if (!pulled.ok) throw new Error(pulled.error.message);
    for (const pageSeqs of [1, 2, 100]) {
      let text = '';
      for await (const chunk of snapshotChunks(db, reader, { at: pulled.head, after: 0 }, pageSeqs)) text += chunk;
      const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
      expect(lines.filter((l) => l.t === 'event')).toEqual(pulled.events.map((e) => ({ t: 'event', seq: e.seq, event: e.event })));
      expect(lines.at(-1)).toEqual({ t: 'end', at: pulled.head, events: 3, compacted: 0 });
    }
    expect(pulled.events.map((e) => e.event.id)).toContain(transfer.id);
    expect(pulled.events.map((e) => e.event.id)).not.toContain(otherBranchSale.id);
  });

  it('refuses a position ahead of the log, an after past at, a malformed query and a missing credential', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    await h.push(a, [makeEvent(a)]);
    expect(await snapshot(h, a, '?at=5')).toMatchObject({ status: 409, json: { error: { code: 'sync.cursorFromFuture', details: { at: 5, head: 1 } } } });
    expect(await snapshot(h, a, '?at=1&after=2')).toMatchObject({ status: 400, json: { error: { code: 'sync.badCursor' } } });
    expect(await snapshot(h, a, '?after=-1')).toMatchObject({ status: 400, json: { error: { code: 'sync.badCursor' } } });
    const anonymous = await h.app.inject({ method: 'GET', url: '/v1/snapshot' });
    expect(anonymous.statusCode).toBe(401);
  });
});
