// The tills of one branch share its prescriptions through the real sync server (Fastify over PGlite): a
// prescription verified at one till is dispensed at another, every fill counts against the refills at every
// till, and a refill dispensed at two tills while both were offline becomes an exception for a manager at
// each, never a silent fix. Another branch receives none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealSyncServer, type RealSyncServer } from '../sync/real-sync-server.js';
import { syncOnce } from '../sync/sync-client.js';
import { expectOk } from '../testing/index.js';
import { addPatient, dispenseKey, setUpRx, verifiedRx, warfarinItem, type RxStore } from './rx-fixtures.js';

const ADMIN_TOKEN = 'rx-branch-admin-token-0123456789';

let server: RealSyncServer;
let tillA: RxStore;
let tillB: RxStore;
let otherBranch: RxStore;

const sync = async (s: RxStore) => expect(await syncOnce({ db: s.core.db, clock: s.core.clock })).toMatchObject({ ok: true });
const count = (s: RxStore, sql: string, ...params: unknown[]) => (s.core.db.prepare(sql).get(...params) as { n: number }).n;
const exceptions = (s: RxStore) =>
  s.core.db.prepare("SELECT event_id, detail FROM sync_exception WHERE kind = 'rx.refillsExceeded'").all() as { event_id: string; detail: string }[];

async function enroll(s: RxStore, tenantId: string, branchId: string, label: string): Promise<void> {
  expectOk(await s.admin.invoke('sync.enroll', { serverUrl: server.url, code: await server.enrollmentCode(tenantId, branchId), label }));
}

beforeAll(async () => {
  server = await startRealSyncServer(ADMIN_TOKEN);
  const tenantId = (await server.admin('/v1/admin/tenants', { name: 'Chain' })).tenantId as string;
  const riverside = (await server.admin(`/v1/admin/tenants/${tenantId}/branches`, { name: 'Riverside' })).branchId as string;
  const hillside = (await server.admin(`/v1/admin/tenants/${tenantId}/branches`, { name: 'Hillside' })).branchId as string;
  // Three stores set up apart: their users, products and lots have ids of their own; products match by SKU.
  tillA = await setUpRx({ seed: 501 });
  tillB = await setUpRx({ seed: 502 });
  otherBranch = await setUpRx({ seed: 503 });
  await enroll(tillA, tenantId, riverside, 'till 1');
  await enroll(tillB, tenantId, riverside, 'till 2');
  await enroll(otherBranch, tenantId, hillside, 'till 1');
}, 180_000);

afterAll(async () => {
  await server.close();
  for (const s of [tillA, tillB, otherBranch]) s.core.dispose();
});

