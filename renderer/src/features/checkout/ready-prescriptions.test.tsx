// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReadyForTill } from '@mortar/main/contract';
import { session } from '../../test/fixtures.js';
import { fakeSalesCore, products } from '../../test/fake-sales-core.js';
import { cleanup, renderWith } from '../../test/render.js';
import { CheckoutScreen } from './checkout-screen.js';

afterEach(cleanup);

const rxProduct = products[3]!;
const ready: ReadyForTill = {
  dispenseId: 'd-1',
  lineNo: 1,
  dispensedAt: Date.UTC(2026, 10, 27, 9),
  rxNumber: 'AB12CD34',
  patientName: 'Robert King',
  productName: rxProduct.name,
  batch: rxProduct.batch,
  quantity: 28,
  line: { productId: rxProduct.id, lotId: rxProduct.lotId, quantity: 28, unit: 'unit', dispense: { dispenseId: 'd-1', lineNo: 1 } },
};

async function open() {
  const core = fakeSalesCore({ role: 'cashier' }, { 'rx.listReady': () => ({ ready: [ready] }) });
  renderWith(<CheckoutScreen session={session('cashier')} />, core.bridge);
  await screen.findByTestId('checkout-scan');
  return core;
}

describe('ready prescriptions at the till', () => {
  it('lists each dispensed prescription by the patient’s name and puts a picked one in the cart as dispensed', async () => {
    const core = await open();
    const pick = await screen.findByTestId('ready-rx-pick');
    expect(pick.textContent).toContain('Robert King');
    expect(pick.textContent).toContain('Rx AB12CD34');
    await userEvent.click(pick);
    const line = await screen.findByTestId('cart-line');
    expect(within(line).getByTestId('cart-line-dispensed')).toBeTruthy();
    await waitFor(() => expect(core.bridge.callsOf('sales.priceCart').length).toBeGreaterThan(0));
    const priced = core.bridge.callsOf('sales.priceCart').at(-1) as { lines: unknown[] };
    expect(priced.lines).toEqual([{ productId: rxProduct.id, lotId: rxProduct.lotId, quantity: 28, unit: 'unit', dispense: { dispenseId: 'd-1', lineNo: 1 } }]);
    // Picked once, it leaves the list, so it cannot go into the cart twice.
    expect(screen.queryByTestId('ready-rx-pick')).toBeNull();
    expect(screen.getByTestId('ready-rx-none')).toBeTruthy();
  });

  it('Alt+P puts the focus on the first ready prescription', async () => {
    await open();
    const pick = await screen.findByTestId('ready-rx-pick');
    fireEvent.keyDown(window, { key: 'p', code: 'KeyP', altKey: true });
    expect(document.activeElement).toBe(pick);
  });

  it('keeps a prescription line at the quantity dispensed', async () => {
    const core = await open();
    await userEvent.click(await screen.findByTestId('ready-rx-pick'));
    await screen.findByTestId('cart-line');
    fireEvent.keyDown(window, { key: '+' });
    await waitFor(() => expect(core.bridge.callsOf('sales.priceCart').length).toBeGreaterThan(0));
    const last = core.bridge.callsOf('sales.priceCart').at(-1) as { lines: { quantity: number }[] };
    expect(last.lines[0]?.quantity).toBe(28);
  });
});
