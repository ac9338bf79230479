// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Role, User } from '@mortar/main/contract';
import { App } from '../../app/app.js';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { CASHIER_ID, initializedStatus, session, terminalSettings, user as person } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';

afterEach(cleanup);

function usersCore(role: Role = 'admin') {
  const staff: User[] = [person(), person({ id: CASHIER_ID, username: 'casey', displayName: 'Casey Cashier', role: 'cashier', hasPin: false })];
  const changed = () => bridge.notify({ topics: ['users'], op: 'users.x' });
  const update = (id: string, patch: Partial<User>) => {
    const i = staff.findIndex((u) => u.id === id);
    staff[i] = { ...(staff[i] as User), ...patch };
    changed();
    return staff[i];
  };
  const bridge = createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'auth.getSession': () => session(role),
    'settings.getSettings': () => terminalSettings,
    'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
    'users.listUsers': (input: { includeInactive: boolean }) => staff.filter((u) => input.includeInactive || u.active),
    'users.createUser': (input: { username: string; displayName: string; role: Role; pin?: string }) => {
      if (staff.some((u) => u.username === input.username)) return fail('users.usernameTaken', { username: input.username });
      const created = person({ id: `new-${staff.length}`, username: input.username, displayName: input.displayName, role: input.role, hasPin: !!input.pin });
      staff.push(created);
      changed();
      return created;
    },
    'users.updateUser': (input: { id: string; role?: Role; active?: boolean }) => update(input.id, input),
    'users.setPassword': (input: { id: string }) => update(input.id, {}),
    'users.setPin': (input: { id: string; pin: string | null }) => update(input.id, { hasPin: input.pin !== null }),
  });
  return { bridge, staff };
}

async function openUsers(role: Role = 'admin') {
  const core = usersCore(role);
  const rendered = renderWith(<App bridge={core.bridge} />, core.bridge);
  await screen.findByTestId('catalog-search');
  await userEvent.keyboard('{F6}');
  return { ...core, ...rendered };
}

const row = (username: string) => document.querySelector(`[data-testid="user-row"][data-username="${username}"]`) as HTMLElement;

describe('Settings → Users', () => {
  it('adds a cashier with role, password and PIN, and lists them', async () => {
    const user = userEvent.setup();
    const { bridge } = await openUsers();
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(2));
    await user.click(screen.getByTestId('users-add'));
    expect(screen.getByTestId('user-form-username')).toBe(document.activeElement);
    await user.keyboard('robin{Tab}Robin Relief');
    await user.selectOptions(screen.getByTestId('user-form-role'), 'pharmacist');
    await user.type(screen.getByTestId('user-form-password'), 'relief-pass-123');
    await user.type(screen.getByTestId('user-form-pin'), '9753');
    await user.click(screen.getByTestId('user-form-submit'));

    await waitFor(() => expect(row('robin')).toBeTruthy());
    expect(bridge.callsOf('users.createUser')).toEqual([
      { username: 'robin', displayName: 'Robin Relief', role: 'pharmacist', password: 'relief-pass-123', pin: '9753' },
    ]);
    expect(screen.getByTestId('users-notice').textContent).toBe('Robin Relief was added as Pharmacist.');
    expect(screen.queryByTestId('user-form-username')).toBeNull();
    expect(screen.getByTestId('users-add')).toBe(document.activeElement);
  });

  it('puts a taken username beside the username field', async () => {
    const user = userEvent.setup();
    await openUsers();
    await user.click(await screen.findByTestId('users-add'));
    await user.keyboard('casey{Tab}Another Casey');
    await user.type(screen.getByTestId('user-form-password'), 'another-pass-123');
    await user.click(screen.getByTestId('user-form-submit'));
    const username = screen.getByTestId('user-form-username');
    await waitFor(() => expect(username.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(username.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'That username is already taken.',
    );
    expect(username).toBe(document.activeElement);
  });

  it('cancels the form with Escape and opens it with Alt+N', async () => {
    const user = userEvent.setup();
    await openUsers();
    await screen.findByTestId('users-add');
    await user.keyboard('{Alt>}n{/Alt}');
    expect(await screen.findByTestId('user-form-username')).toBe(document.activeElement);
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('user-form-username')).toBeNull();
  });

  it('changes a role, deactivates and reactivates, sets a password and sets and removes a PIN', async () => {
    const user = userEvent.setup();
    const { bridge } = await openUsers();
    await waitFor(() => expect(row('casey')).toBeTruthy());

    await user.selectOptions(within(row('casey')).getByTestId('user-row-role'), 'pharmacist');
    await waitFor(() => expect(bridge.callsOf('users.updateUser')).toEqual([{ id: CASHIER_ID, role: 'pharmacist' }]));

    await user.click(within(row('casey')).getByTestId('user-row-set-password'));
    expect(within(row('casey')).getByTestId('user-row-secret')).toBe(document.activeElement);
    await user.keyboard('fresh-pass-1234{Enter}');
    await waitFor(() => expect(bridge.callsOf('users.setPassword')).toEqual([{ id: CASHIER_ID, password: 'fresh-pass-1234' }]));
    expect(row('casey').textContent).toContain('New password set for Casey Cashier.');

    await user.click(within(row('casey')).getByTestId('user-row-set-pin'));
    await user.keyboard('2580{Enter}');
    await waitFor(() => expect(within(row('casey')).getByTestId('user-row-remove-pin')).toBeTruthy());
    await user.click(within(row('casey')).getByTestId('user-row-remove-pin'));
    await waitFor(() => expect(bridge.callsOf('users.setPin')).toEqual([{ id: CASHIER_ID, pin: '2580' }, { id: CASHIER_ID, pin: null }]));

    await user.click(within(row('casey')).getByTestId('user-row-toggle-active'));
    await waitFor(() => expect(row('casey')).toBeNull());
    await user.click(screen.getByTestId('users-include-inactive'));
    await waitFor(() => expect(row('casey')).toBeTruthy());
    expect(row('casey').textContent).toContain('Deactivated');
    await user.click(within(row('casey')).getByTestId('user-row-toggle-active'));
    await waitFor(() => expect(bridge.callsOf('users.updateUser').at(-1)).toEqual({ id: CASHIER_ID, active: true }));
  });

  it('shows the core’s refusal in the row it concerns', async () => {
    const user = userEvent.setup();
    const { bridge } = await openUsers();
    await waitFor(() => expect(row('admin')).toBeTruthy());
    bridge.handlers['users.updateUser'] = () => fail('users.lastAdmin');
    await user.click(within(row('admin')).getByTestId('user-row-toggle-active'));
    expect(await within(row('admin')).findByRole('alert')).toBeTruthy();
    expect(row('admin').textContent).toContain('last active administrator');
  });

  it('handles a refusal from the core gracefully even when the screen allowed the action', async () => {
    const { bridge } = await openUsers('manager');
    bridge.handlers['users.listUsers'] = () => fail('auth.forbidden', { permission: 'users.manage' });
    bridge.notify({ topics: ['users'], op: 'users.x' });
    expect((await screen.findByRole('alert')).textContent).toBe('Your role may not manage staff.');
  });

  it('does not offer staff management to a cashier', async () => {
    const { bridge } = await openUsers('cashier');
    expect((await screen.findByTestId('users-not-allowed')).textContent).toContain('Cashier');
    expect(screen.queryByTestId('users-add')).toBeNull();
    expect(bridge.callsOf('users.listUsers')).toEqual([]);
  });
});
