// Two counters of one branch share patient profiles through the (fake) sync server, each offline in turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf } from '../kernel/canonical-json.js';
import { seededRandom, uuidv7Generator } from '../kernel/ids.js';
import { fieldClocks } from '../patients/patient-merge.js';
import { setUpCounter, type Counter } from '../sales/sales-fixtures.js';
import { readTerminal } from '../setup/terminal-store.js';
import { ADMIN, expectOk, loginAs } from '../testing/index.js';
import { applyPulled, defaultAppliers } from './apply.js';
import { startFakeSyncServer, type FakeSyncServer } from './fake-sync-server.js';
import { syncOnce, type SyncDeps } from './sync-client.js';
import { syncStore } from './sync-store.js';
import { BRANCH_A, BRANCH_B, TENANT, eventId, hlcAt, remoteEvent } from './sync-test-support.js';

const DEVICE_1 = '01930000-0000-7000-8000-0000000000a1';
const DEVICE_2 = '01930000-0000-7000-8000-0000000000a2';
const HOUR = 3_600_000;

type Till = Counter & { deps: SyncDeps; syncDeviceId: string };

let server: FakeSyncServer;
let one: Till;
let two: Till;

async function branchTill(seed: number, deviceId: string): Promise<Till> {
  const counter = await setUpCounter({ seed });
  server.addCode(`CODE-${seed}`, { deviceId, tenantId: TENANT, branchId: BRANCH_A });
  expectOk(await counter.admin.invoke('sync.enroll', { serverUrl: server.url, code: `CODE-${seed}` }));
  const deps: SyncDeps = { db: counter.core.db, clock: counter.core.clock, ids: uuidv7Generator(counter.core.clock, seededRandom(seed + 1)) };
  return { ...counter, deps, syncDeviceId: deviceId };
}

async function sync(...tills: Till[]): Promise<void> {
  for (const t of tills) expect(await syncOnce(t.deps)).toMatchObject({ ok: true });
}

const profile = async (t: Till, patientId: string) => expectOk(await t.admin.invoke('patients.getPatient', { patientId }));
const update = async (t: Till, patientId: string, patch: Record<string, unknown>) => expectOk(await t.admin.invoke('patients.updatePatient', { patientId, ...patch }));

function audits(t: Till, action: string, patientId: string) {
  return t.core.db
    .prepare<[string, string], { before_digest: string | null; after_digest: string | null; reason: string | null; actor_id: string | null }>(
      'SELECT before_digest, after_digest, reason, actor_id FROM audit_log WHERE action = ? AND entity_id = ? ORDER BY seq',
    )
    .all(action, patientId);
}

/** A patient created at till one and known at both. */
async function sharedPatient(name: string) {
  const p = expectOk(await one.admin.invoke('patients.createPatient', { name, birthDate: '1964-06-14', phone: '020 7946 0000' }));
  await sync(one, two);
  return p;
}

beforeAll(async () => {
  server = await startFakeSyncServer();
  one = await branchTill(61, DEVICE_1);
  two = await branchTill(62, DEVICE_2);
  await sync(one, two, one);
}, 60_000);

afterAll(async () => {
  one.core.dispose();
  two.core.dispose();
  await server.close();
});

