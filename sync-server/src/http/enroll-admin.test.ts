import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, freshPglite, type Backend, type TestDatabase } from '../testing/test-databases.js';
import { ADMIN, harness } from '../testing/http-fixtures.js';
import { makeEvent } from '../testing/fixtures.js';
import { sha256 } from '../registry/secrets.js';

// PGlite takes many seconds to start on a busy machine: once per file, outside the tests' own time.
beforeAll(() => freshPglite(), 120_000);

describe.each<Backend>(['postgres', 'pglite'])('enrollment and administration on %s', (backend) => {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  async function setup() {
    t = await freshDatabase(backend);
    const h = harness(t.db);
    const tenantId = (await h.admin('/v1/admin/tenants', { name: 'Chain' })).json.tenantId as string;
    const branchId = (await h.admin(`/v1/admin/tenants/${tenantId}/branches`, { name: 'North' })).json.branchId as string;
    return { h, db: t.db, tenantId, branchId };
  }

  it('enrolls a device once with a code and stores only the hash of its credential', async () => {
    const { h, db, tenantId, branchId } = await setup();
    const code = await h.admin(`/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`, { ttlSeconds: 600 });
    expect(code.status).toBe(201);
    const first = await h.enroll((code.json.code as string).toLowerCase());
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ ok: true, tenantId, branchId });
    const credential = first.json.credential as string;
    const rows = await db.query<{ credential_hash: string }>('SELECT credential_hash FROM devices WHERE id = $1', [first.json.deviceId]);
    expect(rows[0]?.credential_hash).toBe(sha256(credential));
    expect(JSON.stringify(await db.query('SELECT * FROM devices'))).not.toContain(credential);
    const second = await h.enroll(code.json.code as string);
    expect(second).toMatchObject({ status: 400, json: { ok: false, error: { code: 'enroll.invalidCode' } } });
  });

  it('refuses an expired enrollment code', async () => {
    const { h, tenantId, branchId } = await setup();
    const code = await h.admin(`/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`, { ttlSeconds: 60 });
    h.clock.now = new Date(h.clock.now.getTime() + 61_000);
    expect((await h.enroll(code.json.code as string)).json).toMatchObject({ error: { code: 'enroll.invalidCode' } });
  });

  it('refuses admin calls without the admin token, and all of them when no token is configured', async () => {
    const { h, db } = await setup();
    const r = await h.app.inject({ method: 'POST', url: '/v1/admin/tenants', payload: { name: 'x' }, headers: { authorization: 'Bearer nope' } });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ error: { code: 'admin.unauthorized' } });
    const off = harness(db, { adminToken: null });
    const r2 = await off.app.inject({ method: 'POST', url: '/v1/admin/tenants', payload: { name: 'x' }, headers: { authorization: `Bearer ${ADMIN}` } });
    expect(r2.statusCode).toBe(503);
    expect(r2.json()).toMatchObject({ error: { code: 'admin.disabled' } });
  });

  it('refuses a revoked device at once', async () => {
    const { h } = await setup();
    const c = await h.branchWithDevice();
    expect((await h.push(c, [makeEvent(c)])).status).toBe(200);
    expect((await h.admin(`/v1/admin/devices/${c.deviceId}/revoke`)).status).toBe(200);
    expect(await h.push(c, [makeEvent(c)])).toMatchObject({ status: 403, json: { error: { code: 'auth.deviceRevoked' } } });
    expect(await h.pull(c)).toMatchObject({ status: 403, json: { error: { code: 'auth.deviceRevoked' } } });
  });

  it('refuses a missing or unknown credential', async () => {
    const { h } = await setup();
    const c = await h.branchWithDevice();
    const none = await h.app.inject({ method: 'GET', url: '/v1/events' });
    expect(none.json()).toMatchObject({ error: { code: 'auth.missingCredential' } });
    expect(await h.pull({ ...c, credential: 'msd_forged' })).toMatchObject({ status: 401, json: { error: { code: 'auth.invalidCredential' } } });
  });
});
