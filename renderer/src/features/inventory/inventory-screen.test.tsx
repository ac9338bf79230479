// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeBridge } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { searchRequested } from '../shell/navigation-slice.js';
import { altDigit, InventoryScreen } from './inventory-screen.js';
import { inventoryTabs, type InventoryTab } from './inventory-tabs.js';

afterEach(cleanup);

const tabs: InventoryTab[] = [
  { id: 'one', labelKey: 'inventory.tabs.catalog', render: () => <p>first panel</p> },
  { id: 'two', labelKey: 'nav.reports', render: () => <p>second panel</p> },
  { id: 'three', labelKey: 'nav.settings', permission: 'purchasing.approve', render: () => <p>third panel</p> },
];

describe('inventory screen', () => {
  it('opens on the catalog browser as its first tab', () => {
    renderWith(<InventoryScreen session={session('manager')} />, createFakeBridge({ 'catalog.searchProducts': () => ({ hits: [], corrections: [] }) }));
    expect(inventoryTabs[0]?.id).toBe('catalog');
    const tab = screen.getByRole('tab', { name: /Catalog/ });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').contains(screen.getByTestId('catalog-search'))).toBe(true);
  });

  it('moves along the tablist with the arrow keys, Home and End, wrapping round', async () => {
    renderWith(<InventoryScreen session={session('manager')} tabs={tabs} />, createFakeBridge());
    const first = screen.getByTestId('inventory-tab-one');
    first.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByTestId('inventory-tab-two')).toBe(document.activeElement);
    expect(screen.getByRole('tabpanel').textContent).toBe('second panel');
    await userEvent.keyboard('{End}');
    expect(screen.getByRole('tabpanel').textContent).toBe('third panel');
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tabpanel').textContent).toBe('first panel');
    await userEvent.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tabpanel').textContent).toBe('third panel');
    await userEvent.keyboard('{Home}');
    expect(first).toBe(document.activeElement);
  });

  it('jumps to a tab with Alt and its number from anywhere in the section', () => {
    renderWith(<InventoryScreen session={session('manager')} tabs={tabs} />, createFakeBridge());
    fireEvent.keyDown(window, { key: '2', code: 'Digit2', altKey: true });
    expect(screen.getByTestId('inventory-tab-two').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('inventory-tab-two');
    fireEvent.keyDown(window, { key: '9', code: 'Digit9', altKey: true });
    expect(screen.getByRole('tabpanel').textContent).toBe('second panel');
  });

  it('goes back to its first tab, the catalog, when "/" asks for the search', async () => {
    const { store } = renderWith(<InventoryScreen session={session('manager')} tabs={tabs} />, createFakeBridge());
    fireEvent.keyDown(window, { key: '2', code: 'Digit2', altKey: true });
    expect(screen.getByRole('tabpanel').textContent).toBe('second panel');
    await act(async () => {
      store.dispatch(searchRequested());
    });
    expect(screen.getByRole('tabpanel').textContent).toBe('first panel');
  });

  it('hides a tab whose permission the role lacks, and its Alt number goes to the next one', () => {
    renderWith(<InventoryScreen session={session('cashier')} tabs={tabs} />, createFakeBridge());
    expect(screen.getAllByRole('tab')).toHaveLength(2);
    expect(screen.queryByTestId('inventory-tab-three')).toBeNull();
  });

  it('reads Alt+digit by the key code and ignores it with Ctrl or Shift', () => {
    const base = { key: '¡', code: 'Digit1', altKey: true, ctrlKey: false, metaKey: false, shiftKey: false };
    expect(altDigit(base)).toBe(0);
    expect(altDigit({ ...base, ctrlKey: true })).toBeNull();
    expect(altDigit({ ...base, shiftKey: true })).toBeNull();
    expect(altDigit({ ...base, altKey: false })).toBeNull();
    expect(altDigit({ ...base, code: 'KeyA', key: 'a' })).toBeNull();
  });
});