describe('patient profiles shared by the tills of a branch', () => {
  it('a patient created at one till reaches the other whole, findable by name there, and its arrival is audited', async () => {
    const created = expectOk(
      await one.admin.invoke('patients.createPatient', { name: 'Ada Lovelace', allergies: [{ substance: 'Penicillin', kind: 'allergy' }], reminderConsent: true }),
    );
    await sync(one, two);
    expect(await profile(two, created.id)).toEqual(created);
    const found = expectOk(await two.cashier.invoke('patients.searchPatients', { name: 'lovel' }));
    expect(found.patients.map((p) => p.id)).toEqual([created.id]);
    expect(audits(two, 'patients.receivedFromBranch', created.id)).toEqual([expect.objectContaining({ actor_id: null, reason: expect.stringContaining(DEVICE_1) })]);
    const sent = server.log.find((r) => r.event.type === 'patients.patientSaved' && (r.event.payload.patient as { id: string }).id === created.id);
    expect(sent?.event.payload).toMatchObject({ changed: ['name', 'birthDate', 'phone', 'email', 'address', 'allergies', 'conditions', 'reminderConsent'] });
    expect(Object.values(sent?.event.payload.clocks as Record<string, string>)).toEqual(Array(8).fill(sent?.event.hlc));
  });

  it('edits of different fields made offline at both tills both survive at both', async () => {
    const p = await sharedPatient('Grace Hopper');
    one.core.clock.advance(1000);
    two.core.clock.advance(2000);
    await update(one, p.id, { phone: '0161 496 0000' });
    await update(two, p.id, { email: 'grace@example.org', allergies: [{ substance: 'Latex', kind: 'intolerance' }] });
    await sync(one, two, one);
    const atOne = await profile(one, p.id);
    expect(atOne).toMatchObject({ phone: '0161 496 0000', email: 'grace@example.org', allergies: [{ substance: 'Latex', kind: 'intolerance' }] });
    expect(await profile(two, p.id)).toEqual(atOne);
    // Each till replaced the old values of the fields the other changed, once, and audited it.
    expect(audits(one, 'patients.mergedFromBranch', p.id)).toEqual([
      expect.objectContaining({ before_digest: digestOf({ email: null, allergies: [] }), after_digest: digestOf({ email: 'grace@example.org', allergies: [{ substance: 'Latex', kind: 'intolerance' }] }) }),
    ]);
    expect(audits(two, 'patients.mergedFromBranch', p.id)).toEqual([expect.objectContaining({ before_digest: digestOf({ phone: '020 7946 0000' }) })]);
    const sent = server.log.filter((r) => r.event.type === 'patients.patientSaved' && (r.event.payload.patient as { id: string }).id === p.id).at(-1);
    expect(sent?.event.payload).toMatchObject({ changed: ['email', 'allergies'] });
  });

  it('the same field changed offline at both tills ends with the later change at both, whichever arrives first, and the overwritten name is audited', async () => {
    for (const first of [one, two]) {
      const p = await sharedPatient('Alan Turing');
      one.core.clock.advance(1000);
      await update(one, p.id, { name: 'Alan M. Turing' });
      two.core.clock.advance(5000);
      await update(two, p.id, { name: 'A. M. Turing' });
      const second = first === one ? two : one;
      await sync(first, second, first);
      const atOne = await profile(one, p.id);
      expect(atOne.name).toBe('A. M. Turing');
      expect(await profile(two, p.id)).toEqual(atOne);
      expect(audits(one, 'patients.mergedFromBranch', p.id)).toEqual([
        expect.objectContaining({
          before_digest: digestOf({ name: 'Alan M. Turing' }),
          after_digest: digestOf({ name: 'A. M. Turing' }),
          reason: expect.stringContaining(`till ${DEVICE_2}`),
        }),
      ]);
      expect(audits(two, 'patients.mergedFromBranch', p.id)).toEqual([]);
      expect(fieldClocks(one.core.db, p.id)).toEqual(fieldClocks(two.core.db, p.id));
      const byName = expectOk(await one.cashier.invoke('patients.searchPatients', { name: 'a. m. turing' }));
      expect(byName.patients.map((x) => x.id)).toContain(p.id);
    }
  });

  it('an edit at a till whose clock is an hour behind still wins over the edit it had seen', async () => {
    const p = await sharedPatient('Emmy Noether');
    // Both wall clocks move on (past every stamp so far), till two's to an hour behind till one's.
    one.core.clock.advance(3 * HOUR);
    two.core.clock.set(one.core.clock.now() - HOUR);
    // Hours idle lock the terminals: sign in again.
    one.admin = await loginAs(one.core, ADMIN.username, ADMIN.password);
    two.admin = await loginAs(two.core, ADMIN.username, ADMIN.password);
    await update(one, p.id, { address: '1 Bryn Mawr Avenue' });
    await sync(one, two);
    expect((await profile(two, p.id)).address).toBe('1 Bryn Mawr Avenue');
    await update(two, p.id, { address: '2 Göttingen Street' });
    await sync(two, one);
    const saves = server.log.filter((r) => r.event.type === 'patients.patientSaved' && (r.event.payload.patient as { id: string }).id === p.id);
    const [seen, later] = saves.slice(-2).map((r) => r.event);
    // The later save's own stamp is behind the one it overrides; its field stamp is just after it.
    expect((later?.hlc ?? '') < (seen?.hlc ?? '')).toBe(true);
    expect(((later?.payload.clocks as Record<string, string>).address ?? '') > (seen?.hlc ?? '')).toBe(true);
    expect((await profile(one, p.id)).address).toBe('2 Göttingen Street');
    expect((await profile(two, p.id)).address).toBe('2 Göttingen Street');
    expect(audits(one, 'patients.mergedFromBranch', p.id)).toEqual([expect.objectContaining({ before_digest: digestOf({ address: '1 Bryn Mawr Avenue' }) })]);
    two.core.clock.set(one.core.clock.now());
    two.admin = await loginAs(two.core, ADMIN.username, ADMIN.password);
  });

  it('reading the log again from the start changes nothing', async () => {
    const before = (t: Till) => ({
      patients: t.core.db.prepare('SELECT * FROM patient ORDER BY id').all(),
      clocks: t.core.db.prepare('SELECT * FROM patient_field_clock ORDER BY patient_id, field').all(),
      audits: t.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'patients.%FromBranch'").get(),
    });
    const was = before(two);
    two.core.db.prepare('UPDATE sync_state SET cursor = 0').run();
    expect(await syncOnce(two.deps)).toMatchObject({ ok: true, applied: 0 });
    expect(before(two)).toEqual(was);
  });

  it("a save from an older build fills what no current build stamped and never undoes a current build's edit", async () => {
    const p = await sharedPatient('Mary Somerville');
    // Till one (current build) records an allergy; a till still on an older build, which had not seen it,
    // saves its whole profile later with a new name and no allergy.
    await update(one, p.id, { allergies: [{ substance: 'Penicillin', kind: 'allergy' }] });
    const stale = { ...p, name: 'Mary Fairfax Somerville', updatedAt: p.updatedAt + 10 };
    const stamp = hlcAt(one.core.clock.now() + 10, 0, 'older-build-till');
    const olderTill = '01930000-0000-7000-8000-0000000000a3';
    server.inject(remoteEvent('patients.patientSaved', { patient: stale, actorId: null }, { branchId: BRANCH_A, deviceId: olderTill, hlc: stamp }));
    // A patient only the older till knows arrives whole, with weak stamps.
    const onlyOld = { ...p, id: '01930000-0000-7000-8000-00000000a0a0', name: 'Caroline Herschel', allergies: [] };
    server.inject(remoteEvent('patients.patientSaved', { patient: onlyOld, actorId: null }, { branchId: BRANCH_A, deviceId: olderTill, hlc: stamp }));
    await sync(one, two, one);
    for (const t of [one, two]) {
      // Every field of the shared patient carries a current build's stamp: the older save changes none.
      expect(await profile(t, p.id)).toMatchObject({ name: 'Mary Somerville', allergies: [{ substance: 'Penicillin' }] });
      expect(await profile(t, onlyOld.id)).toMatchObject({ name: 'Caroline Herschel' });
      expect(Object.values(fieldClocks(t.core.db, onlyOld.id))).toEqual(Array(8).fill(`legacy:${stamp}`));
    }
    // A current build's edit after it wins over the weak stamps, at both tills.
    await update(two, onlyOld.id, { phone: '020 7946 0999' });
    await sync(two, one);
    for (const t of [one, two]) expect(await profile(t, onlyOld.id)).toMatchObject({ phone: '020 7946 0999', name: 'Caroline Herschel' });
  });

  it('refuses a patient save from another branch: it becomes a failed apply and changes nothing', async () => {
    const db = two.core.db;
    const identity = syncStore(db).identity();
    const terminal = readTerminal(db);
    if (!identity || !terminal) throw new Error('till two is not enrolled');
    const stranger = {
      id: '01930000-0000-7000-8000-00000000beef',
      name: 'Somebody Elsewhere',
      birthDate: null,
      phone: null,
      email: null,
      address: null,
      allergies: [],
      conditions: [],
      reminderConsent: false,
      reminderConsentAt: null,
      createdAt: 1,
      updatedAt: 1,
    };
    const event = remoteEvent('patients.patientSaved', { patient: stranger, changed: ['name'], clocks: { name: hlcAt(2) } }, { id: eventId(), branchId: BRANCH_B });
    const env = { db, clock: two.core.clock, ids: two.deps.ids ?? uuidv7Generator(two.core.clock, seededRandom(7)), identity, terminal };
    const outcome = db.transaction(() => applyPulled(env, defaultAppliers, 1_000_000, event))();
    expect(outcome).toEqual({ state: 'failed', topics: [] });
    expect(db.prepare('SELECT count(*) AS n FROM patient WHERE id = ?').get(stranger.id)).toEqual({ n: 0 });
    const exceptions = expectOk(await two.admin.invoke('sync.listExceptions', {}));
    expect(exceptions).toContainEqual(expect.objectContaining({ kind: 'sync.applyFailed', eventId: event.id, detail: expect.objectContaining({ message: expect.stringContaining('another branch') }) }));
  });
});
