// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DispensedMedicine, PatientProfile } from '@mortar/main/contract';
import { createFakeBridge, fail, type FakeBridge } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { CustomersScreen, searchOf } from './customers-screen.js';
import { checkPatientForm, emptyForm } from './patient-form-model.js';

afterEach(cleanup);

const PATIENT_ID = '01900000-0000-7000-8000-0000000000a1';
const AT = Date.UTC(2026, 10, 20, 10, 30);

const king: PatientProfile = {
  id: PATIENT_ID,
  name: 'Robert King',
  birthDate: '1964-06-14',
  phone: '+44 20 7946 0000',
  email: null,
  address: '1 River St',
  allergies: [{ substance: 'penicillin', kind: 'allergy', reaction: 'rash' }],
  conditions: [{ name: 'Atrial fibrillation' }],
  reminderConsent: false,
  reminderConsentAt: null,
  createdAt: AT,
  updatedAt: AT,
};

const warfarin: DispensedMedicine = {
  dispenseId: 'd1',
  prescriptionId: 'rx1',
  at: AT,
  lineNo: 1,
  fillNo: 1,
  productId: 'p1',
  productName: 'Warfarin 5 mg tablets',
  ingredient: 'Warfarin',
  strength: '5 mg',
  quantity: 28,
  sig: 'Take 1 tablet by mouth once daily',
  batch: 'W-LATER',
  expiry: '2027-09-30',
  daysSupply: 28,
  active: true,
};

function core(overrides: Parameters<typeof createFakeBridge>[0] = {}): FakeBridge {
  return createFakeBridge({
    'patients.searchPatients': () => ({ patients: [{ id: PATIENT_ID, name: 'Robert King', prescriptionReady: true }] }),
    'patients.getPatient': () => king,
    'patients.getMedicationHistory': () => ({ patientId: PATIENT_ID, medicines: [warfarin] }),
    'patients.listAccessLog': () => ({
      patientId: PATIENT_ID,
      entries: [{ id: 'a1', at: AT, actorId: 'u1', actorName: 'Pat Pharmacist', actorRole: 'pharmacist', op: 'patients.getPatient', deviceId: 'd1' }],
    }),
    ...overrides,
  });
}

