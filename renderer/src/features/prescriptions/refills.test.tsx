// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Dispense, OutputOf } from '@mortar/main/contract';
import { createFakeBridge, fail, type FakeBridge } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { PrescriptionsScreen } from './prescriptions-screen.js';
import { PATIENT_ID, prescription, RX_ID } from './rx-test-data.js';

afterEach(cleanup);

type Listed = OutputOf<'rx.listPatientPrescriptions'>['prescriptions'][number];
type ListedItem = Listed['items'][number];

const DAY = 86_400_000;
const OLD_RX = '01900000-0000-7000-8000-0000000000b2';
const DRAFT_RX = '01900000-0000-7000-8000-0000000000b3';

function item(overrides: Partial<ListedItem> = {}): ListedItem {
  return {
    lineNo: 1, ingredient: 'Telmisartan', strength: '40 mg', productName: 'Telmisartan 40 mg tablets', quantity: 28, refills: 5, fills: 2, refillsLeft: 4,
    lastFillAt: Date.now() - 30 * DAY, refillDueAt: Date.now() - 9 * DAY, dispensable: true, blockedBy: null, ...overrides,
  };
}

function listed(overrides: Partial<Listed> = {}): Listed {
  return {
    id: RX_ID, rxNumber: '000000B1', status: 'verified', writtenDate: '2026-11-20', prescriberName: 'Jessica Moore', createdAt: Date.UTC(2026, 10, 20),
    signedAt: Date.UTC(2026, 10, 20, 10), signerName: 'Robin Pharmacist', origin: 'otherTill', fromDeviceId: 'till-back', receivedAt: Date.UTC(2026, 10, 20, 11),
    dispensable: true,
    items: [item(), item({ lineNo: 2, ingredient: 'Amlodipine', strength: '5 mg', productName: 'Amlodipine 5 mg tablets', refills: 0, fills: 1, refillsLeft: 0, dispensable: false, blockedBy: 'noRefillsLeft', refillDueAt: null })],
    ...overrides,
  };
}

const verified = prescription({
  status: 'verified',
  items: [
    ...prescription().items,
    { ...prescription().items[0]!, lineNo: 2, productName: 'Amlodipine 5 mg tablets', ingredient: 'Amlodipine', refills: 0, refillsLeft: 0, fills: 1 },
  ],
  signature: { meaning: 'verified', signerId: 'u', signerName: 'Robin Pharmacist', signedAt: Date.UTC(2026, 10, 20, 10), secondFactor: 'pin', contentHash: 'h', signature: 's', acknowledgements: [] },
});

const dispensed: Dispense = {
  id: 'd-2', prescriptionId: RX_ID, at: 1, location: 'dispensary', actorName: 'Pat Pharmacist', replayed: false,
  lines: [{ lineNo: 1, fillNo: 3, productId: 'p', lotId: 'l', batch: 'B1', expiry: '2028-01-01', quantity: 28, refillsLeft: 3, daysSupply: 28 }],
  labels: [{ lineNo: 1, label: {} as Dispense['labels'][number]['label'], text: 'RIVERSIDE PHARMACY\nTelmisartan 40 mg\nRefills left: 3', escPosBase64: '' }],
  labelPrinting: 'queued',
};

function core(overrides: Parameters<typeof createFakeBridge>[0] = {}): FakeBridge {
  return createFakeBridge({
    'patients.searchPatients': () => ({ patients: [{ id: PATIENT_ID, name: 'James Johnson', prescriptionReady: false }] }),
    'rx.listPatientPrescriptions': () => ({
      patientId: PATIENT_ID,
      more: false,
      prescriptions: [
        listed(),
        listed({
          id: DRAFT_RX, rxNumber: '000000B3', status: 'draft', writtenDate: '2026-11-10', signedAt: null, signerName: null, origin: 'thisTill', fromDeviceId: null,
          receivedAt: null, dispensable: false, items: [item({ fills: 0, refillsLeft: 5, lastFillAt: null, refillDueAt: null, dispensable: false, blockedBy: 'notVerified' })],
        }),
        listed({
          id: OLD_RX, rxNumber: '000000B2', writtenDate: '2026-10-01', origin: 'thisTill', fromDeviceId: null, receivedAt: null, dispensable: false,
          items: [item({ refills: 1, fills: 2, refillsLeft: 0, dispensable: false, blockedBy: 'noRefillsLeft' })],
        }),
      ],
    }),
    'rx.getPrescription': () => verified,
    'rx.dispense': () => dispensed,
    ...overrides,
  });
}

