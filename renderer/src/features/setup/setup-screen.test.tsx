// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionInfo } from '@mortar/main/contract';
import { App } from '../../app/app.js';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { initializedStatus, session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';

afterEach(cleanup);

function firstRunCore() {
  const state = { initialized: false, session: null as SessionInfo | null, releaseDemo: () => {} };
  const bridge = createFakeBridge({
    'setup.getStatus': () => (state.initialized ? initializedStatus : { initialized: false, pharmacy: null, demoLoaded: false }),
    'auth.getSession': () => state.session,
    'settings.getSettings': () => ({ autoLockMinutes: 5, maxFailedLogins: 5, lockoutMinutes: 15, updateUrl: null, locale: 'en' }),
    'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
    'setup.initialize': () => {
      state.initialized = true;
      state.session = session('admin');
      bridge.notify({ topics: ['settings', 'users', 'session'], op: 'setup.initialize' });
      return state.session;
    },
    'demo.loadDemo': () =>
      new Promise((resolve) => {
        state.releaseDemo = () => resolve({ products: 2012, lots: 5120, units: 900000 });
      }),
  });
  return { bridge, state };
}

async function fillIn(user: ReturnType<typeof userEvent.setup>, overrides: Record<string, string> = {}) {
  const values: Record<string, string> = {
    'setup-pharmacy-name': 'Riverside Pharmacy',
    'setup-address': '1 River Street, Springfield',
    'setup-tax-id': 'GB123456789',
    'setup-terminal-name': 'Counter 1',
    'setup-admin-username': 'admin',
    'setup-admin-display-name': 'Avery Admin',
    'setup-admin-password': 'correct-horse-battery',
    'setup-admin-password-repeat': 'correct-horse-battery',
    'setup-admin-pin': '2468',
    ...overrides,
  };
  // Typing key by key is covered by the login tests; here the values only need to arrive.
  for (const [testId, value] of Object.entries(values)) fireEvent.change(screen.getByTestId(testId), { target: { value } });
  await user.selectOptions(screen.getByTestId('setup-currency'), 'GBP');
}

describe('first-run setup', () => {
  it('sends the pharmacy and the first administrator, then loads the demo with progress, then opens the frame', async () => {
    const user = userEvent.setup();
    const { bridge, state } = firstRunCore();
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('setup-pharmacy-name');
    await fillIn(user);
    await user.click(screen.getByTestId('setup-load-demo'));
    await user.click(screen.getByTestId('setup-submit'));

    await waitFor(() => expect(screen.getByTestId('setup-progress').textContent).toContain('Loading the demo pharmacy'));
    expect(bridge.callsOf('setup.initialize')).toEqual([
      {
        pharmacy: {
          name: 'Riverside Pharmacy',
          address: '1 River Street, Springfield',
          taxId: 'GB123456789',
          baseCurrency: 'GBP',
          locale: 'en',
          terminalName: 'Counter 1',
        },
        admin: { username: 'admin', displayName: 'Avery Admin', password: 'correct-horse-battery', pin: '2468' },
      },
    ]);
    // The core already says "initialized", but the screen stays until the demo is in.
    expect(screen.queryByTestId('nav-inventory')).toBeNull();
    state.releaseDemo();
    expect(await screen.findByTestId('nav-inventory')).toBeTruthy();
    expect(bridge.callsOf('demo.loadDemo')).toHaveLength(1);
  });

  it('leaves the demo out unless asked and omits an empty PIN', async () => {
    const user = userEvent.setup();
    const { bridge } = firstRunCore();
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('setup-pharmacy-name');
    await fillIn(user, { 'setup-admin-pin': '' });
    await user.click(screen.getByTestId('setup-submit'));
    expect(await screen.findByTestId('nav-inventory')).toBeTruthy();
    expect(bridge.callsOf('demo.loadDemo')).toHaveLength(0);
    expect((bridge.callsOf('setup.initialize')[0] as { admin: object }).admin).not.toHaveProperty('pin');
  });

  it('shows the core’s field errors beside the fields they concern', async () => {
    const user = userEvent.setup();
    const { bridge } = firstRunCore();
    bridge.handlers['setup.initialize'] = () =>
      fail('api.invalidInput', {
        issues: [
          { path: ['pharmacy', 'address'], message: 'Too small', code: 'too_small' },
          { path: ['admin', 'password'], message: 'a password has at least 10 characters', code: 'too_small' },
        ],
      });
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('setup-pharmacy-name');
    await fillIn(user, { 'setup-address': 'x', 'setup-admin-password': 'short', 'setup-admin-password-repeat': 'short' });
    await user.click(screen.getByTestId('setup-submit'));

    const address = await screen.findByTestId('setup-address');
    await waitFor(() => expect(address.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(address.getAttribute('aria-describedby') ?? '')?.textContent).toBe('At least 5 characters.');
    const password = screen.getByTestId('setup-admin-password');
    expect(document.getElementById(password.getAttribute('aria-describedby') ?? '')?.textContent).toBe('At least 10 characters.');
    expect(address).toBe(document.activeElement);
    expect(screen.getByTestId('setup-error').textContent).toContain('Some fields need attention');
  });

  it('catches two different passwords before asking the core', async () => {
    const user = userEvent.setup();
    const { bridge } = firstRunCore();
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('setup-pharmacy-name');
    await fillIn(user, { 'setup-admin-password-repeat': 'correct-horse-batterx' });
    await user.click(screen.getByTestId('setup-submit'));
    const repeat = screen.getByTestId('setup-admin-password-repeat');
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
    expect(repeat).toBe(document.activeElement);
    expect(bridge.callsOf('setup.initialize')).toHaveLength(0);
  });

  it('switches the whole screen to German from the language field', async () => {
    const user = userEvent.setup();
    const { bridge } = firstRunCore();
    renderWith(<App bridge={bridge} />, bridge);
    await user.selectOptions(await screen.findByTestId('setup-language'), 'de');
    expect(await screen.findByRole('heading', { name: 'Apotheke einrichten' })).toBeTruthy();
    expect(localStorage.getItem('mortar.language')).toBe('de');
  });
});
