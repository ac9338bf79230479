// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { session } from '../../test/fixtures.js';
import { fakeSalesCore, seedSale } from '../../test/fake-sales-core.js';
import { cleanup, renderWith } from '../../test/render.js';
import { CheckoutScreen } from './checkout-screen.js';

afterEach(cleanup);

const reprintable = {
  'printing.status': () => ({
    sale: { state: 'printed', error: null },
    printers: [{ id: 'p1', name: 'Counter', isReceiptPrinter: true, offline: false, paperOut: false, state: 'ready' }],
    workerRunning: true,
  }),
  'printing.reprint': (input: { saleId: string }) => ({ jobId: `copy-of-${input.saleId}` }),
};

async function openHistory(sales: number) {
  const core = fakeSalesCore({ role: 'cashier' }, reprintable);
  for (let i = 0; i < sales; i++) seedSale(core.state, i % 2 === 1);
  renderWith(<CheckoutScreen session={session('cashier')} now={() => 1_000} />, core.bridge);
  await screen.findByTestId('checkout-scan');
  fireEvent.keyDown(window, { key: 'h', altKey: true });
  await screen.findByTestId('sales-history-panel');
  return core;
}

describe('the sales history of the shift (Alt+H)', () => {
  it('lists the shift’s sales newest first, opens one with the keyboard, and prints a copy of its receipt', async () => {
    const core = await openHistory(3);
    const rows = await screen.findAllByTestId('history-row');
    expect(rows.map((r) => r.getAttribute('data-receipt'))).toEqual(['3', '2', '1']);
    await waitFor(() => expect(document.activeElement).toBe(rows[0]));
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.click(rows[1]!);
    const chosen = await screen.findByTestId('history-sale');
    expect((await within(chosen).findByTestId('receipt-number')).textContent).toContain('2');
    expect(core.bridge.callsOf('sales.getSale')).toEqual([{ id: core.state.sales[1]!.id }]);
    fireEvent.click(await within(chosen).findByRole('button', { name: /reprint/i }));
    await waitFor(() => expect(core.bridge.callsOf('printing.reprint')).toEqual([{ saleId: core.state.sales[1]!.id }]));
    fireEvent.click(screen.getByTestId('history-back'));
    expect(await screen.findAllByTestId('history-row')).toHaveLength(3);
  });

  it('pages back through a long shift, and says so when the shift has no sales', async () => {
    const core = await openHistory(30);
    expect(await screen.findAllByTestId('history-row')).toHaveLength(25);
    fireEvent.click(screen.getByTestId('history-more'));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(30));
    expect(screen.queryByTestId('history-more')).toBeNull();
    expect(core.bridge.callsOf('sales.listSales').at(-1)).toMatchObject({ cursor: 6 });
    cleanup();
    await openHistory(0);
    expect(await screen.findByTestId('history-empty')).toBeTruthy();
  });
});
