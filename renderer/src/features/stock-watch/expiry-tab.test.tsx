// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf, OutputOf } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { ExpiryAlertsBadge } from './expiry-alerts-panel.js';
import { ExpiryTab } from './expiry-tab.js';

afterEach(cleanup);

const LOT_OLD = '01900000-0000-7000-8000-0000000000a1';
const LOT_DEC = '01900000-0000-7000-8000-0000000000a2';
const SUPPLIER = '01900000-0000-7000-8000-0000000000b1';

function report(): OutputOf<'inventory.expiryReport'> {
  const row = { productId: 'p1', sku: 'ASP-16', name: 'Aspirin 300 mg', costMinor: 125, location: 'shelf' };
  return {
    today: '2026-11-27',
    currency: 'GBP',
    rows: [
      { ...row, lotId: LOT_OLD, batch: 'OLD', expiry: '2026-10-31', onHand: 16, valueMinor: 125, band: 'expired', daysLeft: -27 },
      { ...row, lotId: LOT_DEC, batch: 'DEC', expiry: '2026-12-15', onHand: 32, valueMinor: 250, band: 'within30', daysLeft: 18 },
    ],
    totals: [
      { band: 'expired', lots: 1, units: 16, valueMinor: 125 },
      { band: 'within30', lots: 1, units: 32, valueMinor: 250 },
    ],
    truncated: false,
  };
}

const alert = {
  id: '01900000-0000-7000-8000-0000000000c1',
  lotId: LOT_DEC,
  productId: 'p1',
  name: 'Aspirin 300 mg',
  sku: 'ASP-16',
  band: 'within30' as const,
  batch: 'DEC',
  expiry: '2026-12-15',
  location: 'shelf',
  onHand: 32,
  onHandNow: 32,
  valueMinor: 250,
  crossedOn: '2026-11-27',
  crossedAt: 1,
  acknowledgedAt: null,
  acknowledgedBy: null,
};

function bridge() {
  let acknowledged = false;
  return createFakeBridge({
    'inventory.expiryReport': () => report(),
    'inventory.listExpiryAlerts': () => (acknowledged ? { alerts: [], open: 0, truncated: false } : { alerts: [alert], open: 1, truncated: false }),
    'inventory.acknowledgeExpiryAlert': () => {
      acknowledged = true;
      return { acknowledged: [{ ...alert, acknowledgedAt: 2, acknowledgedBy: 'Ada' }] };
    },
    'inventory.listSuppliers': () => [{ id: SUPPLIER, name: 'Wholesale One', leadTimeDays: 1, minOrderPacks: 1, packMultiple: 1, ediQualifier: null, ediId: null, gln: null, active: true }],
    'inventory.quarantineStock': (input: InputOf<'inventory.quarantineStock'>) =>
      input.reason.length < 3 ? fail('api.invalidInput', { issues: [{ path: ['reason'], message: 'too short' }] }) : { fromLotId: input.lotId, toLotId: 'q1', quantity: input.quantity, remaining: 0 },
    'inventory.disposeStock': (input: InputOf<'inventory.disposeStock'>) => ({ disposalId: 'd1', lotId: input.lotId, kind: input.kind, quantity: input.quantity, remaining: 0 }),
  });
}

