// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf, SaleReturn } from '@mortar/main/contract';
import { fail } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { fakeSalesCore, seedSale } from '../../test/fake-sales-core.js';
import { cleanup, renderWith } from '../../test/render.js';
import { CheckoutScreen } from './checkout-screen.js';

afterEach(cleanup);

function refundOf(input: InputOf<'sales.returnItems'>, refundMinor: number): SaleReturn {
  return {
    id: '01900000-0000-7000-8000-0000000007a1', saleId: input.saleId ?? '', receiptNo: 9, receiptCode: 'R-D1-9', at: 0, actorName: 'Casey',
    approvedById: 'u9', reason: input.reason, currency: 'GBP',
    lines: input.lines.map((l) => ({ lineNo: l.lineNo, name: 'Ibuprofen gel', quantity: l.quantity, unit: 'pack', stockUnits: 16, grossMinor: 499, netMinor: 416, taxMinor: 83, quarantineLotId: 'q1' })),
    grossMinor: refundMinor, netMinor: refundMinor - 83, taxMinor: 83, cashRoundingMinor: 0, refundMinor,
    refunds: input.refundAs === 'storeCredit' ? [{ kind: 'storeCredit', currency: 'GBP', amountMinor: refundMinor, reference: 'SC-ABC' }] : [{ kind: 'cash', currency: 'GBP', amountMinor: refundMinor, reference: null }],
    storeCreditCode: input.refundAs === 'storeCredit' ? 'SC-ABC' : null, replayed: false,
  };
}

async function returnsScreen(role: 'cashier' | 'admin' = 'cashier', card = false) {
  const core = fakeSalesCore({ role });
  const sale = seedSale(core.state, card);
  // A cashier may not refund on their own: the core asks for a manager's credential.
  core.bridge.handlers['sales.returnItems'] = (input: InputOf<'sales.returnItems'>, options) =>
    options.override || role === 'admin' ? refundOf(input, 499 * (input.lines[0]?.quantity ?? 0)) : fail('auth.forbidden', { permission: 'sales.refund', overridable: true });
  const user = userEvent.setup();
  renderWith(<CheckoutScreen session={session(role)} now={() => 0} />, core.bridge);
  await screen.findByTestId('checkout-scan');
  await user.keyboard('{Alt>}r{/Alt}');
  const receipt = await screen.findByTestId('returns-receipt');
  await waitFor(() => expect(receipt).toBe(document.activeElement));
  return { core, sale, user };
}

