// Folding another till's prescription events in whatever order they come: fills that arrive before their
// prescription still count, and the overrun they make is raised once the prescription is known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, uuidv7Generator } from '../kernel/ids.js';
import { readTerminal } from '../setup/terminal-store.js';
import { applyPulled, defaultAppliers, type ApplyEnv } from '../sync/apply.js';
import type { EventEnvelope } from '../sync/contract.js';
import { expectOk } from '../testing/index.js';
import { addPatient, amoxicillinItem, dispenseKey, setUpRx, verifiedRx, type RxStore } from './rx-fixtures.js';

let source: RxStore;
let receiver: RxStore;
let env: ApplyEnv;
let seq = 0;

function outboxEvent(s: RxStore, type: string): EventEnvelope {
  const row = s.core.db.prepare('SELECT * FROM outbox_event WHERE type = ? ORDER BY seq DESC LIMIT 1').get(type) as Record<string, unknown>;
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    branchId: row.branch_id as string,
    deviceId: row.device_id as string,
    hlc: row.hlc as string,
    type,
    schemaVersion: row.schema_version as number,
    occurredAt: row.occurred_at as number,
    payload: JSON.parse(row.payload as string) as Record<string, unknown>,
  };
}

/** The event as the receiving till gets it: from a till of its own branch. */
function asBranchEvent(e: EventEnvelope, over: Partial<EventEnvelope> = {}): EventEnvelope {
  const t = readTerminal(receiver.core.db);
  if (!t) throw new Error('no terminal');
  return { ...e, tenantId: t.tenantId, branchId: t.branchId, ...over };
}

const apply = (e: EventEnvelope) => applyPulled(env, defaultAppliers, ++seq, e);

beforeAll(async () => {
  source = await setUpRx({ seed: 611 });
  receiver = await setUpRx({ seed: 612 });
  const t = readTerminal(receiver.core.db);
  if (!t) throw new Error('no terminal');
  env = {
    db: receiver.core.db,
    clock: receiver.core.clock,
    ids: uuidv7Generator(receiver.core.clock, seededRandom(613)),
    identity: { serverUrl: 'http://127.0.0.1:1', deviceId: 'receiver-sync-id', tenantId: t.tenantId, branchId: t.branchId, credential: 'x', enrolledAt: 0 },
    terminal: t,
  };
}, 60_000);

afterAll(() => {
  source.core.dispose();
  receiver.core.dispose();
});

describe('folding a branch prescription whose fills came first', () => {
  it('counts the early fills and raises the overrun against the prescription once it arrives', async () => {
    const patient = await addPatient(source.pharmacist, { name: 'Grace Early' });
    const rx = await verifiedRx(source, patient.id, [amoxicillinItem(source, 0)]);
    const verified = asBranchEvent(outboxEvent(source, 'rx.prescriptionVerified'), { deviceId: 'till-1' });
    expectOk(await source.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, location: 'dispensary', idempotencyKey: dispenseKey() }));
    const first = asBranchEvent(outboxEvent(source, 'rx.dispensed'), { deviceId: 'till-1' });
    // A third till dispensed the same item while offline: the same payload with its own dispense id.
    const second = asBranchEvent({ ...first, id: '01930000-0000-7000-9000-00000000f002', payload: { ...first.payload, dispenseId: 'dispense-at-till-3' } }, { deviceId: 'till-3' });

    expect(apply(first)).toMatchObject({ state: 'applied' });
    expect(apply(second)).toMatchObject({ state: 'applied' });
    // Nothing to judge yet: the prescription, with its refills, is not known here.
    expect(receiver.core.db.prepare('SELECT count(*) AS n FROM sync_exception').get()).toEqual({ n: 0 });
    expect(receiver.core.db.prepare('SELECT count(*) AS n FROM rx_branch_fill WHERE prescription_id = ?').get(rx.id)).toEqual({ n: 2 });

    expect(apply(verified)).toMatchObject({ state: 'applied' });
    const raised = receiver.core.db.prepare("SELECT event_id, detail FROM sync_exception WHERE kind = 'rx.refillsExceeded'").all() as { event_id: string; detail: string }[];
    expect(raised.map((r) => r.event_id)).toEqual([verified.id]);
    expect(JSON.parse(raised[0]?.detail ?? '{}')).toMatchObject({ prescriptionId: rx.id, lineNo: 1, refills: 0, allowedFills: 1 });
    expect((JSON.parse(raised[0]?.detail ?? '{}') as { fills: unknown[] }).fills).toHaveLength(2);
    const atReceiver = expectOk(await receiver.pharmacist.invoke('rx.getPrescription', { prescriptionId: rx.id }));
    expect(atReceiver.items).toMatchObject([{ fills: 2, refillsLeft: 0 }]);
    // The same events again change nothing.
    for (const e of [first, second, verified]) expect(apply(e)).toBeNull();
  });

  it('refuses a prescription event of another branch and stores nothing of it', async () => {
    const patient = await addPatient(source.pharmacist, { name: 'Other Branch Patient' });
    const rx = await verifiedRx(source, patient.id, [amoxicillinItem(source, 0)]);
    const foreign = asBranchEvent(outboxEvent(source, 'rx.prescriptionVerified'), { branchId: '01930000-0000-7000-8000-0000000000bb', deviceId: 'till-9' });
    expect(apply(foreign)).toMatchObject({ state: 'failed' });
    expect(receiver.core.db.prepare('SELECT count(*) AS n FROM prescription WHERE id = ?').get(rx.id)).toEqual({ n: 0 });
    expect(receiver.core.db.prepare('SELECT count(*) AS n FROM patient WHERE id = ?').get(patient.id)).toEqual({ n: 0 });
  });

  it("folds this till's own dispense that its store lost (restored from an older backup), and never one it still has", async () => {
    const patient = await addPatient(receiver.pharmacist, { name: 'Restored Till Patient' });
    const rx = await verifiedRx(receiver, patient.id, [amoxicillinItem(receiver, 2)]);
    expectOk(await receiver.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, location: 'dispensary', idempotencyKey: dispenseKey() }));
    const kept = asBranchEvent(outboxEvent(receiver, 'rx.dispensed'), { deviceId: env.identity.deviceId });
    // The server sends the till its own dispense back: still in its outbox, it is its own and folds nothing.
    expect(apply(kept)).toMatchObject({ state: 'own' });
    // A dispense this till made after the backup it was restored from: the server has it, the store does not.
    const lost = asBranchEvent(
      { ...kept, id: '01930000-0000-7000-9000-00000000f0a1', payload: { ...kept.payload, dispenseId: 'dispense-lost-in-restore' } },
      { deviceId: env.identity.deviceId },
    );
    expect(apply(lost)).toMatchObject({ state: 'applied' });
    const read = expectOk(await receiver.pharmacist.invoke('rx.getPrescription', { prescriptionId: rx.id }));
    expect(read.items).toMatchObject([{ fills: 2, refillsLeft: 1 }]);
  });
});
