import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addUser, countRows, createTestCore, expectOk, loginAs, setUpPharmacy, type TestCore } from '../testing/index.js';

let core: TestCore;
afterEach(() => core?.dispose());

async function withCashier() {
  core = createTestCore();
  const { admin } = await setUpPharmacy(core);
  const cashier = await addUser(admin, { username: 'casey', displayName: 'Casey Cashier', role: 'cashier', password: 'cashier-pass-1', pin: '1357' });
  return { admin, cashier };
}

describe('logging in', () => {
  it('starts a session with the role and permissions of the user', async () => {
    await withCashier();
    const c = core.connect();
    const s = expectOk(await c.invoke('auth.login', { username: 'Casey', password: 'cashier-pass-1' }));
    expect(s.user.username).toBe('casey');
    expect(s.permissions).toContain('sales.sell');
    expect(s.permissions).not.toContain('users.manage');
    expect(expectOk(await c.invoke('auth.getSession', {}))?.user.id).toBe(s.user.id);
  });

  it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
    await withCashier();
    const before = countRows(core, 'audit_log');
    const unknown = await core.connect().invoke('auth.login', { username: 'nobody', password: 'whatever-it-is' });
    const wrong = await core.connect().invoke('auth.login', { username: 'casey', password: 'not-the-password' });
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'auth.invalidCredentials' } });
    expect(countRows(core, 'audit_log')).toBe(before + 2);
  });

  it('locks the account after five failures, even for the right password, until the lockout ends', async () => {
    await withCashier();
    for (let i = 0; i < 4; i++) {
      expect(await core.connect().invoke('auth.login', { username: 'casey', password: `guess-number-${i}` })).toMatchObject({
        ok: false,
        error: { code: 'auth.invalidCredentials' },
      });
    }
    expect(await core.connect().invoke('auth.login', { username: 'casey', password: 'guess-number-5' })).toMatchObject({
      ok: false,
      error: { code: 'auth.accountLocked' },
    });
    expect(await core.connect().invoke('auth.login', { username: 'casey', password: 'cashier-pass-1' })).toMatchObject({
      ok: false,
      error: { code: 'auth.accountLocked' },
    });
    core.clock.advance(15 * 60_000);
    expectOk(await core.connect().invoke('auth.login', { username: 'casey', password: 'cashier-pass-1' }));
  });

  it('switches cashiers quickly with a PIN', async () => {
    await withCashier();
    const c = core.connect();
    const s = expectOk(await c.invoke('auth.pinLogin', { username: 'casey', pin: '1357' }));
    expect(s.user.username).toBe('casey');
    expect(await core.connect().invoke('auth.pinLogin', { username: 'admin', pin: '9999' })).toMatchObject({ ok: false });
  });

  it('refuses a disabled account', async () => {
    const { admin, cashier } = await withCashier();
    expectOk(await admin.invoke('users.updateUser', { id: cashier.id, active: false }));
    expect(await core.connect().invoke('auth.login', { username: 'casey', password: 'cashier-pass-1' })).toMatchObject({
      ok: false,
      error: { code: 'auth.userDisabled' },
    });
  });

  it('locks on request, and a locked session can do nothing until unlocked', async () => {
    await withCashier();
    const c = await loginAs(core, 'casey', 'cashier-pass-1');
    expectOk(await c.invoke('auth.lock', {}));
    expect(await c.invoke('catalog.searchProducts', { query: 'x' })).toMatchObject({ ok: false, error: { code: 'auth.sessionLocked' } });
    expectOk(await c.invoke('auth.unlock', { secret: 'cashier-pass-1' }));
    expectOk(await c.invoke('catalog.searchProducts', { query: 'x' }));
  });

  it('ends the session on logout', async () => {
    await withCashier();
    const c = await loginAs(core, 'casey', 'cashier-pass-1');
    expectOk(await c.invoke('auth.logout', {}));
    expect(expectOk(await c.invoke('auth.getSession', {}))).toBeNull();
  });
});

