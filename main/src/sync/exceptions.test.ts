import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../core.js';
import { addUser, createTestCore, expectOk, loginAs, setUpPharmacy, type TestCore } from '../testing/index.js';
import { syncStore, type NewException } from './sync-store.js';

const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

const refills: NewException = {
  id: 'x-rx',
  kind: 'rx.refillsExceeded',
  eventId: 'ev-rx',
  branchId: 'b1',
  branchName: 'High Street',
  sku: 'AMOX-21',
  productName: 'Amoxicillin 500 mg capsules',
  detail: {
    prescriptionId: 'rx-1',
    lineNo: 1,
    ingredient: 'Amoxicillin',
    refills: 1,
    allowedFills: 2,
    fills: [
      { dispenseId: 'd1', deviceId: 'till-1', at: 1_000, actorName: 'Pat Pharmacist', quantity: 21 },
      { dispenseId: 'd2', deviceId: 'till-1', at: 2_000, actorName: 'Pat Pharmacist', quantity: 21 },
      { dispenseId: 'd3', deviceId: 'till-2', at: 2_500, actorName: 'Robin Pharmacist', quantity: 21 },
    ],
  },
  detectedAt: 3_000,
};
const belowZero: NewException = {
  id: 'x-stock',
  kind: 'stock.belowZero',
  eventId: 'ev-stock',
  branchId: 'b2',
  branchName: 'Hillside',
  sku: 'PARA-16',
  productName: 'Paracetamol 500 mg tablets',
  detail: { onHand: -4, asOf: 3_500, deviceId: 'd-hill' },
  detectedAt: 4_000,
};

async function pharmacy(): Promise<{ core: TestCore; manager: Connection; cashier: Connection; pharmacist: Connection }> {
  const core = createTestCore();
  cores.push(core);
  const { admin } = await setUpPharmacy(core);
  await addUser(admin, { username: 'morgan', displayName: 'Morgan Manager', role: 'manager', password: 'manager-pass-1' });
  await addUser(admin, { username: 'casey', displayName: 'Casey Cashier', role: 'cashier', password: 'cashier-pass-1' });
  await addUser(admin, { username: 'pat', displayName: 'Pat Pharmacist', role: 'pharmacist', password: 'pharmacist-pass-1' });
  const store = syncStore(core.db);
  store.addException(refills);
  store.addException(belowZero);
  return {
    core,
    manager: await loginAs(core, 'morgan', 'manager-pass-1'),
    cashier: await loginAs(core, 'casey', 'cashier-pass-1'),
    pharmacist: await loginAs(core, 'pat', 'pharmacist-pass-1'),
  };
}

function auditCount(core: TestCore): number {
  return (core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.exceptionAcknowledged'").get() as { n: number }).n;
}

describe('acknowledging a sync exception', () => {
  it('records who dealt with it, when and what they did, in the audit log, and takes it off the open list and the count', async () => {
    const { core, manager } = await pharmacy();
    expect(expectOk(await manager.invoke('sync.status', {})).openExceptions).toBe(2);
    const acked = expectOk(await manager.invoke('sync.acknowledgeException', { id: 'x-rx', note: '  Called the patient; no further refill.  ' }));
    expect(acked).toMatchObject({ id: 'x-rx', kind: 'rx.refillsExceeded', acknowledged: { at: core.clock.now(), byName: 'Morgan Manager', note: 'Called the patient; no further refill.' } });
    expect(auditCount(core)).toBe(1);
    expect(expectOk(await manager.invoke('sync.status', {})).openExceptions).toBe(1);
    expect(expectOk(await manager.invoke('sync.listExceptions', {})).map((e) => e.id)).toEqual(['x-stock']);
    expect(expectOk(await manager.invoke('sync.listExceptions', { state: 'acknowledged' }))).toEqual([acked]);
    expect(expectOk(await manager.invoke('sync.listExceptions', { state: 'all' })).map((e) => [e.id, e.acknowledged?.byName ?? null])).toEqual([
      ['x-stock', null],
      ['x-rx', 'Morgan Manager'],
    ]);
  });

  it('lists the open exceptions newest first, each with no acknowledgement', async () => {
    const { manager } = await pharmacy();
    const open = expectOk(await manager.invoke('sync.listExceptions', {}));
    expect(open.map((e) => [e.id, e.acknowledged])).toEqual([
      ['x-stock', null],
      ['x-rx', null],
    ]);
    expect(open[1]?.detail).toEqual(refills.detail);
  });

  it('answers a double press with the same words with the stored acknowledgement, and audits it once', async () => {
    const { core, manager } = await pharmacy();
    const first = expectOk(await manager.invoke('sync.acknowledgeException', { id: 'x-stock', note: 'Recounted: 4 found in the back room.' }));
    core.clock.advance(5_000);
    const again = expectOk(await manager.invoke('sync.acknowledgeException', { id: 'x-stock', note: 'Recounted: 4 found in the back room.' }));
    expect(again).toEqual(first);
    expect(auditCount(core)).toBe(1);
  });

  it('refuses other words on an acknowledged exception, naming who acknowledged it and when, and changes nothing', async () => {
    const { core, manager } = await pharmacy();
    const first = expectOk(await manager.invoke('sync.acknowledgeException', { id: 'x-stock', note: 'Recounted the shelf.' }));
    core.clock.advance(5_000);
    const r = await manager.invoke('sync.acknowledgeException', { id: 'x-stock', note: 'Something else entirely.' });
    expect(r.ok ? null : r.error).toMatchObject({
      code: 'sync.alreadyAcknowledged',
      details: { id: 'x-stock', byName: 'Morgan Manager', at: first.acknowledged?.at, note: 'Recounted the shelf.' },
    });
    expect(r.ok ? '' : r.error.message).toContain('Morgan Manager');
    expect(expectOk(await manager.invoke('sync.listExceptions', { state: 'acknowledged' }))).toEqual([first]);
    expect(auditCount(core)).toBe(1);
  });

  it('refuses a cashier and a pharmacist, who may not see the exceptions either', async () => {
    const { core, cashier, pharmacist } = await pharmacy();
    for (const c of [cashier, pharmacist]) {
      const r = await c.invoke('sync.acknowledgeException', { id: 'x-rx', note: 'Dealt with it.' });
      expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
      const list = await c.invoke('sync.listExceptions', {});
      expect(list.ok ? null : list.error.code).toBe('auth.forbidden');
    }
    expect(syncStore(core.db).countOpenExceptions()).toBe(2);
  });

  it('refuses a note that is missing, too short once trimmed, or too long, and changes nothing', async () => {
    const { core, manager } = await pharmacy();
    for (const note of ['', '   ', ' ok ', 'x'.repeat(501)]) {
      const r = await manager.invoke('sync.acknowledgeException', { id: 'x-rx', note });
      expect(r.ok ? null : r.error.code, JSON.stringify(note)).toBe('api.invalidInput');
    }
    const missing = await manager.invoke('sync.acknowledgeException', { id: 'x-rx' } as never);
    expect(missing.ok ? null : missing.error.code).toBe('api.invalidInput');
    expect(expectOk(await manager.invoke('sync.acknowledgeException', { id: 'x-rx', note: 'x'.repeat(500) })).acknowledged?.note).toHaveLength(500);
    expect(auditCount(core)).toBe(1);
  });

  it('names an unknown exception', async () => {
    const { core, manager } = await pharmacy();
    const r = await manager.invoke('sync.acknowledgeException', { id: 'nope', note: 'Dealt with it.' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'sync.exceptionNotFound', details: { id: 'nope' } });
    expect(auditCount(core)).toBe(0);
  });
});
