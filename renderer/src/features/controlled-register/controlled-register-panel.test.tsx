// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OutputOf, RegisterEntry } from '@mortar/main/contract';
import { createFakeBridge, fail, type FakeBridge } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { PrescriptionsScreen } from '../prescriptions/prescriptions-screen.js';
import { ControlledRegisterPanel, rangeOf } from './controlled-register-panel.js';

afterEach(cleanup);

const PRODUCT_ID = '01900000-0000-7000-8000-0000000000m1';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1, 9);

const morphine = { productId: PRODUCT_ID, name: 'Morphine sulfate 10 mg MR tablets', strength: '10 mg', form: 'tablet', unit: 'tablet', legalCategory: 'controlled' as const, schedule: 'CII', balance: 50 };

function entry(e: Partial<RegisterEntry>): RegisterEntry {
  return { id: 'm', at: T0, kind: 'receipt', quantity: 0, balance: 0, batches: ['MS-01'], actorName: 'Pat Pharmacist', documentType: null, documentId: null, reason: null, witness: null, dispense: null, ...e };
}

function register(): OutputOf<'rx.controlledRegister'> {
  return {
    product: morphine,
    from: null,
    to: null,
    opening: 0,
    closing: 50,
    entries: [
      entry({ id: 'm1', kind: 'receipt', quantity: 120, balance: 120 }),
      entry({
        id: 'm2',
        at: T0 + DAY,
        kind: 'dispense',
        quantity: -60,
        balance: 60,
        dispense: {
          prescriptionId: 'rx1',
          rxNumber: 'AB12CD34',
          patientName: 'Robert King',
          prescriberName: 'Margaret Patel',
          prescriberDea: 'FP3069588',
          fillNo: 2,
          collector: { name: 'Susan King', idType: 'drivingLicence', idNumber: 'KING9606144SK9' },
          earlyRefill: { dueAt: T0 + 5 * DAY, reason: 'Travelling abroad' },
        },
      }),
      entry({ id: 'm3', at: T0 + 2 * DAY, kind: 'destruction', quantity: -10, balance: 50, witness: 'Inspector Grey', reason: 'Damaged' }),
    ],
  };
}

function core(overrides: Parameters<typeof createFakeBridge>[0] = {}): FakeBridge {
  return createFakeBridge({
    'rx.listControlledProducts': () => ({ products: [morphine] }),
    'rx.controlledRegister': () => register(),
    ...overrides,
  });
}

describe('the controlled-drug register', () => {
  it('is a tab of the Prescriptions section for a pharmacist, reached with the arrow keys', async () => {
    renderWith(<PrescriptionsScreen session={session('pharmacist')} />, core());
    const tab = screen.getByTestId('rx-tab-controlled-register');
    expect(tab.textContent).toBe('Controlled register');
    screen.getByTestId('rx-tab-new').focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByTestId('controlled-register')).toBeTruthy();
  });

  it('shows every entry with its running balance, the collector, an early refill and a witnessed destruction', async () => {
    const bridge = core();
    renderWith(<ControlledRegisterPanel />, bridge);
    await userEvent.selectOptions(await screen.findByTestId('register-product'), PRODUCT_ID);
    const rows = await screen.findAllByTestId('register-row');
    expect(rows.map((r) => within(r).getByTestId('register-balance').textContent)).toEqual(['120', '60', '50']);
    const supply = rows[1]?.textContent ?? '';
    expect(supply).toContain('Supplied on prescription');
    expect(supply).toContain('Patient: Robert King');
    expect(supply).toContain('Rx AB12CD34, fill 2, prescriber Margaret Patel');
    expect(supply).toContain('Collected by Susan King (driving licence KING9606144SK9)');
    expect(within(rows[1] as HTMLElement).getByTestId('register-early-refill').textContent).toContain('reason: Travelling abroad');
    expect(rows[2]?.textContent).toContain('Witness: Inspector Grey');
    expect(screen.getByTestId('register-closing').textContent).toBe('Balance: 50');
    expect(screen.getByTestId('register-held').textContent).toBe('Held now: 50 tablet');
    expect(bridge.callsOf('rx.controlledRegister')).toEqual([{ productId: PRODUCT_ID }]);
  });

  it('asks the core for a period, and refuses a period that ends before it starts without asking', async () => {
    const bridge = core();
    renderWith(<ControlledRegisterPanel />, bridge);
    await userEvent.selectOptions(await screen.findByTestId('register-product'), PRODUCT_ID);
    await screen.findAllByTestId('register-row');
    await userEvent.type(screen.getByTestId('register-from'), '2026-11-30');
    await userEvent.type(screen.getByTestId('register-to'), '2026-11-01{Enter}');
    expect(screen.getByTestId('register-bad-range').textContent).toBe('Give dates as YYYY-MM-DD, the first not after the last.');
    expect(bridge.callsOf('rx.controlledRegister')).toHaveLength(1);
    await userEvent.clear(screen.getByTestId('register-from'));
    await userEvent.type(screen.getByTestId('register-from'), '2026-11-01');
    await userEvent.clear(screen.getByTestId('register-to'));
    await userEvent.type(screen.getByTestId('register-to'), '2026-11-30{Enter}');
    await screen.findAllByTestId('register-row');
    expect(bridge.callsOf('rx.controlledRegister')).toContainEqual({ productId: PRODUCT_ID, from: '2026-11-01', to: '2026-11-30' });
    expect(rangeOf('2026-1-1', '')).toBeNull();
  });

  it('says so when no product has a schedule, and shows a refusal in words', async () => {
    renderWith(<ControlledRegisterPanel />, core({ 'rx.listControlledProducts': () => ({ products: [] }) }));
    expect((await screen.findByTestId('register-no-products')).textContent).toBe('No product in the catalog has a schedule.');
    cleanup();
    renderWith(<ControlledRegisterPanel />, core({ 'rx.controlledRegister': () => fail('controlled.notControlled') }), 'de');
    await userEvent.selectOptions(await screen.findByTestId('register-product'), PRODUCT_ID);
    expect((await screen.findByTestId('register-error')).textContent).toBe('Dieses Produkt ist keiner Anlage zugeordnet und hat daher kein Betäubungsmittelbuch.');
  });
});