describe('staff management', () => {
  it('never leaves the pharmacy without an active administrator', async () => {
    core = createTestCore();
    const { admin, session } = await setUpPharmacy(core);
    expect(await admin.invoke('users.updateUser', { id: session.user.id, role: 'manager' })).toMatchObject({
      ok: false,
      error: { code: 'users.lastAdmin' },
    });
    expect(await admin.invoke('users.updateUser', { id: session.user.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'users.lastAdmin' },
    });
  });

  it('clears a lockout when a manager sets a new password', async () => {
    const { admin, cashier } = await withCashier();
    for (let i = 0; i < 5; i++) await core.connect().invoke('auth.login', { username: 'casey', password: `bad-guess-${i}` });
    expect((expectOk(await admin.invoke('users.listUsers', {})).find((u) => u.id === cashier.id)?.lockedUntil ?? 0) > 0).toBe(true);
    expectOk(await admin.invoke('users.setPassword', { id: cashier.id, password: 'a-brand-new-password' }));
    expectOk(await core.connect().invoke('auth.login', { username: 'casey', password: 'a-brand-new-password' }));
  });

  it('lets people change their own password only with the current one', async () => {
    await withCashier();
    const c = await loginAs(core, 'casey', 'cashier-pass-1');
    expect(await c.invoke('users.changeOwnPassword', { currentPassword: 'wrong-one-here', newPassword: 'another-password-2' })).toMatchObject({
      ok: false,
      error: { code: 'auth.invalidCredentials' },
    });
    expectOk(await c.invoke('users.changeOwnPassword', { currentPassword: 'cashier-pass-1', newPassword: 'another-password-2' }));
    expectOk(await core.connect().invoke('auth.login', { username: 'casey', password: 'another-password-2' }));
  });
});

describe('manager override', () => {
  it('authorises one overridable command with a manager PIN and records the approver and reason', async () => {
    const { admin } = await withCashier();
    await addUser(admin, { username: 'morgan', displayName: 'Morgan Manager', role: 'manager', password: 'manager-pass-1', pin: '8642' });
    const product = expectOk(
      await admin.invoke('catalog.createProduct', {
        sku: 'SKU-1', name: 'Saline nasal spray', form: 'nasal spray', packSize: 1, unit: 'bottle', legalCategory: 'gsl', taxCategory: 'standard', priceMinor: 499,
      }),
    );
    const cashier = await loginAs(core, 'casey', 'cashier-pass-1');
    expect(await cashier.invoke('catalog.updatePrice', { id: product.id, priceMinor: 449 })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden', details: { overridable: true } },
    });
    expect(
      await cashier.invoke('catalog.updatePrice', { id: product.id, priceMinor: 449 }, { override: { username: 'morgan', secret: '0000', reason: 'shelf label' } }),
    ).toMatchObject({ ok: false, error: { code: 'auth.overrideRejected' } });
    expect(
      await cashier.invoke('catalog.updatePrice', { id: product.id, priceMinor: 449 }, { override: { username: 'casey', secret: '1357', reason: 'shelf label' } }),
    ).toMatchObject({ ok: false, error: { code: 'auth.overrideRejected' } });
    const updated = expectOk(
      await cashier.invoke(
        'catalog.updatePrice',
        { id: product.id, priceMinor: 449 },
        { override: { username: 'morgan', secret: '8642', reason: 'shelf label shows 4.49' } },
      ),
    );
    expect(updated.priceMinor).toBe(449);
    const entry = core.db
      .prepare("SELECT actor_name, approved_by_id, reason FROM audit_log WHERE action = 'catalog.updatePrice'")
      .get() as { actor_name: string; approved_by_id: string; reason: string };
    const morgan = expectOk(await admin.invoke('users.listUsers', {})).find((u) => u.username === 'morgan');
    expect(entry).toEqual({ actor_name: 'Casey Cashier', approved_by_id: morgan?.id, reason: 'shelf label shows 4.49' });
    expect(ADMIN.username).toBe('admin');
  });
});
