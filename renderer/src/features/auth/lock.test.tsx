// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionInfo } from '@mortar/main/contract';
import { App } from '../../app/app.js';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { initializedStatus, session, terminalSettings } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';

afterEach(cleanup);

function lockingCore(start: SessionInfo) {
  const state = { session: start as SessionInfo | null };
  const bridge = createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'auth.getSession': () => state.session,
    'settings.getSettings': () => terminalSettings,
    'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
    'auth.lock': () => {
      if (state.session) state.session = { ...state.session, locked: true };
      return { locked: true };
    },
    'auth.unlock': (input: { secret: string }) => {
      if (input.secret !== 'cashier-pass-123' && input.secret !== '1357') return fail('auth.invalidCredentials');
      if (state.session) state.session = { ...state.session, locked: false };
      return state.session;
    },
    'auth.logout': () => {
      state.session = null;
      return { loggedOut: true };
    },
  });
  return { bridge, state };
}

describe('the lock screen', () => {
  it('locks at once on Ctrl+L and unlocks with the password, back where the cashier was', async () => {
    const user = userEvent.setup();
    const { bridge } = lockingCore(session('cashier', {}, { displayName: 'Casey Cashier' }));
    renderWith(<App bridge={bridge} />, bridge);
    const search = await screen.findByTestId('catalog-search');
    await user.type(search, 'ibu');
    await user.keyboard('{Control>}l{/Control}');
    expect(await screen.findByTestId('lock-screen')).toBeTruthy();
    expect(bridge.callsOf('auth.lock')).toHaveLength(1);
    expect(screen.getByTestId('lock-screen').textContent).toContain('Casey Cashier (Cashier) is logged in.');
    expect(screen.getByTestId('lock-secret')).toBe(document.activeElement);

    await user.keyboard('cashier-pass-123{Enter}');
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());
    expect(bridge.callsOf('auth.unlock')).toEqual([{ secret: 'cashier-pass-123' }]);
    expect(screen.getByTestId('catalog-search')).toBe(document.activeElement);
    expect((screen.getByTestId('catalog-search') as HTMLInputElement).value).toBe('ibu');
  });

  it('keeps the frame out of reach while locked: no section keys, no focus behind the overlay', async () => {
    const user = userEvent.setup();
    const { bridge, state } = lockingCore(session('admin', { locked: true }));
    const { store } = renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('lock-screen');
    await user.keyboard('{F6}');
    expect(store.getState().navigation.section).toBe('inventory');
    expect(document.querySelector('.frame')?.hasAttribute('inert')).toBe(true);
    expect(state.session?.locked).toBe(true);
  });

  it('says so when the secret is wrong and lets the cashier try again', async () => {
    const user = userEvent.setup();
    const { bridge } = lockingCore(session('cashier', { locked: true }));
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('lock-secret');
    await user.keyboard('nope{Enter}');
    expect((await screen.findByTestId('lock-error')).textContent).toBe('That PIN or password is not right.');
    expect(screen.getByTestId('lock-secret')).toBe(document.activeElement);
  });

  it('switches user by logging out to the login screen', async () => {
    const user = userEvent.setup();
    const { bridge } = lockingCore(session('cashier', { locked: true }));
    renderWith(<App bridge={bridge} />, bridge);
    await user.click(await screen.findByTestId('lock-switch-user'));
    expect(await screen.findByTestId('login-username')).toBeTruthy();
    expect(bridge.callsOf('auth.logout')).toHaveLength(1);
  });

  it('locks by itself after the auto-lock time without activity', async () => {
    const { bridge } = lockingCore(session('cashier', { autoLockMs: 150 }));
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('catalog-search');
    expect(await screen.findByTestId('lock-screen', {}, { timeout: 2000 })).toBeTruthy();
    expect(bridge.callsOf('auth.lock')).toHaveLength(1);
  });

  it('does not lock while someone is typing', async () => {
    const { bridge } = lockingCore(session('cashier', { autoLockMs: 300 }));
    renderWith(<App bridge={bridge} />, bridge);
    const search = await screen.findByTestId('catalog-search');
    const user = userEvent.setup({ delay: 100 });
    await user.type(search, 'paracetamol');
    expect(screen.queryByTestId('lock-screen')).toBeNull();
  });

  it('shows the lock screen whenever the core answers that the session is locked', async () => {
    const { bridge } = lockingCore(session('cashier'));
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('catalog-search');
    bridge.handlers['catalog.searchProducts'] = () => fail('auth.sessionLocked');
    act(() => bridge.notify({ topics: ['catalog'], op: 'catalog.createProduct' }));
    expect(await screen.findByTestId('lock-screen')).toBeTruthy();
  });
});