describe('prescriptions shared by the tills of a branch', () => {
  let prescriptionId = '';
  let patientId = '';
  let firstFillId = '';

  it('reaches the other till of the branch whole, signed, with its patient, and no other branch', async () => {
    expect(tillA.warfarinId).not.toBe(tillB.warfarinId);
    const patient = await addPatient(tillA.pharmacist, { name: 'Edith Shared', allergies: [{ substance: 'Penicillin', kind: 'allergy' }] });
    patientId = patient.id;
    const rx = await verifiedRx(tillA, patient.id, [warfarinItem(tillA, 1)]);
    prescriptionId = rx.id;
    await sync(tillA);
    await sync(tillB);
    await sync(otherBranch);

    const atB = expectOk(await tillB.pharmacist.invoke('rx.getPrescription', { prescriptionId }));
    expect(atB).toMatchObject({ status: 'verified', patientId, writtenDate: rx.writtenDate, prescriber: rx.prescriber });
    expect(atB.signature).toMatchObject({ signerName: rx.signature?.signerName, contentHash: rx.signature?.contentHash, signature: rx.signature?.signature });
    // The item is this till's own warfarin, found by its SKU.
    expect(atB.items).toMatchObject([{ lineNo: 1, productId: tillB.warfarinId, quantity: 28, refills: 1, fills: 0, sig: rx.items[0]?.sig }]);
    expect(expectOk(await tillB.pharmacist.invoke('patients.getPatient', { patientId }))).toMatchObject({ name: 'Edith Shared', allergies: [{ substance: 'Penicillin' }] });
    // The signer is named here as a colleague who cannot sign in at this till.
    const signer = tillB.core.db.prepare('SELECT display_name, active FROM app_user WHERE id = ?').get(rx.signature?.signerId) as { display_name: string; active: number };
    expect(signer).toEqual({ display_name: rx.signature?.signerName, active: 0 });
    expect(count(tillB, "SELECT count(*) AS n FROM audit_log WHERE action = 'rx.receivedFromBranch' AND entity_id = ?", prescriptionId)).toBe(1);

    expect(count(otherBranch, 'SELECT count(*) AS n FROM prescription WHERE id = ?', prescriptionId)).toBe(0);
    expect(count(otherBranch, 'SELECT count(*) AS n FROM patient WHERE id = ?', patientId)).toBe(0);
    expect(count(otherBranch, "SELECT count(*) AS n FROM sync_inbox WHERE type LIKE 'rx.%' OR type LIKE 'patients.%'")).toBe(0);
  }, 60_000);

  it('counts a fill at one till against the refills and the refill date at the other', async () => {
    const fill = expectOk(await tillB.pharmacist.invoke('rx.dispense', { prescriptionId, location: 'dispensary', idempotencyKey: dispenseKey() }));
    expect(fill.lines).toMatchObject([{ fillNo: 1, quantity: 28, refillsLeft: 1 }]);
    firstFillId = fill.id;
    await sync(tillB);
    await sync(tillA);
    expect(expectOk(await tillA.pharmacist.invoke('rx.getPrescription', { prescriptionId })).items).toMatchObject([{ fills: 1, refillsLeft: 1 }]);
    // 28 days' supply was handed over at the other till today: a refill now is early here too.
    expect(await tillA.pharmacist.invoke('rx.dispense', { prescriptionId, location: 'dispensary', idempotencyKey: dispenseKey() })).toMatchObject({ ok: false, error: { code: 'rx.refillTooEarly' } });
    // And the patient's medication history here shows it, for the interaction checks.
    const history = expectOk(await tillA.pharmacist.invoke('patients.getMedicationHistory', { patientId }));
    expect(history.medicines).toMatchObject([{ dispenseId: fill.id, productId: tillA.warfarinId, fillNo: 1, quantity: 28, active: true }]);
    expect(exceptions(tillA)).toEqual([]);
    expect(exceptions(tillB)).toEqual([]);
  }, 60_000);

  it('raises the last refill dispensed at both tills while offline as an exception at each, naming every fill', async () => {
    // Both tills are offline: each sees one refill left and gives it out, early, for a patient going abroad.
    const early = { location: 'dispensary', earlyRefillReason: 'Patient travelling for a month' };
    const atA = expectOk(await tillA.pharmacist.invoke('rx.dispense', { prescriptionId, ...early, idempotencyKey: dispenseKey() }));
    const atB = expectOk(await tillB.pharmacist.invoke('rx.dispense', { prescriptionId, ...early, idempotencyKey: dispenseKey() }));
    expect(atA.lines[0]).toMatchObject({ fillNo: 2, refillsLeft: 0 });
    expect(atB.lines[0]).toMatchObject({ fillNo: 2, refillsLeft: 0 });
    await sync(tillA);
    await sync(tillB);
    await sync(tillA);

    for (const [till, other] of [[tillA, atB], [tillB, atA]] as const) {
      const found = exceptions(till);
      expect(found).toHaveLength(1);
      const detail = JSON.parse(found[0]?.detail ?? '{}') as Record<string, unknown>;
      expect(detail).toMatchObject({ prescriptionId, lineNo: 1, ingredient: 'Warfarin', refills: 1, allowedFills: 2 });
      const fills = detail.fills as { dispenseId: string; deviceId: string; actorName: string; quantity: number }[];
      expect(fills.map((f) => f.dispenseId).sort()).toEqual([firstFillId, atA.id, atB.id].sort());
      expect(fills.find((f) => f.dispenseId === other.id)).toMatchObject({ quantity: 28, actorName: other.actorName });
      const listed = expectOk(await till.admin.invoke('sync.listExceptions', {}));
      expect(listed.some((e) => e.kind === 'rx.refillsExceeded' && e.sku === 'WAR-28' && e.productName === 'Warfarin 5 mg tablets')).toBe(true);
      // Every till now refuses a fourth fill.
      expect(await till.pharmacist.invoke('rx.dispense', { prescriptionId, location: 'dispensary', idempotencyKey: dispenseKey(), earlyRefillReason: 'Going abroad' })).toMatchObject({ ok: false, error: { code: 'rx.noRefillsLeft' } });
      expect(expectOk(await till.pharmacist.invoke('rx.getPrescription', { prescriptionId })).items).toMatchObject([{ fills: 3, refillsLeft: 0 }]);
    }
  }, 60_000);

  it('folds nothing twice when the log is read again from the start', async () => {
    const before = {
      fills: count(tillA, 'SELECT count(*) AS n FROM rx_branch_fill'),
      exceptions: count(tillA, 'SELECT count(*) AS n FROM sync_exception'),
      audit: count(tillA, "SELECT count(*) AS n FROM audit_log WHERE action IN ('rx.filledAtBranch', 'rx.receivedFromBranch')"),
    };
    tillA.core.db.prepare('UPDATE sync_state SET cursor = 0').run();
    await sync(tillA);
    expect({
      fills: count(tillA, 'SELECT count(*) AS n FROM rx_branch_fill'),
      exceptions: count(tillA, 'SELECT count(*) AS n FROM sync_exception'),
      audit: count(tillA, "SELECT count(*) AS n FROM audit_log WHERE action IN ('rx.filledAtBranch', 'rx.receivedFromBranch')"),
    }).toEqual(before);
  }, 60_000);
});
