import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addUser, countRows, createTestCore, expectOk, loginAs, setUpPharmacy, type TestCore } from '../testing/index.js';
import type { ChangeNotice } from '../contract.js';

let core: TestCore;
afterEach(() => core?.dispose());

describe('dispatcher', () => {
  it('refuses an unknown operation with a specific code', async () => {
    core = createTestCore();
    const r = await core.connect().invokeUnknown('sales.stealEverything', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'api.unknownOperation' } });
  });

  it('refuses operations that need a session before anyone logs in', async () => {
    core = createTestCore();
    await setUpPharmacy(core);
    const r = await core.connect().invoke('catalog.searchProducts', { query: 'para' });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth.notLoggedIn' } });
  });

  it('rejects invalid input with field-level details and writes nothing', async () => {
    core = createTestCore();
    const { admin } = await setUpPharmacy(core);
    const auditBefore = countRows(core, 'audit_log');
    const usersBefore = countRows(core, 'app_user');
    const r = await admin.invoke('users.createUser', {
      username: 'x',
      displayName: '',
      role: 'cashier',
      password: 'short',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('api.invalidInput');
    const paths = (r.error.details as { issues: { path: string[] }[] }).issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'password']));
    expect(countRows(core, 'app_user')).toBe(usersBefore);
    expect(countRows(core, 'audit_log')).toBe(auditBefore);
  });

  it('refuses a call without permission in the core and audits the refusal', async () => {
    core = createTestCore();
    const { admin } = await setUpPharmacy(core);
    await addUser(admin, { username: 'casey', displayName: 'Casey Cashier', role: 'cashier', password: 'cashier-pass-1' });
    const cashier = await loginAs(core, 'casey', 'cashier-pass-1');
    const r = await cashier.invoke('users.listUsers', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'auth.forbidden', details: { permission: 'users.manage' } } });
    const last = core.db.prepare('SELECT action, entity_id, actor_name FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ action: 'auth.permissionDenied', entity_id: 'users.listUsers', actor_name: 'Casey Cashier' });
  });

  it('commits a command, its audit entry and its sync event together, and notifies listeners', async () => {
    core = createTestCore();
    const { admin } = await setUpPharmacy(core);
    const notices: ChangeNotice[] = [];
    core.subscribe((n) => notices.push(n));
    const before = { audit: countRows(core, 'audit_log'), outbox: countRows(core, 'outbox_event') };
    await addUser(admin, { username: 'pat', displayName: 'Pat Pharmacist', role: 'pharmacist', password: 'pharmacist-pass' });
    expect(countRows(core, 'audit_log')).toBe(before.audit + 1);
    // Its own event, and the audit entry's (audit.entryRecorded), which carries the chain to the server.
    expect(countRows(core, 'outbox_event')).toBe(before.outbox + 2);
    const event = core.db.prepare("SELECT type, payload, hlc FROM outbox_event WHERE type <> 'audit.entryRecorded' ORDER BY seq DESC LIMIT 1").get() as {
      type: string;
      payload: string;
      hlc: string;
    };
    expect(event.type).toBe('users.userCreated');
    expect(JSON.parse(event.payload)).not.toHaveProperty('password');
    expect(event.payload).not.toContain('pharmacist-pass');
    expect(notices).toEqual([{ topics: ['users'], op: 'users.createUser' }]);
  });

  it('rolls back everything when a handler refuses half way', async () => {
    core = createTestCore();
    const { admin } = await setUpPharmacy(core);
    const before = { audit: countRows(core, 'audit_log'), users: countRows(core, 'app_user') };
    const r = await admin.invoke('users.createUser', {
      username: ADMIN.username,
      displayName: 'Duplicate',
      role: 'cashier',
      password: 'another-password',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'users.usernameTaken' } });
    expect(countRows(core, 'audit_log')).toBe(before.audit);
    expect(countRows(core, 'app_user')).toBe(before.users);
  });

  it('lets a manager override authorise one command and records both people', async () => {
    core = createTestCore();
    const { admin } = await setUpPharmacy(core);
    await addUser(admin, { username: 'casey', displayName: 'Casey Cashier', role: 'cashier', password: 'cashier-pass-1' });
    await addUser(admin, { username: 'morgan', displayName: 'Morgan Manager', role: 'manager', password: 'manager-pass-1', pin: '9753' });
    const cashier = await loginAs(core, 'casey', 'cashier-pass-1');
    const product = {
      sku: 'TEST-1',
      name: 'Test cream',
      form: 'cream',
      packSize: 1,
      unit: 'tube',
      legalCategory: 'gsl' as const,
      taxCategory: 'standard' as const,
      priceMinor: 250,
    };
    // catalog.createProduct is not overridable: the override is refused and audited.
    const refused = await cashier.invoke('catalog.createProduct', product, {
      override: { username: 'morgan', secret: '9753', reason: 'new line for the shelf' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(countRows(core, 'product')).toBe(0);
  });

  it('keeps a session alive while the person is active, but never wakes a locked one', async () => {
    core = createTestCore();
    const { admin } = await setUpPharmacy(core);
    for (let i = 0; i < 3; i++) {
      core.clock.advance(4 * 60_000);
      expect(expectOk(await admin.invoke('auth.keepAlive', {}))).toEqual({ locked: false });
    }
    expectOk(await admin.invoke('catalog.searchProducts', { query: '' }));
    core.clock.advance(5 * 60_000);
    expect(expectOk(await admin.invoke('auth.keepAlive', {}))).toEqual({ locked: true });
    expect(await admin.invoke('catalog.searchProducts', { query: '' })).toMatchObject({ ok: false, error: { code: 'auth.sessionLocked' } });
  });

  it('locks a session after the configured idle time and unlocks with the PIN', async () => {
    core = createTestCore();
    const { admin } = await setUpPharmacy(core);
    expectOk(await admin.invoke('catalog.searchProducts', { query: '' }));
    core.clock.advance(5 * 60_000);
    expect(await admin.invoke('catalog.searchProducts', { query: '' })).toMatchObject({
      ok: false,
      error: { code: 'auth.sessionLocked' },
    });
    expect(await admin.invoke('auth.unlock', { secret: '0000' })).toMatchObject({ ok: false, error: { code: 'auth.invalidCredentials' } });
    const unlocked = expectOk(await admin.invoke('auth.unlock', { secret: ADMIN.pin }));
    expect(unlocked.locked).toBe(false);
    expectOk(await admin.invoke('catalog.searchProducts', { query: '' }));
  });
});
