// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CheckReport, Dispense } from '@mortar/main/contract';
import { createFakeBridge, fail, type FakeBridge } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { SavedPanel } from './saved-panel.js';
import { prescription, RX_ID } from './rx-test-data.js';

afterEach(cleanup);

const alert = (id: string, severity: 'contraindicated' | 'major' | 'moderate' | 'minor', requiresOverride: boolean) => ({
  id, kind: 'interaction' as const, severity, ingredients: ['Warfarin', 'Ibuprofen'], reason: `reason ${id}`, advice: `advice ${id}`,
  references: [], ruleId: 'r', requiresOverride,
});

const report: CheckReport = {
  alerts: [alert('a-minor', 'minor', false), alert('a-major', 'major', true)],
  requiresOverride: true,
  highestSeverity: 'major',
  unrecognised: { ingredients: [], allergies: [] },
  doseProblems: [],
  prescriptionId: RX_ID,
  contentHash: 'h',
  bySeverity: { contraindicated: 0, major: 1, moderate: 0, minor: 1 },
  activeIngredients: ['Warfarin'],
  allergies: [],
};

const signed = prescription({
  status: 'verified',
  signature: { meaning: 'verified', signerId: 'u', signerName: 'Pat Pharmacist', signedAt: Date.UTC(2026, 10, 27, 9, 30), secondFactor: 'pin', contentHash: 'h', signature: 's', acknowledgements: [] },
});

const dispensed: Dispense = {
  id: 'd-1', prescriptionId: RX_ID, at: 1, location: 'dispensary', actorName: 'Pat Pharmacist', replayed: false,
  lines: [{ lineNo: 1, fillNo: 1, productId: 'p', lotId: 'l', batch: 'B1', expiry: '2028-01-01', quantity: 28, refillsLeft: 5, daysSupply: 7 }],
  labels: [{ lineNo: 1, label: {} as Dispense['labels'][number]['label'], text: 'RIVERSIDE PHARMACY\nTelmisartan 40 mg', escPosBase64: '' }],
};

function open(bridge: FakeBridge) {
  renderWith(<SavedPanel session={session('pharmacist')} prescription={prescription()} onDone={() => undefined} />, bridge);
}

