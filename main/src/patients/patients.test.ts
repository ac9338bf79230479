import { afterEach, describe, expect, it } from 'vitest';
import { addStaff } from '../sales/sales-fixtures.js';
import { countRows, expectOk } from '../testing/index.js';
import { addPatient, setUpRx, type RxStore } from '../rx/rx-fixtures.js';

let store: RxStore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
});

const allergic = { allergies: [{ substance: 'Penicillin', kind: 'allergy' as const, reaction: 'rash' }], conditions: [{ name: 'Atrial fibrillation' }] };

describe('patient profiles', () => {
  it('keeps name, birth date, contact, allergies, conditions and consent to reminders', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist, { ...allergic, phone: '+44 20 7946 0000', reminderConsent: true });
    const read = expectOk(await store.pharmacist.invoke('patients.getPatient', { patientId: p.id }));
    expect(read).toMatchObject({
      name: 'Robert King',
      birthDate: '1964-06-14',
      phone: '+44 20 7946 0000',
      allergies: [{ substance: 'Penicillin', kind: 'allergy', reaction: 'rash' }],
      conditions: [{ name: 'Atrial fibrillation' }],
      reminderConsent: true,
      reminderConsentAt: store.core.clock.now(),
    });
  });

  it('records a withdrawn consent and audits the change with the values before and after', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist, { reminderConsent: true });
    const after = expectOk(await store.pharmacist.invoke('patients.updatePatient', { patientId: p.id, reminderConsent: false, phone: '0123' }));
    expect(after).toMatchObject({ reminderConsent: false, reminderConsentAt: null, phone: '0123', name: 'Robert King' });
    const row = store.core.db.prepare("SELECT before_digest, after_digest FROM audit_log WHERE action = 'patients.updated'").get() as { before_digest: string | null; after_digest: string | null };
    expect(row.before_digest).not.toBeNull();
    expect(row.after_digest).not.toBe(row.before_digest);
  });

  it('a change keeps every field it does not name', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist, { ...allergic, phone: '+44 20 7946 0000', email: 'rk@example.org', address: '1 High St', reminderConsent: true });
    const after = expectOk(await store.pharmacist.invoke('patients.updatePatient', { patientId: p.id, email: 'robert@example.org' }));
    expect(after).toEqual({ ...p, email: 'robert@example.org' });
  });

  it('finds patients by the start of any word of their name, and by birth date', async () => {
    store = await setUpRx();
    const robert = await addPatient(store.pharmacist);
    await addPatient(store.pharmacist, { name: 'Zoë Kingsley', birthDate: '1990-02-03' });
    await addPatient(store.pharmacist, { name: 'Ann Smith', birthDate: '1964-06-14' });
    const names = async (input: { name?: string; birthDate?: string }) =>
      expectOk(await store!.cashier.invoke('patients.searchPatients', input)).patients.map((p) => p.name);
    expect(await names({ name: 'king' })).toEqual(['Robert King', 'Zoë Kingsley']);
    expect(await names({ name: 'zoe king' })).toEqual(['Zoë Kingsley']);
    expect(await names({ name: 'rob kin' })).toEqual(['Robert King']);
    expect(await names({ birthDate: '1964-06-14' })).toEqual(['Ann Smith', 'Robert King']);
    expect(await names({ name: 'king', birthDate: '1964-06-14' })).toEqual(['Robert King']);
    expect(robert.id).toBeTruthy();
  });
});

describe('role-aware reads', () => {
  it('gives a cashier only the name and whether a prescription is ready, never allergies', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist, allergic);
    const found = expectOk(await store.cashier.invoke('patients.searchPatients', { name: 'Robert' }));
    expect(found.patients).toEqual([{ id: p.id, name: 'Robert King', prescriptionReady: false }]);
    const refused = await store.cashier.invoke('patients.getPatient', { patientId: p.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'auth.forbidden', details: { permission: 'patients.readClinical' } } });
    const history = await store.cashier.invoke('patients.getMedicationHistory', { patientId: p.id });
    expect(history).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await store.cashier.invoke('patients.createPatient', { name: 'Someone Else' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    // a refused read leaves nothing in the patient's access log
    expect(countRows(store.core, 'patient_access_log')).toBe(0);
  });

  it('logs every clinical read (who, when, which patient, which operation) and shows the log to a manager', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist, allergic);
    expectOk(await store.pharmacist.invoke('patients.getPatient', { patientId: p.id }));
    store.core.clock.advance(60_000);
    expectOk(await store.pharmacist.invoke('patients.getMedicationHistory', { patientId: p.id }));
    expectOk(await store.admin.invoke('patients.getPatient', { patientId: p.id }));
    const manager = await addStaff(store, 'manager', 'morgan', '8642');
    const log = expectOk(await manager.invoke('patients.listAccessLog', { patientId: p.id }));
    expect(log.entries.map((e) => [e.actorName, e.actorRole, e.op])).toEqual([
      ['Avery Admin', 'admin', 'patients.getPatient'],
      ['pat pharmacist', 'pharmacist', 'patients.getMedicationHistory'],
      ['pat pharmacist', 'pharmacist', 'patients.getPatient'],
    ]);
    expect(log.entries[1]?.at).toBe(log.entries[2]!.at + 60_000);
    // a manager may see who looked, but not the clinical record itself
    expect(await manager.invoke('patients.getPatient', { patientId: p.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await store.pharmacist.invoke('patients.listAccessLog', { patientId: p.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('writes the access-log row in the read itself: the log cannot be edited or deleted', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    expectOk(await store.pharmacist.invoke('patients.getPatient', { patientId: p.id }));
    expect(() => store!.core.db.prepare('DELETE FROM patient_access_log').run()).toThrow(/immutable/);
    expect(() => store!.core.db.prepare("UPDATE patient_access_log SET op = 'x'").run()).toThrow(/immutable/);
  });

  it('answers patients.notFound for an unknown patient and logs nothing', async () => {
    store = await setUpRx();
    const r = await store.pharmacist.invoke('patients.getPatient', { patientId: '00000000-0000-7000-8000-00000000dead' });
    expect(r).toMatchObject({ ok: false, error: { code: 'patients.notFound' } });
    expect(countRows(store.core, 'patient_access_log')).toBe(0);
  });
});