describe('returns', () => {
  it('finds the sale by its receipt code, takes one pack back with a manager’s approval and shows the refund', async () => {
    const { core, sale, user } = await returnsScreen();
    await user.keyboard(`${sale.receiptCode}{Enter}`);
    const lines = await screen.findAllByTestId('returns-line');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.textContent).toContain('R26C213');
    await waitFor(() => expect(screen.getAllByTestId('returns-line-quantity')[0]).toBe(document.activeElement));
    await user.keyboard('1');
    await user.type(screen.getByTestId('returns-reason'), 'wrong strength');
    await user.keyboard('{F12}');
    const dialog = await screen.findByTestId('override-dialog');
    expect(dialog.textContent).toContain('take returns and refund');
    await user.type(screen.getByTestId('override-username'), 'morgan');
    await user.type(screen.getByTestId('override-secret'), '2468{Enter}');
    const summary = await screen.findByTestId('returns-summary');
    expect(screen.getByTestId('returns-refund-total').textContent).toBe('Refund £4.99.');
    expect(summary.textContent).toContain('quarantine');
    // Done: no box still holds a quantity or takes one, as if another return were waiting.
    const boxes = screen.getAllByTestId('returns-line-quantity') as HTMLInputElement[];
    expect(boxes.map((b) => b.value)).toEqual(['', '']);
    expect(boxes.every((b) => b.disabled)).toBe(true);
    const calls = core.bridge.calls.filter((c) => c.op === 'sales.returnItems');
    expect(calls).toHaveLength(2);
    const input = calls[1]?.input as InputOf<'sales.returnItems'>;
    expect(input).toMatchObject({ saleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'wrong strength', refundAs: 'original' });
    // The refused first try and the approved one are one attempt: the same key.
    expect((calls[0]?.input as InputOf<'sales.returnItems'>).idempotencyKey).toBe(input.idempotencyKey);
    expect(calls[1]?.override).toEqual({ username: 'morgan', secret: '2468', reason: 'wrong strength' });
  });

  it('refunds as store credit and shows the new credit’s code', async () => {
    const { sale, user } = await returnsScreen('admin');
    await user.keyboard(`${sale.receiptNo}{Enter}`);
    await screen.findAllByTestId('returns-line');
    await user.keyboard('{Alt>}a{/Alt}');
    expect((screen.getAllByTestId('returns-line-quantity') as HTMLInputElement[]).map((i) => i.value)).toEqual(['2', '1']);
    await user.type(screen.getByTestId('returns-reason'), 'changed mind');
    await user.click(screen.getByTestId('returns-refund-storeCredit'));
    await user.click(screen.getByTestId('returns-submit'));
    expect((await screen.findByTestId('returns-store-credit')).textContent).toContain('SC-ABC');
  });

  it('asks for the card terminal’s reference when the sale was paid by card', async () => {
    const { sale, user } = await returnsScreen('admin', true);
    await user.keyboard(`${sale.receiptCode}{Enter}`);
    await screen.findAllByTestId('returns-line');
    expect(screen.getByTestId('returns-card-reference')).toBeTruthy();
  });

  it('says so when no sale has that receipt, and needs a reason before asking the core', async () => {
    const { core, sale, user } = await returnsScreen('admin');
    await user.keyboard('R-NOPE{Enter}');
    expect((await screen.findByTestId('returns-error')).textContent).toBe('No sale has that receipt number.');
    await user.clear(screen.getByTestId('returns-receipt'));
    await user.type(screen.getByTestId('returns-receipt'), `${sale.receiptCode}{Enter}`);
    await screen.findAllByTestId('returns-line');
    await waitFor(() => expect(screen.getAllByTestId('returns-line-quantity')[0]).toBe(document.activeElement));
    await user.keyboard('1{F12}');
    expect((await screen.findByTestId('returns-error')).textContent).toContain('reason');
    expect(core.bridge.callsOf('sales.returnItems')).toHaveLength(0);
  });

  it('voids a finished sale with a manager’s approval (Alt+V)', async () => {
    const { core, sale, user } = await returnsScreen();
    core.bridge.handlers['sales.voidSale'] = (input: InputOf<'sales.voidSale'>, options) =>
      options.override
        ? { ...sale, voided: { id: 'v1', receiptNo: 3, receiptCode: 'R-D1-3', at: 0, actorName: 'Casey', approvedById: 'u9', reason: input.reason } }
        : fail('auth.forbidden', { permission: 'sales.void', overridable: true });
    await user.keyboard(`${sale.receiptCode}{Enter}`);
    await screen.findAllByTestId('returns-line');
    await user.keyboard('{Alt>}v{/Alt}');
    const reason = await screen.findByTestId('void-reason');
    await waitFor(() => expect(reason).toBe(document.activeElement));
    await user.keyboard('rang up twice{Enter}');
    await screen.findByTestId('override-dialog');
    await user.type(screen.getByTestId('override-username'), 'morgan');
    await user.type(screen.getByTestId('override-secret'), '2468{Enter}');
    expect((await screen.findByTestId('void-summary')).textContent).toContain('was voided');
    expect(core.bridge.calls.filter((c) => c.op === 'sales.voidSale').at(-1)?.input).toEqual({ saleId: sale.id, reason: 'rang up twice' });
  });

  it('goes back to the basket with Esc', async () => {
    const { user } = await returnsScreen();
    await user.keyboard('{Escape}');
    const scan = await screen.findByTestId('checkout-scan');
    await waitFor(() => expect(scan).toBe(document.activeElement));
  });
});
