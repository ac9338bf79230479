// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf } from '@mortar/main/contract';
import { fail } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { fakeSalesCore, products, RATE_USD, type FakeSalesCore } from '../../test/fake-sales-core.js';
import { cleanup, renderWith } from '../../test/render.js';
import { CheckoutScreen } from './checkout-screen.js';

afterEach(cleanup);

const gel = products[1]!;

/** A checkout with one Ibuprofen gel (£4.99) in the cart. */
async function cartWithGel(core: FakeSalesCore = fakeSalesCore(), role: 'admin' | 'cashier' = 'admin') {
  renderWith(<CheckoutScreen session={session(role)} now={() => 0} />, core.bridge);
  const scan = (await screen.findByTestId('checkout-scan')) as HTMLInputElement;
  fireEvent.change(scan, { target: { value: (gel.gtin ?? '').slice(1) } });
  fireEvent.keyDown(scan, { key: 'Enter' });
  await waitFor(() => expect(screen.getByTestId('cart-total').textContent).toBe('£4.99'));
  return { core, scan };
}

/** Opens the payment with F12 and waits until the amount field has the keyboard, as the cashier would. */
async function openPayment(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard('{F12}');
  const amount = await screen.findByTestId('tender-amount');
  await waitFor(() => expect(amount).toBe(document.activeElement));
  await waitFor(() => expect(screen.getByTestId('pay-remaining').textContent).not.toBe(''));
  return amount;
}

const completions = (core: FakeSalesCore) => core.bridge.callsOf('sales.completeSale') as InputOf<'sales.completeSale'>[];