describe('Expiry tab', () => {
  it('shows the 30-day view by batch and location with value at cost, and the expired view on its own', async () => {
    const b = bridge();
    renderWith(<ExpiryTab session={session('manager')} />, b);
    const table = await screen.findByTestId('expiry-table');
    expect((within(table).getByTestId('expiry-row-DEC')).textContent).toMatch(/Aspirin 300 mg.*DEC.*2026-12-15.*18.*Shelf.*32.*£2\.50/);
    expect(within(table).queryByTestId('expiry-row-OLD')).toBeNull();
    expect((screen.getByTestId('expiry-total')).textContent).toMatch('1 lot, 32 units, £2.50 at cost.');
    await userEvent.click(screen.getByTestId('expiry-view-expired'));
    expect((await screen.findByTestId('expiry-row-OLD')).textContent).toMatch(/27 days ago/);
    expect((screen.getByTestId('expiry-view-expired')).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(screen.getByTestId('expiry-view-90'));
    await waitFor(() => expect(b.callsOf('inventory.expiryReport').at(-1)).toMatchObject({ horizonDays: 90 }));
  });

  it('quarantines a lot with a reason, and shows the refusal of a reason that is too short without closing the form', async () => {
    const b = bridge();
    renderWith(<ExpiryTab session={session('pharmacist')} />, b);
    await userEvent.click(await screen.findByRole('button', { name: 'Quarantine batch DEC of Aspirin 300 mg' }));
    const form = screen.getByRole('form', { name: 'Quarantine' });
    await userEvent.type(within(form).getByLabelText('Reason'), 'no');
    await userEvent.click(within(form).getByTestId('lot-form-submit'));
    expect(await within(form).findByText('too short')).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('Reason'), 't checked');
    await userEvent.clear(within(form).getByLabelText('Units'));
    await userEvent.type(within(form).getByLabelText('Units'), '10');
    await userEvent.click(within(form).getByTestId('lot-form-submit'));
    expect((await screen.findByTestId('expiry-message')).textContent).toMatch('10 units of batch DEC (Aspirin 300 mg) moved to quarantine.');
    expect(b.callsOf('inventory.quarantineStock').at(-1)).toEqual({ lotId: LOT_DEC, quantity: 10, reason: 'not checked' });
  });

  it('returns stock to a chosen supplier and refuses a return without one, calling nothing', async () => {
    const b = bridge();
    renderWith(<ExpiryTab session={session('manager')} />, b);
    await userEvent.click(await screen.findByRole('button', { name: 'Return batch DEC of Aspirin 300 mg to its supplier' }));
    const form = screen.getByRole('form', { name: 'Return to supplier' });
    await userEvent.type(within(form).getByLabelText('Reason'), 'short dated');
    await userEvent.click(within(form).getByTestId('lot-form-submit'));
    expect((await within(form).findByRole('alert')).textContent).toMatch('A return to a supplier must name the supplier.');
    expect(b.callsOf('inventory.disposeStock')).toEqual([]);
    await waitFor(() => expect(within(form).getAllByRole('option')).toHaveLength(2));
    await userEvent.selectOptions(within(form).getByLabelText('Supplier'), SUPPLIER);
    await userEvent.type(within(form).getByLabelText('Return authorisation (optional)'), 'RA-7');
    await userEvent.click(within(form).getByTestId('lot-form-submit'));
    expect((await screen.findByTestId('expiry-message')).textContent).toMatch('32 units of batch DEC (Aspirin 300 mg) returned to the supplier.');
    expect(b.callsOf('inventory.disposeStock')).toEqual([{ lotId: LOT_DEC, quantity: 32, reason: 'short dated', kind: 'supplierReturn', supplierId: SUPPLIER, reference: 'RA-7' }]);
  });

  it('offers a cashier no action on expiring stock', async () => {
    renderWith(<ExpiryTab session={session('cashier')} />, bridge());
    const row = await screen.findByTestId('expiry-row-DEC');
    expect(within(row).queryAllByRole('button')).toEqual([]);
    expect(screen.queryByTestId('expiry-alerts-ack-all')).toBeNull();
  });

  it('shows open expiry alerts with a badge and lets a pharmacist mark one as seen', async () => {
    const b = bridge();
    renderWith(<ExpiryTab session={session('pharmacist')} />, b);
    expect(await screen.findAllByLabelText('1 open expiry alert')).not.toHaveLength(0);
    expect((screen.getByTestId('expiry-alert-DEC')).textContent).toMatch('Aspirin 300 mg, batch DEC: expires within 30 days (2026-12-15)');
    await userEvent.click(screen.getByRole('button', { name: 'Mark the alert for batch DEC of Aspirin 300 mg as seen' }));
    expect(await screen.findByText('Alert marked as seen.')).toBeTruthy();
    expect(b.callsOf('inventory.acknowledgeExpiryAlert')).toEqual([{ alertIds: [alert.id] }]);
    expect((await screen.findByTestId('expiry-alerts-none')).textContent).toMatch('No open expiry alerts.');
    expect(screen.queryByTestId('expiry-alerts-badge')).toBeNull();
  });

  it('badges the open alerts (as in the sidebar) and shows nothing when there are none or the core cannot say', async () => {
    renderWith(<ExpiryAlertsBadge />, createFakeBridge({ 'inventory.listExpiryAlerts': () => ({ alerts: [], open: 3, truncated: true }) }));
    const badge = await screen.findByTestId('expiry-alerts-badge');
    expect([badge.textContent, badge.getAttribute('aria-label')]).toEqual(['3', '3 open expiry alerts']);
    cleanup();
    const none = createFakeBridge({ 'inventory.listExpiryAlerts': () => ({ alerts: [], open: 0, truncated: false }) });
    renderWith(<ExpiryAlertsBadge />, none);
    await waitFor(() => expect(none.callsOf('inventory.listExpiryAlerts')).toEqual([{ limit: 1 }]));
    expect(screen.queryByTestId('expiry-alerts-badge')).toBeNull();
    cleanup();
    renderWith(<ExpiryAlertsBadge />, createFakeBridge({ 'inventory.listExpiryAlerts': () => fail('auth.forbidden') }));
    expect(screen.queryByTestId('expiry-alerts-badge')).toBeNull();
  });

  it('speaks German', async () => {
    renderWith(<ExpiryTab session={session('manager')} />, bridge(), 'de');
    expect(await screen.findByRole('button', { name: 'Charge DEC von Aspirin 300 mg in Quarantäne nehmen' })).toBeTruthy();
    expect((screen.getByTestId('expiry-view-30')).textContent).toMatch('Innerhalb von 30 Tagen');
  });
});
