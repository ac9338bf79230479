// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionInfo } from '@mortar/main/contract';
import { App } from './app.js';
import { createFakeBridge } from '../test/fake-bridge.js';
import { initializedStatus, session, terminalSettings, user } from '../test/fixtures.js';
import { cleanup, renderWith } from '../test/render.js';

afterEach(cleanup);

function core(current: { session: SessionInfo | null }, initialized = true) {
  return createFakeBridge({
    'setup.getStatus': () => (initialized ? initializedStatus : { initialized: false, pharmacy: null, demoLoaded: false }),
    'auth.getSession': () => current.session,
    'settings.getSettings': () => terminalSettings,
    'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
    'users.listUsers': () => [user()],
    'auth.logout': () => {
      current.session = null;
      return { loggedOut: true };
    },
  });
}

describe('the session gate', () => {
  it('shows first-run setup on a terminal that is not set up', async () => {
    const bridge = core({ session: null }, false);
    renderWith(<App bridge={bridge} />, bridge);
    expect(await screen.findByRole('heading', { name: 'Set up this pharmacy' })).toBeTruthy();
    expect(screen.getByTestId('setup-pharmacy-name')).toBe(document.activeElement);
  });

  it('asks for a login when the connection has no session', async () => {
    const bridge = core({ session: null });
    renderWith(<App bridge={bridge} />, bridge);
    expect(await screen.findByRole('heading', { name: 'Riverside Pharmacy' })).toBeTruthy();
    expect(screen.getByTestId('login-username')).toBe(document.activeElement);
  });

  it('opens the frame for a live session, with the search ready for typing', async () => {
    const bridge = core({ session: session('cashier') });
    renderWith(<App bridge={bridge} />, bridge);
    const search = await screen.findByTestId('catalog-search');
    expect(search).toBe(document.activeElement);
    expect(screen.getByTestId('topbar-user').textContent).toContain('Avery Admin');
    expect(screen.getByTestId('topbar-user').textContent).toContain('Cashier');
  });

  it('shows the lock screen over the frame when the session is locked', async () => {
    const bridge = core({ session: session('cashier', { locked: true }) });
    renderWith(<App bridge={bridge} />, bridge);
    expect(await screen.findByTestId('lock-screen')).toBeTruthy();
    expect(screen.getByTestId('lock-secret')).toBe(document.activeElement);
  });

  it('logs out to the login screen and forgets what the last user saw', async () => {
    const current = { session: session('admin') as SessionInfo | null };
    const bridge = core(current);
    renderWith(<App bridge={bridge} />, bridge);
    await userEvent.click(await screen.findByTestId('topbar-logout'));
    expect(await screen.findByTestId('login-username')).toBeTruthy();
    expect(bridge.callsOf('auth.logout')).toHaveLength(1);
  });

  it('logs out with Ctrl+Shift+L', async () => {
    const current = { session: session('admin') as SessionInfo | null };
    const bridge = core(current);
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('catalog-search');
    await userEvent.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    expect(await screen.findByTestId('login-username')).toBeTruthy();
  });
});

describe('change notices', () => {
  it('refresh the screens showing the named topics', async () => {
    const bridge = core({ session: session('admin') });
    const { store } = renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('catalog-search');
    await userEvent.keyboard('{F6}');
    await screen.findAllByTestId('user-row');
    const before = bridge.callsOf('users.listUsers').length;
    bridge.handlers['users.listUsers'] = () => [user(), user({ id: 'x2', username: 'casey', displayName: 'Casey Cashier', role: 'cashier' })];
    act(() => bridge.notify({ topics: ['users'], op: 'users.createUser' }));
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(2));
    expect(bridge.callsOf('users.listUsers').length).toBe(before + 1);
    expect(store.getState().navigation.section).toBe('settings');
  });
});

describe('a dropped connection', () => {
  it('waits on a reconnecting screen, then asks for a login and says why', async () => {
    const current = { session: session('cashier') as SessionInfo | null };
    const bridge = core(current);
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('catalog-search');

    act(() => bridge.connection({ status: 'reconnecting', sessionLost: true, retryInMs: 2000 }));
    expect(screen.getByTestId('connection-screen').textContent).toContain('Reconnecting');
    expect(screen.getByTestId('connection-screen').textContent).toContain('2 seconds');

    current.session = null; // the server's side of the new connection has no session
    act(() => bridge.connection({ status: 'open', sessionLost: true }));
    expect(await screen.findByTestId('login-session-lost')).toBeTruthy();
    expect(screen.getByTestId('login-username')).toBe(document.activeElement);
  });
});
