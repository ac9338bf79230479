// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf } from '@mortar/main/contract';
import { fail } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { fakeSalesCore, report, type FakeSalesCore } from '../../test/fake-sales-core.js';
import { cleanup, renderWith } from '../../test/render.js';
import { CheckoutScreen } from '../checkout/checkout-screen.js';

afterEach(cleanup);

function render(core: FakeSalesCore, role: 'admin' | 'cashier' = 'admin', locked = false) {
  return renderWith(<CheckoutScreen session={session(role, { locked })} now={() => 0} />, core.bridge);
}

describe('the shift gate', () => {
  it('asks for the float when no shift is open, and opens the shift with it as a decimal', async () => {
    const user = userEvent.setup();
    const core = fakeSalesCore({ shift: null });
    render(core);
    const float = await screen.findByTestId('shift-open-float');
    await waitFor(() => expect(float).toBe(document.activeElement));
    expect(screen.queryByTestId('checkout-scan')).toBeNull();
    await user.keyboard('150,5{Enter}');
    await screen.findByTestId('checkout-scan');
    expect(core.bridge.callsOf('shifts.openShift')).toEqual([{ float: '150.50' }]);
    expect(screen.getByTestId('shift-bar').textContent).toContain('£150.50');
  });

  it('refuses a float it cannot read without asking the core', async () => {
    const user = userEvent.setup();
    const core = fakeSalesCore({ shift: null });
    render(core);
    await screen.findByTestId('shift-open-float');
    await user.keyboard('10.005{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('decimal places');
    expect(core.bridge.callsOf('shifts.openShift')).toEqual([]);
  });
});

describe('the shift tools', () => {
  it('records cash taken out with its reason (Alt+M)', async () => {
    const user = userEvent.setup();
    const core = fakeSalesCore();
    core.bridge.handlers['shifts.recordCashMovement'] = (input: InputOf<'shifts.recordCashMovement'>) => ({
      id: 'm1', shiftId: 's1', direction: input.direction, amountMinor: 2000, currency: 'GBP', reason: input.reason, at: 0, actorName: 'Avery', approvedById: null,
    });
    render(core);
    await screen.findByTestId('checkout-scan');
    await user.keyboard('{Alt>}m{/Alt}');
    const amount = await screen.findByTestId('cash-amount');
    await waitFor(() => expect(amount).toBe(document.activeElement));
    await user.click(screen.getByTestId('cash-direction-out'));
    await user.type(amount, '20');
    await user.type(screen.getByTestId('cash-reason'), 'bank deposit{Enter}');
    expect((await screen.findByTestId('cash-done')).textContent).toBe('£20.00 taken from the drawer: bank deposit.');
    expect(core.bridge.callsOf('shifts.recordCashMovement')).toEqual([{ direction: 'out', amount: '20.00', reason: 'bank deposit' }]);
    await user.keyboard('{Escape}');
    await screen.findByTestId('checkout-scan');
  });

  it('shows the X report to a cashier only with a manager’s credential (Alt+X)', async () => {
    const user = userEvent.setup();
    const core = fakeSalesCore({ role: 'cashier' });
    core.bridge.handlers['shifts.getXReport'] = (_input, options) =>
      options.override ? report('X', null) : fail('auth.forbidden', { permission: 'shifts.viewReports', overridable: true });
    render(core, 'cashier');
    await screen.findByTestId('checkout-scan');
    await user.keyboard('{Alt>}x{/Alt}');
    const dialog = await screen.findByTestId('override-dialog');
    expect(dialog.textContent).toContain('see shift reports');
    await user.type(screen.getByTestId('override-username'), 'morgan');
    await user.type(screen.getByTestId('override-secret'), '2468');
    await user.type(screen.getByTestId('override-reason'), 'mid-day check{Enter}');
    const x = await screen.findByTestId('x-report');
    expect(within(x).getByTestId('report-expected-cash').textContent).toBe('£105.98');
  });

  it('prints the X report from its panel, with the manager’s approval again, and says when it cannot', async () => {
    const user = userEvent.setup();
    const core = fakeSalesCore({ role: 'cashier' });
    core.bridge.handlers['shifts.getXReport'] = (_input, options) =>
      options.override ? report('X', null) : fail('auth.forbidden', { permission: 'shifts.viewReports', overridable: true });
    let printer = true;
    core.bridge.handlers['printing.printXReport'] = (_input, options) =>
      !options.override ? fail('auth.forbidden', { permission: 'shifts.viewReports', overridable: true }) : printer ? { jobId: 'job-x' } : fail('printing.noReceiptPrinter');
    render(core, 'cashier');
    await screen.findByTestId('checkout-scan');
    const approve = async () => {
      await screen.findByTestId('override-dialog');
      await user.type(screen.getByTestId('override-username'), 'morgan');
      await user.type(screen.getByTestId('override-secret'), '2468');
      await user.type(screen.getByTestId('override-reason'), 'mid-day check{Enter}');
    };
    await user.keyboard('{Alt>}x{/Alt}');
    await approve();
    await screen.findByTestId('x-report');
    await user.click(screen.getByTestId('x-report-print'));
    await approve();
    expect((await screen.findByTestId('x-report-printed')).textContent).toBe('The X report is on its way to the printer; the shift stays open.');
    expect(core.bridge.calls.filter((c) => c.op === 'printing.printXReport' && c.override !== undefined)).toHaveLength(1);
    printer = false;
    await user.click(screen.getByTestId('x-report-print'));
    await approve();
    await waitFor(() => expect(screen.getByTestId('x-report-printed').className).toContain('banner-error'));
  });

  it('closes the X report request when the manager approval is cancelled', async () => {
    const user = userEvent.setup();
    const core = fakeSalesCore({ role: 'cashier' });
    core.bridge.handlers['shifts.getXReport'] = () => fail('auth.forbidden', { permission: 'shifts.viewReports', overridable: true });
    render(core, 'cashier');
    await screen.findByTestId('checkout-scan');
    await user.keyboard('{Alt>}x{/Alt}');
    await screen.findByTestId('override-dialog');
    await user.keyboard('{Escape}');
    await screen.findByTestId('checkout-scan');
    expect(screen.queryByTestId('x-report-panel')).toBeNull();
  });

  it('closes the shift with a blind count, then shows the Z report with over/short', async () => {
    const user = userEvent.setup();
    const core = fakeSalesCore();
    core.state.rates = [{ currency: 'EUR', rate: '0.85', setAt: 0, setById: null }];
    render(core);
    await screen.findByTestId('checkout-scan');
    await user.keyboard('{Alt>}z{/Alt}');
    const panel = await screen.findByTestId('close-shift-panel');
    const counted = screen.getByTestId('close-counted');
    await waitFor(() => expect(counted).toBe(document.activeElement));
    // Blind: nothing on the screen says what the drawer should hold.
    expect(panel.textContent).not.toMatch(/105\.98|expected in the drawer/i);
    expect(core.bridge.callsOf('shifts.getXReport')).toEqual([]);
    await user.type(counted, '105.50');
    await user.type(await screen.findByTestId('close-foreign-EUR'), '10');
    await user.type(screen.getByTestId('close-note'), 'end of day{Enter}');
    const z = await screen.findByTestId('z-report');
    expect(within(z).getByTestId('z-over-short').textContent).toContain('Short by £0.48.');
    expect(core.bridge.callsOf('shifts.closeShift')).toEqual([{ counted: '105.50', foreignCounted: [{ currency: 'EUR', amount: '10.00' }], note: 'end of day' }]);
    await user.keyboard('{Enter}');
    const float = await screen.findByTestId('shift-open-float');
    expect(float).toBeTruthy();
  });

  it('sets an exchange rate from the checkout (Alt+E)', async () => {
    const user = userEvent.setup();
    const core = fakeSalesCore();
    render(core);
    await screen.findByTestId('checkout-scan');
    await user.keyboard('{Alt>}e{/Alt}');
    const currency = await screen.findByTestId('rates-currency');
    await waitFor(() => expect(currency).toBe(document.activeElement));
    await user.keyboard('usd');
    await user.type(screen.getByTestId('rates-rate'), '0,79{Enter}');
    expect((await screen.findByTestId('rates-done')).textContent).toBe('USD is taken at 0.79 GBP.');
    expect(core.bridge.callsOf('sales.setExchangeRate')).toEqual([{ currency: 'USD', rate: '0.79' }]);
    await waitFor(() => expect(screen.getAllByTestId('rates-row')).toHaveLength(1));
  });

  it('does nothing on its keys while the terminal is locked', async () => {
    const user = userEvent.setup();
    const core = fakeSalesCore();
    render(core, 'admin', true);
    await screen.findByTestId('checkout-scan');
    await user.keyboard('{Alt>}z{/Alt}{F12}');
    expect(screen.queryByTestId('close-shift-panel')).toBeNull();
    expect(screen.queryByTestId('pay-view')).toBeNull();
  });
});