async function pickPatient(bridge: FakeBridge, language: 'en' | 'de' = 'en') {
  renderWith(<PrescriptionsScreen session={session('pharmacist')} />, bridge, language);
  await userEvent.click(screen.getByTestId('rx-tab-refills'));
  // From the tab, the next key press of Tab lands in the patient search.
  await userEvent.tab();
  expect(document.activeElement).toBe(screen.getByTestId('rx-patient-search'));
  await userEvent.keyboard('James');
  await userEvent.click(await screen.findByTestId('rx-patient-pick'));
}

async function openRefills(bridge: FakeBridge, language: 'en' | 'de' = 'en') {
  await pickPatient(bridge, language);
  return screen.findByTestId('rx-refill-list');
}

const cards = () => screen.getAllByTestId('rx-refill-rx');

describe('the Refills tab', () => {
  it("lists the patient's prescriptions with fills everywhere, refills left, due dates and where each was verified", async () => {
    const bridge = core();
    await openRefills(bridge);
    expect(bridge.callsOf('rx.listPatientPrescriptions')).toEqual([{ patientId: PATIENT_ID }]);
    const [shared, draft, used] = cards();
    expect(within(shared!).getByRole('heading').textContent).toContain('Rx 000000B1');
    expect(within(shared!).getByTestId('rx-refill-provenance').textContent).toContain('another till of the branch (till-back)');
    expect(within(shared!).getByTestId('rx-refill-provenance').textContent).toContain('Verified by Robin Pharmacist');
    const [telmisartan, amlodipine] = within(shared!).getAllByTestId('rx-refill-item');
    expect(telmisartan!.textContent).toContain('2 of 6');
    expect(within(telmisartan!).getByTestId('rx-refill-left').textContent).toBe('4');
    expect(within(telmisartan!).getByTestId('rx-refill-due').textContent).toBe('due now');
    expect(within(telmisartan!).getByTestId('rx-refill-state').textContent).toBe('can be dispensed');
    expect(within(amlodipine!).getByTestId('rx-refill-state').textContent).toBe('no refills left');
    expect(within(draft!).getByTestId('rx-refill-provenance').textContent).toContain('Draft, not yet verified');
    expect(within(draft!).queryByTestId('rx-refill-choose')).toBeNull();
    expect(within(used!).getByTestId('rx-refill-provenance').textContent).toContain('Verified at this till.');
    expect(within(used!).queryByTestId('rx-refill-choose')).toBeNull();
  });

  it('dispenses a refill of the chosen prescription, only the items that can be dispensed, and shows its labels', async () => {
    const bridge = core();
    await openRefills(bridge);
    await userEvent.click(within(cards()[0]!).getByTestId('rx-refill-choose'));
    await screen.findByTestId('rx-dispense');
    expect(bridge.callsOf('rx.getPrescription')).toEqual([{ prescriptionId: RX_ID }]);
    expect(screen.getByTestId('rx-refill-left-out').textContent).toContain('Amlodipine 5 mg tablets (no refills left)');
    // Due already: nothing to say about an early refill.
    expect(screen.queryByTestId('rx-refill-early')).toBeNull();
    // One batch field, for the one item dispensed, and the cursor is in it for the pack's scan.
    const batches = screen.getAllByTestId('rx-dispense-batch');
    expect(batches).toHaveLength(1);
    expect(document.activeElement).toBe(batches[0]);
    await userEvent.keyboard('B1{Enter}');
    expect((await screen.findByTestId('rx-label-text')).textContent).toContain('Refills left: 3');
    const [call] = bridge.callsOf('rx.dispense') as { prescriptionId: string; lines: unknown[]; idempotencyKey: string }[];
    expect(call).toMatchObject({ prescriptionId: RX_ID, lines: [{ lineNo: 1, batch: 'B1' }] });
    expect(call?.idempotencyKey).toMatch(/^rx-/);
    // The list is asked again after the dispense, so it shows the fill just made.
    await userEvent.click(screen.getByTestId('rx-refill-back'));
    await screen.findByTestId('rx-refill-list');
    expect(bridge.callsOf('rx.listPatientPrescriptions').length).toBeGreaterThan(1);
  });

  it('says when a refill is due, and asks for the reason when the core refuses it as too early', async () => {
    const dueAt = Date.now() + 5 * DAY;
    let calls = 0;
    const bridge = core({
      'rx.listPatientPrescriptions': () => ({ patientId: PATIENT_ID, more: false, prescriptions: [listed({ items: [item({ refillDueAt: dueAt })] })] }),
      'rx.dispense': () => (++calls === 1 ? fail('rx.refillTooEarly', { lineNo: 1, dueAt }) : dispensed),
    });
    await openRefills(bridge);
    expect(screen.getByTestId('rx-refill-due').textContent).toMatch(/^due on .+; earlier needs a reason$/);
    await userEvent.click(screen.getByTestId('rx-refill-choose'));
    expect((await screen.findByTestId('rx-refill-early')).textContent).toMatch(/^Telmisartan 40 mg tablets is not due until .+: say why it is given early when asked\.$/);
    await userEvent.click(await screen.findByTestId('rx-dispense-submit'));
    expect((await screen.findByTestId('rx-dispense-error')).textContent).toBe('This refill is not due yet; give a reason to dispense it early.');
    await userEvent.type(screen.getByTestId('rx-early-reason'), 'Going abroad for a month');
    await userEvent.click(screen.getByTestId('rx-dispense-submit'));
    await screen.findByTestId('rx-dispensed');
    const [first, second] = bridge.callsOf('rx.dispense') as { earlyRefillReason?: string; idempotencyKey: string }[];
    expect(first?.earlyRefillReason).toBeUndefined();
    expect(second?.earlyRefillReason).toBe('Going abroad for a month');
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
  });

  it('shows a refusal from the core in plain words and dispenses nothing', async () => {
    const bridge = core({ 'rx.dispense': () => fail('rx.noRefillsLeft', { lineNo: 1, refills: 5, fills: 6 }) });
    await openRefills(bridge);
    await userEvent.click(within(cards()[0]!).getByTestId('rx-refill-choose'));
    await userEvent.click(await screen.findByTestId('rx-dispense-submit'));
    expect((await screen.findByTestId('rx-dispense-error')).textContent).toBe('No refills are left on this prescription.');
    expect(screen.queryByTestId('rx-dispensed')).toBeNull();
  });

  it('puts the cursor back in the patient search when the patient is changed', async () => {
    await openRefills(core());
    await userEvent.click(within(screen.getByTestId('rx-patient-chosen')).getByRole('button'));
    expect(document.activeElement).toBe(screen.getByTestId('rx-patient-search'));
    expect(screen.queryByTestId('rx-refill-list')).toBeNull();
  });

  it('goes back to the list with Escape, the cursor on the prescription it left', async () => {
    await openRefills(core());
    await userEvent.click(within(cards()[0]!).getByTestId('rx-refill-choose'));
    await screen.findByTestId('rx-dispense');
    await userEvent.keyboard('{Escape}');
    await screen.findByTestId('rx-refill-list');
    expect(document.activeElement).toBe(within(cards()[0]!).getByTestId('rx-refill-choose'));
  });

  it('says in words when the patient is not known to this till', async () => {
    await pickPatient(core({ 'rx.listPatientPrescriptions': () => fail('patients.notFound') }));
    expect((await screen.findByTestId('rx-refill-error')).textContent).toBe('There is no such patient.');
  });

  it('speaks German', async () => {
    await openRefills(core(), 'de');
    expect(screen.getByTestId('rx-tab-refills').textContent).toBe('Wiederholungen');
    expect(within(cards()[0]!).getAllByTestId('rx-refill-state')[0]?.textContent).toBe('kann abgegeben werden');
    expect(within(cards()[0]!).getByTestId('rx-refill-provenance').textContent).toContain('anderen Kasse der Filiale');
  });

  it('is not offered to a role that cannot dispense', () => {
    renderWith(<PrescriptionsScreen session={session('cashier')} />, core());
    expect(screen.queryByTestId('rx-tab-refills')).toBeNull();
  });
});
