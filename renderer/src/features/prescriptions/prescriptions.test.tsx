// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeBridge, fail, type FakeBridge } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { PrescriptionsScreen } from './prescriptions-screen.js';
import { PATIENT_ID, prescription, reading } from './rx-test-data.js';

afterEach(cleanup);

function core(overrides: Parameters<typeof createFakeBridge>[0] = {}): FakeBridge {
  return createFakeBridge({
    'rx.readImage': () => reading(),
    'rx.parseSig': () => ({ understood: true, directions: 'Take 1 tablet by mouth every 6 hours if needed for pain.', dosage: {}, confidence: 0.9, unparsed: [], notes: [] }),
    'patients.searchPatients': () => ({ patients: [{ id: PATIENT_ID, name: 'James Johnson', prescriptionReady: false }] }),
    'rx.save': () => prescription(),
    ...overrides,
  });
}

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], 'rx-001.png', { type: 'image/png' });

async function readPage(bridge: FakeBridge) {
  renderWith(<PrescriptionsScreen session={session('pharmacist')} />, bridge);
  await userEvent.upload(await screen.findByTestId('rx-file'), png());
  return screen.findByTestId('rx-review');
}

describe('the Prescriptions section', () => {
  it('shows the stage the core has reached while it reads the page, for this read only', async () => {
    let finish: () => void = () => undefined;
    const bridge: FakeBridge = core({
      'rx.readImage': async (input: { progressId: string }) => {
        bridge.notify({ topics: [], op: 'rx.readImage', progress: { requestId: 'read-of-another-window', stage: 'extracting', fraction: 0.9 } });
        bridge.notify({ topics: [], op: 'rx.readImage', progress: { requestId: input.progressId, stage: 'recognising', fraction: 0.2 } });
        await new Promise<void>((resolve) => (finish = resolve));
        return reading();
      },
    });
    renderWith(<PrescriptionsScreen session={session('pharmacist')} />, bridge);
    await userEvent.upload(await screen.findByTestId('rx-file'), png());
    expect((await screen.findByTestId('rx-read-stage')).textContent).toBe('recognising the text');
    expect((screen.getByTestId('rx-read-progress') as HTMLProgressElement).value).toBe(20);
    finish();
    await screen.findByTestId('rx-review');
    expect(screen.queryByTestId('rx-read-stage')).toBeNull();
  });

  it('tells a cashier that prescriptions need a pharmacist, and shows no tab', () => {
    renderWith(<PrescriptionsScreen session={session('cashier')} />, core());
    expect(screen.getByTestId('prescriptions-no-access')).toBeTruthy();
    expect(screen.queryByRole('tab')).toBeNull();
  });

  it('sends the picked image to rx.readImage as base64 and shows each field with its confidence', async () => {
    const bridge = core();
    await readPage(bridge);
    expect(bridge.callsOf('rx.readImage')).toEqual([
      { base64: btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 1, 2, 3)), fileName: 'rx-001.png', progressId: expect.stringMatching(/^read-/) },
    ]);
    const quantity = screen.getByTestId('rx-field-items.0.quantity');
    expect(within(quantity).getByTestId('rx-confidence').textContent).toContain('42%');
    expect(within(quantity).getByTestId('rx-confidence').textContent).toContain('check this field');
    expect((screen.getByTestId('rx-input-patient.name') as HTMLInputElement).value).toBe('James Johnson');
  });

  it('frames on the page the place the field being edited was read from', async () => {
    await readPage(core());
    fireEvent.focus(screen.getByTestId('rx-input-items.0.quantity'));
    const active = screen.getAllByTestId('rx-box').filter((b) => b.dataset['active'] === 'true');
    expect(active.map((b) => b.dataset['field'])).toEqual(['items.0.quantity']);
  });

  it('refuses a file that is not an image before asking the core', async () => {
    const bridge = core();
    renderWith(<PrescriptionsScreen session={session('pharmacist')} />, bridge);
    const input = await screen.findByTestId('rx-file');
    fireEvent.change(input, { target: { files: [new File(['%PDF'], 'rx.pdf', { type: 'application/pdf' })] } });
    expect((await screen.findByTestId('rx-intake-error')).textContent).toBe('This file is not an image.');
    expect(bridge.callsOf('rx.readImage')).toEqual([]);
  });

  it('says in words why a page could not be read', async () => {
    const bridge = core({ 'rx.readImage': () => fail('intake.blankPage') });
    renderWith(<PrescriptionsScreen session={session('pharmacist')} />, bridge);
    await userEvent.upload(await screen.findByTestId('rx-file'), png());
    expect((await screen.findByTestId('rx-intake-error')).textContent).toBe('The page is blank.');
  });

  it('saves with the patient chosen and the corrected field recorded beside what was read', async () => {
    const bridge = core();
    await readPage(bridge);
    const quantity = screen.getByTestId('rx-input-items.0.quantity');
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '28');
    await userEvent.click(await screen.findByTestId('rx-patient-pick'));
    await userEvent.click(screen.getByTestId('rx-save'));
    await screen.findByTestId('rx-saved');
    const [saved] = bridge.callsOf('rx.save') as { patientId: string; items: { quantity: number }[]; corrections: unknown[] }[];
    expect(saved?.patientId).toBe(PATIENT_ID);
    expect(saved?.items[0]?.quantity).toBe(28);
    expect(saved?.corrections).toEqual([{ field: 'items.0.quantity', read: '14', corrected: '28' }]);
  });

  it('does not save without a patient, and says so', async () => {
    const bridge = core();
    await readPage(bridge);
    await userEvent.click(screen.getByTestId('rx-save'));
    expect((await screen.findByTestId('rx-review-error')).textContent).toContain('Choose or create the patient first.');
    expect(bridge.callsOf('rx.save')).toEqual([]);
  });

  it('offers the candidates for a medicine it did not recognise and picks none of them itself', async () => {
    const unsure = reading();
    const item = unsure.items[0]!;
    unsure.items = [{ ...item, medication: { ...item.medication, ingredient: null, productId: null }, written: 'Amoxicilin 5OO mg',
      candidates: [
        { ingredient: 'Amoxicillin', via: 'spelling', written: 'Amoxicilin', confidence: 0.8, productId: 'p-amox' },
        { ingredient: 'Ampicillin', via: 'spelling', written: 'Amoxicilin', confidence: 0.5, productId: null },
      ] }];
    const bridge = core({ 'rx.readImage': () => unsure });
    await readPage(bridge);
    const radios = within(screen.getByTestId('rx-candidates')).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.checked)).toEqual([false, false]);
    await userEvent.click(await screen.findByTestId('rx-patient-pick'));
    await userEvent.click(screen.getByTestId('rx-save'));
    expect((await screen.findByTestId('rx-review-error')).textContent).toContain('Item 1: give the medicine or choose one of the candidates.');
    await userEvent.click(radios[0]!);
    await userEvent.click(screen.getByTestId('rx-save'));
    await screen.findByTestId('rx-saved');
    const [saved] = bridge.callsOf('rx.save') as { items: { ingredient: string; productId: string | null }[] }[];
    expect(saved?.items[0]).toMatchObject({ ingredient: 'Amoxicillin', productId: 'p-amox' });
  });

  it('shows the directions as understood, or says they were not understood', async () => {
    const bridge = core({ 'rx.parseSig': () => ({ understood: false, directions: null, dosage: null, confidence: 0, unparsed: ['as discussed'], notes: [] }) });
    await readPage(bridge);
    expect((await screen.findByTestId('rx-sig-not-understood')).textContent).toContain('not understood');
    expect(screen.getByTestId('rx-sig-unparsed').textContent).toContain('as discussed');
  });
});
