// A stock transfer is addressed to one branch: the server stores who it is for and gives it to that branch
// alone (and the receipt back to the sender alone), on pull and on the live channel.
import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../testing/test-databases.js';
import { makeEvent, seedDevice, seedTenant, T0 } from '../testing/fixtures.js';
import { shouldTell } from '../live/live-channel.js';
import { appendEvents, pullEvents } from './event-log.js';
import { addressee } from './visibility.js';

describe('events addressed to one branch', () => {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  it('gives a transfer to its destination only and its receipt to its sender only', async () => {
    t = await freshPostgres();
    const db = t.db;
    const { tenantId, branchIds } = await seedTenant(db, 3);
    const [a, b, c] = await Promise.all(branchIds.map((id) => seedDevice(db, tenantId, id)));
    if (!a || !b || !c) throw new Error('devices missing');
    const sent = makeEvent(a, 'inventory.transferSent', { payload: { document: { id: 'x', toBranchId: b.branchId } } });
    const privateSale = makeEvent(a, 'sales.saleCompleted');
    await appendEvents(db, a, [sent, privateSale], T0);
    const received = makeEvent(b, 'inventory.transferReceived', { payload: { transferId: 'x', fromBranchId: a.branchId } });
    await appendEvents(db, b, [received], T0);

    const ids = async (branchId: string) => {
      const r = await pullEvents(db, { tenantId, branchId }, 0, 100);
      return r.ok ? r.events.map((e) => e.event.id) : [];
    };
    expect(await ids(b.branchId)).toEqual([sent.id, received.id]);
    expect(await ids(a.branchId)).toEqual([sent.id, privateSale.id, received.id]);
    expect(await ids(c.branchId)).toEqual([]);
  });

  it('addresses nothing when the destination is missing, malformed or the sender itself', () => {
    const from = '01930000-0000-7000-8000-00000000000a';
    const to = '01930000-0000-7000-8000-00000000000b';
    const sent = (toBranchId: unknown) => ({ type: 'inventory.transferSent', branchId: from, payload: { document: { toBranchId } } });
    expect(addressee(sent(to))).toBe(to);
    expect(addressee(sent(null))).toBeNull();
    expect(addressee(sent('branch-b'))).toBeNull();
    expect(addressee(sent(from))).toBeNull();
    expect(addressee({ type: 'sales.saleCompleted', branchId: from, payload: { toBranchId: to } })).toBeNull();
    expect(addressee({ type: 'inventory.transferReceived', branchId: to, payload: { fromBranchId: from } })).toBe(from);
  });

  it('wakes the destination’s live sockets for a push addressed to it, and no third branch’s', () => {
    const device = (branchId: string) => ({ id: `dev-${branchId}`, tenantId: 't', branchId, revoked: false });
    const news = { tenantId: 't', branchId: 'a', deviceId: 'dev-a1', head: 3, published: false, addressedTo: ['b'] };
    expect(shouldTell(device('b'), news)).toBe(true);
    expect(shouldTell(device('c'), news)).toBe(false);
    expect(shouldTell(device('a'), news)).toBe(true);
  });
});
