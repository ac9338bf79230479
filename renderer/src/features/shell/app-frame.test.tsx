// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../app/app.js';
import { createFakeBridge } from '../../test/fake-bridge.js';
import { initializedStatus, session, terminalSettings } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { handleGlobalKey } from './global-keys.js';

afterEach(cleanup);

async function frame() {
  const bridge = createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'auth.getSession': () => session('pharmacist'),
    'settings.getSettings': () => terminalSettings,
    'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
  });
  const rendered = renderWith(<App bridge={bridge} />, bridge);
  await screen.findByTestId('catalog-search');
  return { bridge, ...rendered };
}

describe('the app frame', () => {
  it('offers every section with its function key', async () => {
    await frame();
    const names = ['checkout', 'prescriptions', 'inventory', 'customers', 'reports', 'settings'];
    names.forEach((name, i) => expect(screen.getByTestId(`nav-${name}`).textContent).toContain(`F${i + 1}`));
    expect(screen.getByTestId('nav-inventory').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('topbar-user').textContent).toContain('Pharmacist');
    expect(screen.getByText('Riverside Pharmacy')).toBeTruthy();
  });

  it('F1 opens the checkout, which asks for the float when no shift is open', async () => {
    const user = userEvent.setup();
    const { bridge } = await frame();
    bridge.handlers['shifts.getCurrentShift'] = () => null;
    expect(screen.getByTestId('nav-checkout').textContent).toBe('F1Checkout');
    await user.keyboard('{F1}');
    expect(screen.getByTestId('nav-checkout').getAttribute('aria-current')).toBe('page');
    const float = await screen.findByTestId('shift-open-float');
    await waitFor(() => expect(float).toBe(document.activeElement));
    expect(screen.queryByTestId('section-placeholder')).toBeNull();
  });

  it('F2 opens the Prescriptions section, where a pharmacist starts with an image to read', async () => {
    const user = userEvent.setup();
    await frame();
    await user.keyboard('{F2}');
    expect(await screen.findByTestId('prescriptions')).toBeTruthy();
    expect(screen.getByTestId('rx-tab-new').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('rx-file')).toBeTruthy();
  });
});

describe('the Customers section', () => {
  it('F4 opens the patient search with the focus in it', async () => {
    const user = userEvent.setup();
    await frame();
    await user.keyboard('{F4}');
    const box = await screen.findByTestId('patients-search');
    await waitFor(() => expect(box).toBe(document.activeElement));
    expect(screen.queryByTestId('section-placeholder')).toBeNull();
  });
});

describe('global keys', () => {
  const actions = () => {
    const seen: string[] = [];
    return {
      seen,
      chooseSection: (s: string) => seen.push(`section:${s}`),
      lock: () => seen.push('lock'),
      logout: () => seen.push('logout'),
      focusSearch: () => seen.push('search'),
    };
  };

  it('maps F1–F6, Ctrl+L, Ctrl+Shift+L and "/"', () => {
    const a = actions();
    for (const key of ['F1', 'F3', 'F6']) handleGlobalKey(new KeyboardEvent('keydown', { key }), a);
    handleGlobalKey(new KeyboardEvent('keydown', { key: 'l', ctrlKey: true }), a);
    handleGlobalKey(new KeyboardEvent('keydown', { key: 'L', ctrlKey: true, shiftKey: true }), a);
    handleGlobalKey(new KeyboardEvent('keydown', { key: '/' }), a);
    expect(a.seen).toEqual(['section:checkout', 'section:inventory', 'section:settings', 'lock', 'logout', 'search']);
  });

  it('leaves "/" alone while the cashier is typing in a field, and ignores other keys', () => {
    const a = actions();
    const input = document.createElement('input');
    document.body.append(input);
    const typed = new KeyboardEvent('keydown', { key: '/', bubbles: true });
    let handled: boolean | undefined;
    input.addEventListener('keydown', (e) => {
      handled = handleGlobalKey(e, a);
    });
    input.dispatchEvent(typed);
    expect(handled).toBe(false);
    expect(handleGlobalKey(new KeyboardEvent('keydown', { key: 'F7' }), a)).toBe(false);
    expect(handleGlobalKey(new KeyboardEvent('keydown', { key: 'F1', altKey: true }), a)).toBe(false);
    expect(a.seen).toEqual([]);
    input.remove();
  });
});
