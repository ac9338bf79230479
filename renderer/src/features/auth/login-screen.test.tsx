// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionInfo } from '@mortar/main/contract';
import { App } from '../../app/app.js';
import { createFakeBridge, fail, type FakeHandler } from '../../test/fake-bridge.js';
import { initializedStatus, session, terminalSettings } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';

afterEach(cleanup);

function loginCore(login: FakeHandler, pinLogin?: FakeHandler) {
  const state = { session: null as SessionInfo | null };
  const bridge = createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'auth.getSession': () => state.session,
    'settings.getSettings': () => terminalSettings,
    'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
    'auth.login': login,
    ...(pinLogin ? { 'auth.pinLogin': pinLogin } : {}),
  });
  return { bridge, state };
}

describe('login', () => {
  it('logs in with username and password by keyboard alone', async () => {
    const user = userEvent.setup();
    const { bridge } = loginCore(() => session('cashier', {}, { username: 'casey', displayName: 'Casey Cashier' }));
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('login-username');
    await user.keyboard('casey{Tab}cashier-pass-123{Enter}');
    expect(await screen.findByTestId('catalog-search')).toBe(document.activeElement);
    expect(bridge.callsOf('auth.login')).toEqual([{ username: 'casey', password: 'cashier-pass-123' }]);
    expect(screen.getByTestId('topbar-user').textContent).toContain('Casey Cashier');
  });

  it('switches to PIN mode for a quick cashier change', async () => {
    const user = userEvent.setup();
    const { bridge } = loginCore(() => fail('auth.invalidCredentials'), () => session('cashier'));
    renderWith(<App bridge={bridge} />, bridge);
    await user.type(await screen.findByTestId('login-username'), 'casey');
    await user.click(screen.getByTestId('login-mode-pin'));
    expect(screen.queryByTestId('login-password')).toBeNull();
    expect(screen.getByTestId('login-pin')).toBe(document.activeElement);
    await user.keyboard('1357{Enter}');
    await screen.findByTestId('catalog-search');
    expect(bridge.callsOf('auth.pinLogin')).toEqual([{ username: 'casey', pin: '1357' }]);
    expect(bridge.callsOf('auth.login')).toEqual([]);
  });

  it('toggles PIN mode with Alt+P', async () => {
    const user = userEvent.setup();
    const { bridge } = loginCore(() => fail('auth.invalidCredentials'));
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('login-username');
    await user.keyboard('{Alt>}p{/Alt}');
    expect(screen.getByTestId('login-mode-pin').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('login-pin')).toBeTruthy();
  });

  it('says the credentials are wrong, clears the secret and puts the cursor back in it', async () => {
    const user = userEvent.setup();
    const { bridge } = loginCore(() => fail('auth.invalidCredentials'));
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('login-username');
    await user.keyboard('casey{Tab}wrong-password{Enter}');
    expect((await screen.findByTestId('login-error')).textContent).toBe('The username or password is not right.');
    const password = screen.getByTestId('login-password') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(password).toBe(document.activeElement);
  });

  it('says for how long a locked account stays locked', async () => {
    const user = userEvent.setup();
    const { bridge } = loginCore(() => fail('auth.accountLocked', { until: Date.now() + 9 * 60_000 + 5_000 }));
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('login-username');
    await user.keyboard('casey{Tab}whatever-it-is{Enter}');
    expect((await screen.findByTestId('login-error')).textContent).toMatch(/Try again in 10 minutes\./);
  });

  it('says a deactivated account is deactivated', async () => {
    const user = userEvent.setup();
    const { bridge } = loginCore(() => fail('auth.userDisabled'));
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('login-username');
    await user.keyboard('casey{Tab}whatever-it-is{Enter}');
    expect((await screen.findByTestId('login-error')).textContent).toContain('deactivated');
  });

  it('asks for both fields before bothering the core', async () => {
    const user = userEvent.setup();
    const { bridge } = loginCore(() => session('cashier'));
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('login-username');
    await user.keyboard('casey{Enter}');
    expect((await screen.findByTestId('login-error')).textContent).toBe('Enter your username and password.');
    expect(screen.getByTestId('login-password')).toBe(document.activeElement);
    expect(bridge.callsOf('auth.login')).toEqual([]);
  });
});