describe('checking, signing and dispensing a saved prescription', () => {
  it('ranks the findings by severity, each with its reason and advice, and asks a reason only of a major one', async () => {
    open(createFakeBridge({ 'rx.check': () => report }));
    const alerts = await screen.findAllByTestId('rx-alert');
    expect(alerts.map((a) => a.dataset['severity'])).toEqual(['major', 'minor']);
    expect(alerts[0]!.textContent).toContain('reason a-major');
    expect(alerts[0]!.textContent).toContain('advice a-major');
    expect(within(alerts[0]!).getByTestId('rx-override-reason')).toBeTruthy();
    expect(within(alerts[1]!).queryByTestId('rx-override-reason')).toBeNull();
    expect(within(alerts[1]!).getByTestId('rx-note-reason')).toBeTruthy();
  });

  it('will not sign without the override reason, then signs with it and shows meaning, name and time', async () => {
    const bridge = createFakeBridge({ 'rx.check': () => report, 'rx.verify': () => signed });
    open(bridge);
    expect((await screen.findByTestId('rx-sign-meaning')).textContent).toContain('Verified');
    await userEvent.type(screen.getByTestId('rx-sign-secret'), '4321');
    await userEvent.click(screen.getByTestId('rx-sign-submit'));
    expect((await screen.findByTestId('rx-sign-error')).textContent).toContain('Give a reason');
    expect(bridge.callsOf('rx.verify')).toEqual([]);
    await userEvent.type(screen.getByTestId('rx-override-reason'), 'INR checked today; prescriber agrees');
    await userEvent.click(screen.getByTestId('rx-sign-submit'));
    expect((await screen.findByTestId('rx-signature')).textContent).toContain('Verified by Pat Pharmacist');
    expect(bridge.callsOf('rx.verify')).toEqual([{ prescriptionId: RX_ID, secret: '4321', acknowledgements: [{ alertId: 'a-major', reason: 'INR checked today; prescriber agrees' }] }]);
  });

  it('says for how long signing is locked after repeated wrong credentials', async () => {
    const until = Date.now() + 15 * 60_000;
    open(createFakeBridge({ 'rx.check': () => ({ ...report, alerts: [] }), 'rx.verify': () => fail('rx.signingLocked', { until }) }));
    await userEvent.type(await screen.findByTestId('rx-sign-secret'), 'nope');
    await userEvent.click(screen.getByTestId('rx-sign-submit'));
    expect((await screen.findByTestId('rx-sign-error')).textContent).toMatch(/signing is locked for 1[45] minutes/);
  });

  it('dispenses a verified prescription first expiry first out and shows each label', async () => {
    const bridge = createFakeBridge({ 'rx.dispense': () => dispensed });
    renderWith(<SavedPanel session={session('pharmacist')} prescription={signed} onDone={() => undefined} />, bridge);
    expect(screen.getByTestId('rx-signature').textContent).toContain('Pat Pharmacist');
    await userEvent.click(screen.getByTestId('rx-dispense-submit'));
    expect((await screen.findByTestId('rx-label-text')).textContent).toContain('Telmisartan 40 mg');
    const [call] = bridge.callsOf('rx.dispense') as { prescriptionId: string; idempotencyKey: string; lines: unknown[] }[];
    expect(call?.lines).toEqual([{ lineNo: 1 }]);
    expect(call?.idempotencyKey).toMatch(/^rx-/);
  });

  it('asks for a reason when a refill is not yet due, and sends it', async () => {
    let calls = 0;
    const bridge = createFakeBridge({ 'rx.dispense': () => (++calls === 1 ? fail('rx.refillTooEarly', { lineNo: 1, dueAt: 0 }) : dispensed) });
    renderWith(<SavedPanel session={session('pharmacist')} prescription={signed} onDone={() => undefined} />, bridge);
    await userEvent.click(screen.getByTestId('rx-dispense-submit'));
    await userEvent.type(await screen.findByTestId('rx-early-reason'), 'Travelling abroad');
    await userEvent.click(screen.getByTestId('rx-dispense-submit'));
    await screen.findByTestId('rx-dispensed');
    const second = bridge.callsOf('rx.dispense')[1] as { earlyRefillReason?: string };
    expect(second.earlyRefillReason).toBe('Travelling abroad');
  });

  it('asks who collects a controlled medicine when the core says so, refuses half an identity, and sends it', async () => {
    let calls = 0;
    const bridge = createFakeBridge({
      'rx.dispense': () => (++calls === 1 ? fail('controlled.collectorRequired', { lineNo: 1 }) : dispensed),
      'printing.printLabels': () => ({ jobIds: ['job-1'] }),
    });
    renderWith(<SavedPanel session={session('pharmacist')} prescription={signed} onDone={() => undefined} />, bridge);
    await userEvent.click(screen.getByTestId('rx-dispense-submit'));
    await userEvent.type(await screen.findByTestId('rx-collector-name'), 'Susan King');
    await userEvent.click(screen.getByTestId('rx-dispense-submit'));
    expect((await screen.findByTestId('rx-dispense-error')).textContent).toContain('identity document');
    expect(bridge.callsOf('rx.dispense')).toHaveLength(1);
    await userEvent.selectOptions(screen.getByTestId('rx-collector-id-type'), 'drivingLicence');
    await userEvent.type(screen.getByTestId('rx-collector-id-number'), 'KING9901');
    await userEvent.click(screen.getByTestId('rx-dispense-submit'));
    await screen.findByTestId('rx-dispensed');
    expect((bridge.callsOf('rx.dispense')[1] as { collector?: unknown }).collector).toEqual({ name: 'Susan King', idType: 'drivingLicence', idNumber: 'KING9901' });
    await userEvent.click(screen.getByTestId('rx-print-labels'));
    expect((await screen.findByTestId('rx-print-labels-said')).textContent).toContain('printer');
    expect(bridge.callsOf('printing.printLabels')).toEqual([{ dispenseId: dispensed.id }]);
  });

  it('says plainly when the labels did not reach a printer, and only then', async () => {
    for (const [labelPrinting, said] of [
      ['noPrinter', 'No receipt printer is set up for this terminal'],
      ['failed', 'its labels could not be sent to the printer'],
      ['queued', null],
    ] as const) {
      const bridge = createFakeBridge({ 'rx.dispense': () => ({ ...dispensed, labelPrinting }) });
      const view = renderWith(<SavedPanel session={session('pharmacist')} prescription={signed} onDone={() => undefined} />, bridge);
      await userEvent.click(screen.getByTestId('rx-dispense-submit'));
      await screen.findByTestId('rx-dispensed');
      if (said === null) expect(screen.queryByTestId('rx-labels-not-printed')).toBeNull();
      else expect(screen.getByTestId('rx-labels-not-printed').textContent).toContain(said);
      view.unmount();
    }
  });
});
