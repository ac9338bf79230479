// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Role } from '@mortar/main/contract';
import { App } from '../../app/app.js';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { initializedStatus, session, terminalSettings } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';

afterEach(cleanup);

async function openTab(role: Role, tab: 'terminal' | 'appearance') {
  // Copies go out: the store freezes whatever it caches.
  let stored = { ...terminalSettings };
  const bridge = createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'auth.getSession': () => session(role),
    'settings.getSettings': () => ({ ...stored }),
    'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
    'users.listUsers': () => [],
    'settings.updateSettings': (input: typeof terminalSettings) => {
      if (input.updateUrl && !input.updateUrl.startsWith('https://')) {
        return fail('api.invalidInput', { issues: [{ path: ['updateUrl'], message: 'updates are fetched over HTTPS only', code: 'custom' }] });
      }
      stored = { ...stored, ...input };
      bridge.notify({ topics: ['settings'], op: 'settings.updateSettings' });
      return { ...stored };
    },
  });
  const rendered = renderWith(<App bridge={bridge} />, bridge);
  await screen.findByTestId('catalog-search');
  await userEvent.keyboard('{F6}');
  await waitFor(() => expect(screen.getByTestId('settings-tab-users')).toBe(document.activeElement));
  // The tab list follows the arrow keys.
  await userEvent.keyboard(tab === 'terminal' ? '{ArrowRight}' : '{ArrowRight}{ArrowRight}');
  expect(screen.getByTestId(`settings-tab-${tab}`).getAttribute('aria-selected')).toBe('true');
  return { bridge, ...rendered };
}

describe('Settings → Terminal', () => {
  it('saves the auto-lock and lockout rules as whole numbers', async () => {
    const user = userEvent.setup();
    const { bridge } = await openTab('admin', 'terminal');
    const autoLock = await screen.findByTestId('settings-auto-lock');
    fireEvent.change(autoLock, { target: { value: '10' } });
    fireEvent.change(screen.getByTestId('settings-update-url'), { target: { value: 'https://updates.example.org/mortar' } });
    await user.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-message')).textContent).toBe('Settings saved.');
    expect(bridge.callsOf('settings.updateSettings')).toEqual([
      { autoLockMinutes: 10, maxFailedLogins: 5, lockoutMinutes: 15, updateUrl: 'https://updates.example.org/mortar', locale: 'en' },
    ]);
  });

  it('puts the core’s objection beside the field', async () => {
    const user = userEvent.setup();
    await openTab('admin', 'terminal');
    const url = await screen.findByTestId('settings-update-url');
    fireEvent.change(url, { target: { value: 'http://plain.example.org' } });
    await user.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(url.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'An https:// address, or leave it empty.',
    );
  });

  it('shows the settings read-only to a role that may not change them', async () => {
    await openTab('manager', 'terminal');
    expect(await screen.findByTestId('terminal-not-allowed')).toBeTruthy();
    expect((screen.getByTestId('settings-auto-lock') as HTMLInputElement).closest('fieldset')?.disabled).toBe(true);
    expect(screen.queryByTestId('settings-save')).toBeNull();
  });
});

describe('Settings → Appearance', () => {
  it('switches to the dark theme and keeps the choice on this computer', async () => {
    const user = userEvent.setup();
    await openTab('cashier', 'appearance');
    await user.click(screen.getByTestId('appearance-theme-dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('mortar.theme')).toBe('dark');
    await user.click(screen.getByTestId('appearance-theme-light'));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('the top bar toggle flips between light and dark', async () => {
    const user = userEvent.setup();
    await openTab('cashier', 'appearance');
    await user.click(screen.getByTestId('theme-toggle'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await user.click(screen.getByTestId('theme-toggle'));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('changes the language of every screen and keeps it', async () => {
    const user = userEvent.setup();
    await openTab('cashier', 'appearance');
    await user.selectOptions(screen.getByTestId('language-select'), 'de');
    expect(screen.getByTestId('nav-inventory').textContent).toContain('Warenbestand');
    expect(document.documentElement.lang).toBe('de');
    expect(localStorage.getItem('mortar.language')).toBe('de');
  });
});
