import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../contract.js';
import { expectOk } from '../testing/index.js';
import { addPatient, amoxicillinItem, dispenseKey, ibuprofenItem, PHARMACIST_PIN, saveRx, setUpRx, warfarinItem, type RxStore } from './rx-fixtures.js';

let store: RxStore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
});

const DAY = 86_400_000;

async function verifiedOn(s: RxStore, patientId: string, writtenDate: string, items: InputOf<'rx.save'>['items']) {
  const rx = await saveRx(s.pharmacist, patientId, items, { writtenDate });
  const check = expectOk(await s.pharmacist.invoke('rx.check', { prescriptionId: rx.id }));
  const acknowledgements = check.alerts.filter((a) => a.requiresOverride).map((a) => ({ alertId: a.id, reason: 'Discussed with prescriber; monitored.' }));
  return expectOk(await s.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret: PHARMACIST_PIN, acknowledgements }));
}

/** A fill as the sync applier records one made at another till of the branch. */
function fillAtOtherTill(s: RxStore, f: { prescriptionId: string; patientId: string; productId: string; fillNo: number; at: number }): void {
  s.core.db
    .prepare(
      `INSERT INTO rx_branch_fill (dispense_id, line_no, prescription_id, patient_id, fill_no, product_id, quantity, days_supply, batch, expiry, at,
         device_id, actor_name, event_id)
       VALUES (?, 1, ?, ?, ?, ?, 28, 28, 'W-OTHER', '2028-01-31', ?, 'till-back', 'Robin Pharmacist', ?)`,
    )
    .run(`other-dispense-${f.fillNo}`, f.prescriptionId, f.patientId, f.fillNo, f.productId, f.at, `other-event-${f.fillNo}`);
}

function accessRows(s: RxStore, patientId: string): { op: string; actor_role: string }[] {
  return s.core.db.prepare('SELECT op, actor_role FROM patient_access_log WHERE patient_id = ? ORDER BY seq').all(patientId) as { op: string; actor_role: string }[];
}