describe('the Customers section', () => {
  it('shows a cashier only the name and whether a prescription is ready, with nothing to open or create', async () => {
    const bridge = core();
    renderWith(<CustomersScreen session={session('cashier')} />, bridge);
    const box = screen.getByTestId('patients-search');
    await waitFor(() => expect(box).toBe(document.activeElement));
    await userEvent.type(box, 'King{Enter}');
    const result = await screen.findByTestId('patients-result');
    expect(result.textContent).toContain('Robert King');
    expect(within(result).getByTestId('patients-ready').textContent).toBe('Prescription ready');
    expect(screen.queryByTestId('patients-open')).toBeNull();
    expect(screen.queryByTestId('patients-new')).toBeNull();
    expect(screen.queryByTestId('patient-profile')).toBeNull();
    expect(bridge.callsOf('patients.getPatient')).toEqual([]);
    expect(bridge.callsOf('patients.searchPatients')).toContainEqual({ name: 'King', limit: 20 });
  });

  it('searches by birth date when one is typed', () => {
    expect(searchOf('1964-06-14')).toEqual({ birthDate: '1964-06-14' });
    expect(searchOf(' k ')).toBeNull();
    expect(searchOf('Rob Ki')).toEqual({ name: 'Rob Ki' });
  });

  it('opens the clinical profile and medication history for a pharmacist through the logged reads', async () => {
    const bridge = core();
    renderWith(<CustomersScreen session={session('pharmacist')} />, bridge);
    await userEvent.type(screen.getByTestId('patients-search'), 'King');
    await screen.findByTestId('patients-open');
    await userEvent.keyboard('{Enter}');
    const profile = await screen.findByTestId('patient-profile');
    await waitFor(() => expect(within(profile).getByTestId('patient-allergies').textContent).toBe('penicillin (allergy: rash)'));
    expect(within(profile).getByTestId('patient-conditions').textContent).toBe('Atrial fibrillation');
    const row = await screen.findByTestId('patient-history-row');
    expect(row.textContent).toContain('Warfarin 5 mg tablets');
    expect(row.textContent).toContain('Being taken');
    expect(bridge.callsOf('patients.getPatient')).toEqual([{ patientId: PATIENT_ID }]);
    expect(bridge.callsOf('patients.getMedicationHistory')).toEqual([{ patientId: PATIENT_ID }]);
    // A pharmacist does not audit: the access log is not offered.
    expect(screen.queryByTestId('patient-show-access')).toBeNull();
  });

  it('reads the profile again each time it is opened, so every view reaches the access log', async () => {
    const bridge = core();
    renderWith(<CustomersScreen session={session('pharmacist')} />, bridge);
    await userEvent.type(screen.getByTestId('patients-search'), 'King');
    await userEvent.click(await screen.findByTestId('patients-open'));
    await screen.findByTestId('patient-history-row');
    await userEvent.click(screen.getByTestId('patient-close'));
    await userEvent.click(await screen.findByTestId('patients-open'));
    await screen.findByTestId('patient-history-row');
    await waitFor(() => expect(bridge.callsOf('patients.getPatient')).toHaveLength(2));
  });

  it('shows a manager the access log only, without the clinical profile', async () => {
    const bridge = core();
    renderWith(<CustomersScreen session={session('manager')} />, bridge);
    await userEvent.type(screen.getByTestId('patients-search'), 'King');
    await userEvent.click(await screen.findByTestId('patients-open'));
    const row = await screen.findByTestId('patient-access-row');
    expect(row.textContent).toContain('Pat Pharmacist');
    expect(row.textContent).toContain('Pharmacist');
    expect(row.textContent).toContain('Profile');
    expect(screen.queryByTestId('patient-details')).toBeNull();
    expect(bridge.callsOf('patients.getPatient')).toEqual([]);
    expect(screen.queryByTestId('patients-new')).toBeNull();
  });

  it('names each bad field of a new patient and sends nothing', async () => {
    const bridge = core({ 'patients.createPatient': () => king });
    renderWith(<CustomersScreen session={session('pharmacist')} />, bridge);
    await userEvent.click(screen.getByTestId('patients-new'));
    await userEvent.type(screen.getByTestId('patient-input-name'), 'R');
    await userEvent.type(screen.getByTestId('patient-input-birthDate'), '1964-13-40');
    await userEvent.type(screen.getByTestId('patient-input-email'), 'not-an-address');
    await userEvent.click(screen.getByTestId('patient-add-allergy'));
    await userEvent.click(screen.getByTestId('patient-save'));
    expect(screen.getByTestId('patient-problem-name').textContent).toBe('Give the name, at least two letters.');
    expect(screen.getByTestId('patient-problem-birthDate').textContent).toBe('A real date in the past, as YYYY-MM-DD.');
    expect(screen.getByTestId('patient-problem-email').textContent).toBe('An email address like name@example.com.');
    expect(screen.getByTestId('patient-problem-allergies.0.substance').textContent).toBe('Name the substance, or remove the row.');
    expect(bridge.callsOf('patients.createPatient')).toEqual([]);
  });

  it('creates a patient with allergies, conditions and consent, then opens the new profile', async () => {
    const bridge = core({ 'patients.createPatient': () => king });
    renderWith(<CustomersScreen session={session('pharmacist')} />, bridge);
    screen.getByTestId('patients-search').focus();
    await userEvent.keyboard('{Insert}');
    await userEvent.type(await screen.findByTestId('patient-input-name'), 'Robert King');
    await userEvent.type(screen.getByTestId('patient-input-birthDate'), '1964-06-14');
    await userEvent.click(screen.getByTestId('patient-add-allergy'));
    await userEvent.type(screen.getByTestId('patient-allergy-substance-0'), 'penicillin');
    await userEvent.type(screen.getByTestId('patient-allergy-reaction-0'), 'rash');
    await userEvent.click(screen.getByTestId('patient-add-condition'));
    await userEvent.type(screen.getByTestId('patient-condition-name-0'), 'Atrial fibrillation');
    await userEvent.click(screen.getByTestId('patient-input-reminderConsent'));
    await userEvent.click(screen.getByTestId('patient-save'));
    await screen.findByTestId('patient-profile');
    expect(bridge.callsOf('patients.createPatient')).toEqual([
      {
        name: 'Robert King',
        birthDate: '1964-06-14',
        phone: null,
        email: null,
        address: null,
        allergies: [{ substance: 'penicillin', kind: 'allergy', reaction: 'rash' }],
        conditions: [{ name: 'Atrial fibrillation' }],
        reminderConsent: true,
      },
    ]);
  });

  it('changes a profile and shows the core refusing it in words', async () => {
    const bridge = core({ 'patients.updatePatient': () => fail('patients.notFound') });
    renderWith(<CustomersScreen session={session('pharmacist')} />, bridge);
    await userEvent.type(screen.getByTestId('patients-search'), 'King');
    await userEvent.click(await screen.findByTestId('patients-open'));
    await userEvent.click(await screen.findByTestId('patient-edit'));
    const phone = screen.getByTestId('patient-input-phone');
    await userEvent.clear(phone);
    await userEvent.type(phone, '020 7946 0001');
    await userEvent.click(screen.getByTestId('patient-save'));
    expect((await screen.findByTestId('patient-form-error')).textContent).toBe('There is no such patient.');
    expect(bridge.callsOf('patients.updatePatient')).toEqual([
      expect.objectContaining({ patientId: PATIENT_ID, name: 'Robert King', phone: '020 7946 0001', allergies: [{ substance: 'penicillin', kind: 'allergy', reaction: 'rash' }] }),
    ]);
  });

  it('speaks German', async () => {
    renderWith(<CustomersScreen session={session('cashier')} />, core(), 'de');
    await userEvent.type(screen.getByTestId('patients-search'), 'King');
    expect((await screen.findByTestId('patients-ready')).textContent).toBe('Rezept abholbereit');
  });
});

describe('the patient form model', () => {
  it('refuses a birth date in the future and a repeated allergy', () => {
    const r = checkPatientForm(
      { ...emptyForm, name: 'Ann Lee', birthDate: '2030-01-01', allergies: [{ substance: 'Penicillin', kind: 'allergy', reaction: '' }, { substance: 'penicillin', kind: 'intolerance', reaction: '' }] },
      '2026-11-27',
    );
    expect(r).toEqual({ ok: false, problems: { birthDate: 'patients.form.problems.birthDate', 'allergies.1.substance': 'patients.form.problems.duplicate' } });
  });
});
