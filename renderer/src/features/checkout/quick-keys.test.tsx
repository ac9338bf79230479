// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { InputOf, Role } from '@mortar/main/contract';
import { session, terminalSettings } from '../../test/fixtures.js';
import { fakeSalesCore, products } from '../../test/fake-sales-core.js';
import { cleanup, renderWith } from '../../test/render.js';
import { CheckoutScreen } from './checkout-screen.js';

afterEach(cleanup);

const aspirin = products[0]!;
const rx = products[3]!;
const gel = products[1]!;
const cotton = products[4]!;

function coreWithKeys(quickKeys: { productId: string; label: string }[]) {
  let settings = { ...terminalSettings, quickKeys };
  return fakeSalesCore({}, {
    'settings.getSettings': () => settings,
    'settings.setQuickKeys': (input: InputOf<'settings.setQuickKeys'>) => {
      settings = { ...settings, ...input };
      return settings;
    },
  });
}

async function open(role: Role, quickKeys: { productId: string; label: string }[]) {
  const core = coreWithKeys(quickKeys);
  renderWith(<CheckoutScreen session={session(role)} now={() => 1_000} />, core.bridge);
  await screen.findByTestId('checkout-scan');
  return core;
}

const lines = () => screen.queryAllByTestId('cart-line');

describe('checkout quick keys', () => {
  it('adds one pack of the key product on a click, priced by the core, and shows its Alt key', async () => {
    const core = await open('cashier', [{ productId: aspirin.id, label: 'Aspirin' }]);
    const key = await screen.findByTestId('quick-key');
    expect(key.textContent).toContain('Aspirin');
    expect(key.textContent).toContain('Alt+F1');
    fireEvent.click(key);
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(within(lines()[0]!).getByTestId('cart-line-quantity').textContent).toBe('1');
    expect(core.bridge.callsOf('sales.priceCart').at(-1)).toMatchObject({ lines: [{ productId: aspirin.id, quantity: 1 }] });
  });

  it('adds the second key product with Alt+F2', async () => {
    const core = await open('cashier', [{ productId: aspirin.id, label: 'Aspirin' }, { productId: gel.id, label: 'Gel' }]);
    await screen.findAllByTestId('quick-key');
    fireEvent.keyDown(window, { key: 'F2', altKey: true });
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(core.bridge.callsOf('sales.priceCart').at(-1)).toMatchObject({ lines: [{ productId: gel.id, quantity: 1 }] });
  });

  it('sells a loose product that has no barcode at all: the core picks its lot by product id', async () => {
    expect(cotton.gtin).toBeNull();
    const core = await open('cashier', [{ productId: cotton.id, label: 'Cotton' }]);
    fireEvent.click(await screen.findByTestId('quick-key'));
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(core.bridge.callsOf('sales.lookupScan')).toEqual([{ productId: cotton.id }]);
    expect(core.bridge.callsOf('sales.priceCart').at(-1)).toMatchObject({ lines: [{ productId: cotton.id, lotId: cotton.lotId }] });
  });

  it('shows the core refusal for a prescription-only key product and adds nothing', async () => {
    await open('cashier', [{ productId: rx.id, label: 'Rx' }]);
    fireEvent.click(await screen.findByTestId('quick-key'));
    const refusal = await screen.findByTestId('checkout-refusal');
    expect(refusal.getAttribute('data-code')).toBe('sales.prescriptionRequired');
    expect(lines()).toHaveLength(0);
  });

  it('offers a cashier no way to add or remove quick keys', async () => {
    await open('cashier', [{ productId: aspirin.id, label: 'Aspirin' }]);
    fireEvent.click(await screen.findByTestId('quick-key'));
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(screen.queryByTestId('quick-key-add')).toBeNull();
    expect(screen.queryByTestId('quick-key-remove')).toBeNull();
  });

  it('lets a manager put the current line on a free key and take a key off again', async () => {
    const core = await open('manager', [{ productId: aspirin.id, label: 'Aspirin' }]);
    await screen.findByTestId('quick-key');
    fireEvent.keyDown(window, { key: 'F1', altKey: true });
    await waitFor(() => expect(lines()).toHaveLength(1));
    // The line's product already has a key, so it cannot take a second one.
    expect((screen.getByTestId('quick-key-add') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('quick-key-remove'));
    await waitFor(() => expect(core.bridge.callsOf('settings.setQuickKeys')).toEqual([{ quickKeys: [] }]));
    await waitFor(() => expect((screen.getByTestId('quick-key-add') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('quick-key-add'));
    await waitFor(() => expect(core.bridge.callsOf('settings.setQuickKeys').at(-1)).toEqual({ quickKeys: [{ productId: aspirin.id, label: aspirin.name.slice(0, 24) }] }));
  });
});