describe("rx.listPatientPrescriptions: a patient's prescriptions for a refill", () => {
  it('lists newest written first, counting the fills made at another till in fills, refills left, last fill and due date', async () => {
    store = await setUpRx();
    const s = store;
    const now = s.core.clock.now();
    const p = await addPatient(s.pharmacist);
    const warfarin = await verifiedOn(s, p.id, '2026-11-01', [warfarinItem(s, 2)]);
    const draft = await saveRx(s.pharmacist, p.id, [ibuprofenItem(s)], { writtenDate: '2026-11-10' });
    const amoxicillin = await verifiedOn(s, p.id, '2026-11-20', [amoxicillinItem(s, 0)]);

    // The original was filled at the branch's other till ten days ago; this till gives the first refill now.
    fillAtOtherTill(s, { prescriptionId: warfarin.id, patientId: p.id, productId: s.warfarinId, fillNo: 1, at: now - 10 * DAY });
    const refill = expectOk(await s.pharmacist.invoke('rx.dispense', { prescriptionId: warfarin.id, idempotencyKey: dispenseKey(), earlyRefillReason: 'Going abroad for a month.' }));
    expect(refill.lines[0]?.fillNo).toBe(2);
    // The amoxicillin had no refills: once given, nothing is left to dispense.
    expectOk(await s.pharmacist.invoke('rx.dispense', { prescriptionId: amoxicillin.id, idempotencyKey: dispenseKey() }));

    const out = expectOk(await s.pharmacist.invoke('rx.listPatientPrescriptions', { patientId: p.id }));
    expect(out.more).toBe(false);
    expect(out.prescriptions.map((rx) => rx.id)).toEqual([amoxicillin.id, draft.id, warfarin.id]);
    const [amox, drafted, war] = out.prescriptions;
    expect(war).toMatchObject({
      status: 'verified',
      writtenDate: '2026-11-01',
      prescriberName: 'Margaret Patel',
      signerName: 'pat pharmacist',
      signedAt: warfarin.signature?.signedAt,
      origin: 'thisTill',
      fromDeviceId: null,
      rxNumber: warfarin.id.slice(-8).toUpperCase(),
      dispensable: true,
    });
    // Warfarin 1 daily × 28: the next refill is due three quarters of 28 days (21) after the last fill.
    expect(war?.items).toEqual([
      {
        lineNo: 1, ingredient: 'Warfarin', strength: '5 mg', productName: 'Warfarin 5 mg tablets', quantity: 28, refills: 2,
        fills: 2, refillsLeft: 1, lastFillAt: now, refillDueAt: now + 21 * DAY, dispensable: true, blockedBy: null,
      },
    ]);
    expect(drafted).toMatchObject({ status: 'draft', signedAt: null, signerName: null, dispensable: false });
    expect(drafted?.items[0]).toMatchObject({ fills: 0, lastFillAt: null, refillDueAt: null, dispensable: false, blockedBy: 'notVerified' });
    expect(amox).toMatchObject({ dispensable: false });
    expect(amox?.items[0]).toMatchObject({ fills: 1, refillsLeft: 0, lastFillAt: now, dispensable: false, blockedBy: 'noRefillsLeft' });

    // The list and the dispense agree: the refill it says is due later is refused now without a reason.
    const early = await s.pharmacist.invoke('rx.dispense', { prescriptionId: warfarin.id, idempotencyKey: dispenseKey() });
    expect(early).toMatchObject({ ok: false, error: { code: 'rx.refillTooEarly', details: { dueAt: now + 21 * DAY } } });
  });

  it('says a prescription was received signed from another till of the branch, and which', async () => {
    store = await setUpRx();
    const s = store;
    const p = await addPatient(s.pharmacist);
    const rx = await verifiedOn(s, p.id, '2026-11-20', [warfarinItem(s, 1)]);
    const receivedAt = s.core.clock.now();
    s.core.db.prepare("INSERT INTO rx_from_branch (prescription_id, device_id, event_id, received_at) VALUES (?, 'till-back', 'ev-1', ?)").run(rx.id, receivedAt);
    const [listed] = expectOk(await s.pharmacist.invoke('rx.listPatientPrescriptions', { patientId: p.id })).prescriptions;
    expect(listed).toMatchObject({ origin: 'otherTill', fromDeviceId: 'till-back', receivedAt, signerName: 'pat pharmacist', dispensable: true });
    expect(listed?.items[0]).toMatchObject({ fills: 0, refillsLeft: 1, lastFillAt: null, refillDueAt: null, blockedBy: null });
  });

  it('says an item not matched to a product here cannot be dispensed', async () => {
    store = await setUpRx();
    const s = store;
    const p = await addPatient(s.pharmacist);
    await verifiedOn(s, p.id, '2026-11-20', [{ ...warfarinItem(s, 1), productId: null }]);
    const [listed] = expectOk(await s.pharmacist.invoke('rx.listPatientPrescriptions', { patientId: p.id })).prescriptions;
    expect(listed).toMatchObject({ dispensable: false });
    expect(listed?.items[0]).toMatchObject({ productName: null, dispensable: false, blockedBy: 'productRequired' });
  });

  it('answers at most the limit asked for, and says there are more', async () => {
    store = await setUpRx();
    const s = store;
    const p = await addPatient(s.pharmacist);
    for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) await saveRx(s.pharmacist, p.id, [ibuprofenItem(s)], { writtenDate: day });
    const out = expectOk(await s.pharmacist.invoke('rx.listPatientPrescriptions', { patientId: p.id, limit: 2 }));
    expect(out.prescriptions.map((rx) => rx.writtenDate)).toEqual(['2026-11-03', '2026-11-02']);
    expect(out.more).toBe(true);
  });

  it("logs the read in the patient's access log", async () => {
    store = await setUpRx();
    const s = store;
    const p = await addPatient(s.pharmacist);
    const before = accessRows(s, p.id).length;
    expectOk(await s.pharmacist.invoke('rx.listPatientPrescriptions', { patientId: p.id }));
    const rows = accessRows(s, p.id);
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toEqual({ op: 'rx.listPatientPrescriptions', actor_role: 'pharmacist' });
  });

  it('refuses a cashier, and logs nothing', async () => {
    store = await setUpRx();
    const s = store;
    const p = await addPatient(s.pharmacist);
    const before = accessRows(s, p.id).length;
    expect(await s.cashier.invoke('rx.listPatientPrescriptions', { patientId: p.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(accessRows(s, p.id).length).toBe(before);
  });

  it('answers patients.notFound for a patient this till does not know', async () => {
    store = await setUpRx();
    expect(await store.pharmacist.invoke('rx.listPatientPrescriptions', { patientId: '01900000-0000-7000-8000-00000000dead' })).toMatchObject({
      ok: false,
      error: { code: 'patients.notFound' },
    });
  });
});
