import { describe, expect, it } from 'vitest';
import { ADMIN, freshHarness, type Harness } from '../testing/http-fixtures.js';
import { LOCK_AFTER_FAILURES, LOCK_MINUTES, passwordMatches, SESSION_HOURS } from './admin-users.js';

const PASSWORD = 'correct horse battery';

describe('head-office users', () => {
  const setup = freshHarness();

  const call = async (h: Harness, method: 'GET' | 'POST', url: string, credential: string | null, payload?: object) => {
    const r = await h.app.inject({ method, url, headers: credential ? { authorization: `Bearer ${credential}` } : {}, ...(method === 'POST' ? { payload: payload ?? {} } : {}) });
    return { status: r.statusCode, json: r.json() as Record<string, unknown> };
  };
  const signIn = (h: Harness, tenantId: string, username: string, password = PASSWORD) => call(h, 'POST', '/v1/login', null, { tenantId, username, password });

  async function chainWithUser(h: Harness, name = 'Chain', username = 'hana') {
    const c = await h.branchWithDevice((await h.admin('/v1/admin/tenants', { name })).json.tenantId as string);
    const created = await call(h, 'POST', `/v1/admin/tenants/${c.tenantId}/users`, ADMIN, { username, displayName: 'Hana Head Office', password: PASSWORD });
    expect(created.status).toBe(201);
    return { c, userId: (created.json.user as { id: string }).id };
  }

  it('signs a user in with the chain, name and password, and the session opens that chain’s routes only', async () => {
    const h = await setup();
    const { c } = await chainWithUser(h);
    const other = await h.branchWithDevice();
    const login = await signIn(h, c.tenantId, 'HANA');
    expect(login).toMatchObject({ status: 200, json: { ok: true, user: { username: 'hana', tenantId: c.tenantId, active: true } } });
    const token = login.json.token as string;
    expect(login.json.expiresAt).toBe(new Date(h.clock.now.getTime() + SESSION_HOURS * 3_600_000).toISOString());
    // Its own chain: views, branches, enrollment codes, revoking its devices.
    expect((await call(h, 'GET', `/v1/admin/tenants/${c.tenantId}/projections/exceptions`, token)).status).toBe(200);
    expect((await call(h, 'POST', `/v1/admin/tenants/${c.tenantId}/branches`, token, { name: 'Riverside' })).status).toBe(201);
    expect((await call(h, 'POST', `/v1/admin/tenants/${c.tenantId}/branches/${c.branchId}/enrollment-codes`, token)).status).toBe(201);
    expect((await call(h, 'POST', `/v1/admin/devices/${c.deviceId}/revoke`, token)).status).toBe(200);
    // Another chain, or what only the operator does: refused.
    for (const [method, url] of [
      ['GET', `/v1/admin/tenants/${other.tenantId}/projections/exceptions`],
      ['POST', `/v1/admin/tenants/${other.tenantId}/publish/products`],
      ['POST', `/v1/admin/devices/${other.deviceId}/revoke`],
      ['GET', `/v1/admin/tenants/${other.tenantId}/users`],
      ['POST', '/v1/admin/tenants'],
    ] as const) {
      expect(await call(h, method, url, token, { name: 'x' }), `${method} ${url}`).toMatchObject({ status: 403, json: { error: { code: 'admin.forbidden' } } });
    }
    expect((await call(h, 'GET', `/v1/admin/tenants/${c.tenantId}/users`, token)).json.users).toEqual([expect.objectContaining({ username: 'hana', displayName: 'Hana Head Office' })]);
  });

  it('answers a wrong password and an unknown name alike, and locks the user after five wrong passwords in a row', async () => {
    const h = await setup();
    const { c } = await chainWithUser(h);
    expect(await signIn(h, c.tenantId, 'nobody')).toMatchObject({ status: 401, json: { error: { code: 'admin.badCredentials' } } });
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      expect(await signIn(h, c.tenantId, 'hana', 'wrong password!')).toMatchObject({ status: 401, json: { error: { code: 'admin.badCredentials' } } });
    }
    // Locked: even the right password is refused, and says until when; a wrong one still learns nothing.
    expect(await signIn(h, c.tenantId, 'hana')).toMatchObject({ status: 423, json: { error: { code: 'admin.locked' } } });
    expect(await signIn(h, c.tenantId, 'hana', 'wrong password!')).toMatchObject({ status: 401, json: { error: { code: 'admin.badCredentials' } } });
    h.clock.now = new Date(h.clock.now.getTime() + LOCK_MINUTES * 60_000 + 1);
    expect((await signIn(h, c.tenantId, 'hana')).status).toBe(200);
  });

  it('ends sessions by logging out, by expiry and by deactivating the user, who then cannot sign in', async () => {
    const h = await setup();
    const { c, userId } = await chainWithUser(h);
    const views = (token: string) => call(h, 'GET', `/v1/admin/tenants/${c.tenantId}/projections/exceptions`, token);
    const first = (await signIn(h, c.tenantId, 'hana')).json.token as string;
    expect((await call(h, 'POST', '/v1/admin/logout', first)).status).toBe(200);
    expect((await views(first)).status).toBe(401);
    expect((await call(h, 'POST', '/v1/admin/logout', ADMIN)).status).toBe(401);
    const second = (await signIn(h, c.tenantId, 'hana')).json.token as string;
    h.clock.now = new Date(h.clock.now.getTime() + SESSION_HOURS * 3_600_000);
    expect((await views(second)).status).toBe(401);
    const third = (await signIn(h, c.tenantId, 'hana')).json.token as string;
    expect((await views(third)).status).toBe(200);
    expect((await call(h, 'POST', `/v1/admin/tenants/${c.tenantId}/users/${userId}/deactivate`, ADMIN)).json).toMatchObject({ ok: true, user: { active: false } });
    expect((await views(third)).status).toBe(401);
    expect(await signIn(h, c.tenantId, 'hana')).toMatchObject({ status: 403, json: { error: { code: 'admin.userInactive' } } });
  });

  it('keeps only an scrypt hash of the password, refuses a short password or a taken name, and stores nothing then', async () => {
    const h = await setup();
    const { c } = await chainWithUser(h);
    const rows = await h.db.query<{ password_hash: string }>('SELECT password_hash FROM admin_users');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0]?.password_hash).not.toContain(PASSWORD);
    expect(await passwordMatches(PASSWORD, rows[0]?.password_hash ?? '')).toBe(true);
    expect(await passwordMatches('Correct horse battery', rows[0]?.password_hash ?? '')).toBe(false);
    const short = await call(h, 'POST', `/v1/admin/tenants/${c.tenantId}/users`, ADMIN, { username: 'kim', displayName: 'Kim', password: 'short' });
    expect(short).toMatchObject({ status: 400, json: { error: { code: 'request.invalid' } } });
    const taken = await call(h, 'POST', `/v1/admin/tenants/${c.tenantId}/users`, ADMIN, { username: 'Hana', displayName: 'Another', password: PASSWORD });
    expect(taken).toMatchObject({ status: 409, json: { error: { code: 'adminUser.taken' } } });
    expect(await h.db.query('SELECT 1 FROM admin_users')).toHaveLength(1);
    // A device's credential is no head-office session.
    expect((await call(h, 'GET', `/v1/admin/tenants/${c.tenantId}/users`, c.credential)).status).toBe(401);
  });
});