describe('paying', () => {
  it('takes cash, shows the change the core works out, and completes once with one key', async () => {
    const user = userEvent.setup();
    const { core } = await cartWithGel();
    await openPayment(user);
    expect(screen.getByTestId('pay-remaining').textContent).toBe('£4.99');
    await user.keyboard('10{Enter}');
    await waitFor(() => expect(screen.getByTestId('pay-change').textContent).toBe('£5.01'));
    const tenders = core.bridge.callsOf('sales.priceCart') as InputOf<'sales.priceCart'>[];
    expect(tenders.at(-1)?.tenders).toEqual([{ kind: 'cash', amount: '10.00' }]);
    await waitFor(() => expect(screen.getByTestId('pay-complete')).toBe(document.activeElement));
    // Pay pressed twice in a row: one attempt, one key, one sale.
    fireEvent.keyDown(window, { key: 'F12' });
    fireEvent.keyDown(window, { key: 'End' });
    const receipt = await screen.findByTestId('receipt-preview');
    const calls = completions(core);
    expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(1);
    expect(core.state.sales).toHaveLength(1);
    expect(within(receipt).getByTestId('receipt-change').textContent).toBe('£5.01');
    expect(within(receipt).getAllByTestId('receipt-line')[0]?.textContent).toContain('Batch R26C213');
    expect(screen.getByTestId('receipt-change-callout').textContent).toContain('£5.01');
    await user.keyboard('{Enter}');
    const scan = await screen.findByTestId('checkout-scan');
    await waitFor(() => expect(scan).toBe(document.activeElement));
    expect(screen.getByTestId('cart-empty')).toBeTruthy();
  });

  it('sends the same key again when the connection dropped before the answer, so the sale is not made twice', async () => {
    let drops = 1;
    const core = fakeSalesCore();
    const real = core.bridge.handlers['sales.completeSale'];
    core.bridge.handlers['sales.completeSale'] = (input, options) => {
      const answer = real?.(input, options);
      return drops-- > 0 ? fail('bridge.disconnected') : answer;
    };
    const user = userEvent.setup();
    await cartWithGel(core);
    await openPayment(user);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('pay-change').textContent).toBe('£0.00'));
    await user.keyboard('{F12}');
    expect((await screen.findByTestId('pay-error')).textContent).toContain('connection');
    await user.keyboard('{F12}');
    await screen.findByTestId('receipt-preview');
    const keys = completions(core).map((c) => c.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(core.state.sales).toHaveLength(1);
    expect(screen.getByTestId('receipt-view').textContent).toContain('already completed');
  });

  it('splits a payment between foreign cash at the core’s rate and a card with its approval code', async () => {
    const core = fakeSalesCore();
    core.state.rates = [{ currency: 'USD', rate: RATE_USD, setAt: 0, setById: null }];
    const user = userEvent.setup();
    await cartWithGel(core);
    await openPayment(user);
    await user.keyboard('{Alt>}3{/Alt}');
    expect((screen.getByTestId('tender-kind-foreignCash') as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect((screen.getByTestId('tender-currency') as HTMLSelectElement).value).toBe('USD'));
    await user.type(screen.getByTestId('tender-amount'), '5{Enter}');
    await waitFor(() => expect(screen.getByTestId('pay-remaining').textContent).toBe('£0.99'));
    expect(screen.getAllByTestId('tender-row')[0]?.textContent).toContain('= £4.00');
    await user.keyboard('{Alt>}2{/Alt}');
    await user.type(screen.getByTestId('tender-reference'), 'AUTH-123{Enter}');
    await waitFor(() => expect(screen.getByTestId('pay-change').textContent).toBe('£0.00'));
    await user.keyboard('{F12}');
    await screen.findByTestId('receipt-preview');
    expect(completions(core)[0]?.tenders).toEqual([
      { kind: 'foreignCash', amount: '5.00', currency: 'USD' },
      { kind: 'card', amount: '0.99', reference: 'AUTH-123' },
    ]);
    expect(screen.getAllByTestId('receipt-payment')).toHaveLength(2);
  });

  it('refuses a pack scanned into the amount field as a barcode, not money, and takes no tender', async () => {
    const user = userEvent.setup();
    const { core } = await cartWithGel();
    const amount = (await openPayment(user)) as HTMLInputElement;
    const priced = core.bridge.callsOf('sales.priceCart').length;
    await user.keyboard('5012345678900{Enter}');
    expect((await screen.findByTestId('pay-error')).textContent).toContain('That was a barcode, not an amount.');
    expect(amount.value).toBe('');
    expect(screen.queryAllByTestId('tender-row')).toHaveLength(0);
    expect(screen.getByTestId('pay-remaining').textContent).toBe('£4.99');
    // Nothing was offered to the core as a tender.
    const calls = core.bridge.callsOf('sales.priceCart').slice(priced) as InputOf<'sales.priceCart'>[];
    expect(calls.every((c) => (c.tenders ?? []).length === 0)).toBe(true);
    // A real amount still goes through.
    await user.keyboard('20{Enter}');
    await waitFor(() => expect(screen.getByTestId('pay-change').textContent).toBe('£15.01'));
  });

  it('shows a refused tender in words and keeps the payment as it was', async () => {
    const user = userEvent.setup();
    const { core } = await cartWithGel();
    await openPayment(user);
    await user.keyboard('{Alt>}2{/Alt}');
    await user.type(screen.getByTestId('tender-amount'), '{Enter}');
    expect((await screen.findByTestId('pay-error')).textContent).toBe('A card payment needs the card terminal’s reference.');
    expect(screen.queryAllByTestId('tender-row')).toHaveLength(0);
    expect(completions(core)).toHaveLength(0);
  });

  it('refuses an amount it cannot read before asking the core', async () => {
    const user = userEvent.setup();
    const { core } = await cartWithGel();
    await openPayment(user);
    const before = core.bridge.calls.length;
    await user.keyboard('1.234,50{Enter}');
    expect((await screen.findByTestId('pay-error')).textContent).toContain('without thousands separators');
    expect(core.bridge.calls.length).toBe(before);
  });

  it('goes back to the basket with Esc, dropping the tenders', async () => {
    const user = userEvent.setup();
    await cartWithGel();
    await openPayment(user);
    await user.keyboard('2{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('tender-row')).toHaveLength(1));
    await user.keyboard('{Escape}');
    const scan = await screen.findByTestId('checkout-scan');
    await waitFor(() => expect(scan).toBe(document.activeElement));
    await openPayment(user);
    expect(screen.queryAllByTestId('tender-row')).toHaveLength(0);
  });
});

describe('discounts', () => {
  it('applies a line discount as a percentage and shows what the core took off', async () => {
    const user = userEvent.setup();
    const { core } = await cartWithGel();
    core.state.limitPercent = '20';
    await user.keyboard('{Alt>}d{/Alt}');
    const field = await screen.findByTestId('discount-value');
    await waitFor(() => expect(field).toBe(document.activeElement));
    await user.keyboard('10%{Enter}');
    await waitFor(() => expect(screen.getByTestId('cart-total').textContent).toBe('£4.49'));
    const last = (core.bridge.callsOf('sales.priceCart') as InputOf<'sales.priceCart'>[]).at(-1);
    expect(last?.lines[0]?.discount).toEqual({ percent: '10' });
    expect(screen.getByTestId('cart-discounts').textContent).toBe('−£0.50');
  });

  it('asks a manager to approve a discount beyond the cashier’s limit and sends the approval with the sale', async () => {
    const core = fakeSalesCore({ role: 'cashier' });
    core.bridge.handlers['sales.authorizeDiscount'] = (_input, options) =>
      options.override
        ? options.override.secret === '2468'
          ? { approvalId: '01900000-0000-7000-8000-0000000006a1', percent: '10', discountMinor: 50, expiresAt: 0 }
          : fail('auth.overrideRejected', { permission: 'sales.discount' })
        : fail('auth.forbidden', { permission: 'sales.discount', overridable: true });
    const user = userEvent.setup();
    await cartWithGel(core, 'cashier');
    await user.keyboard('{Alt>}d{/Alt}');
    await screen.findByTestId('discount-value');
    await user.keyboard('10%{Enter}');
    expect((await screen.findByTestId('checkout-needs-approval')).textContent).toContain('10 % is above your limit of 5 %');
    // Pay first asks for the approval.
    await user.keyboard('{F12}');
    await screen.findByTestId('approval-reason');
    await user.keyboard('damaged box{Enter}');
    const dialog = await screen.findByTestId('override-dialog');
    expect(dialog.textContent).toContain('Your role may not give discounts');
    expect((screen.getByTestId('override-reason') as HTMLInputElement).value).toBe('damaged box');
    await user.type(screen.getByTestId('override-username'), 'morgan');
    await user.type(screen.getByTestId('override-secret'), '1111{Enter}');
    expect((await screen.findByTestId('override-error')).textContent).toContain('not accepted');
    expect((screen.getByTestId('override-secret') as HTMLInputElement).value).toBe('');
    await user.type(screen.getByTestId('override-username'), 'morgan');
    await user.type(screen.getByTestId('override-secret'), '2468{Enter}');
    await waitFor(() => expect(screen.queryByTestId('override-dialog')).toBeNull());
    expect(core.bridge.calls.filter((c) => c.op === 'sales.authorizeDiscount').map((c) => c.override?.secret)).toEqual([undefined, '1111', '2468']);
    await waitFor(() => expect(screen.queryByTestId('checkout-needs-approval')).toBeNull());
    const last = (core.bridge.callsOf('sales.priceCart') as InputOf<'sales.priceCart'>[]).at(-1);
    expect(last?.discountApprovalId).toBe('01900000-0000-7000-8000-0000000006a1');
  });
});
