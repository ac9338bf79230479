// Every route is guarded, a device never reads another branch's patient data through any route, bodies are
// size-limited, and the service starts with TLS (a self-signed certificate made here by openssl).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../testing/test-databases.js';
import { ADMIN, harness, type Harness } from '../testing/http-fixtures.js';
import { makeEvent, type Counter } from '../testing/fixtures.js';
import { connectLive, liveUpgradeStatus } from '../testing/live-client.js';
import { startService, type RunningService } from '../service/service.js';
import { openApiDocument } from './openapi.js';

/** Routes anyone may call: liveness for load balancers, the API description, enrollment (which a one-time code
 *  authenticates) and a head-office user's sign-in (a password does). /metrics needs the admin or the metrics token. */
const PUBLIC = new Set(['GET /healthz', 'GET /openapi.json', 'POST /v1/enroll', 'POST /v1/login']);

type Ids = { tenantId: string; branchId: string; deviceId: string; kind: string };

function concrete(url: string, ids: Ids): string {
  return url.replace(/[:{](\w+)}?/g, (_, name: string) => ids[name as keyof Ids]);
}

describe('security', () => {
  let t: TestDatabase | null = null;
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
    await t?.drop();
    t = null;
  });

  async function setup(options: Parameters<typeof harness>[1] = {}): Promise<Harness> {
    t = await freshPostgres();
    return harness(t.db, options);
  }

  const call = async (h: Harness, method: string, url: string, credential?: string, payload?: unknown) => {
    const r = await h.app.inject({
      method: method as 'GET',
      url,
      headers: credential ? { authorization: `Bearer ${credential}` } : {},
      ...(method === 'POST' ? { payload: (payload ?? {}) as object } : {}),
    });
    return { status: r.statusCode, body: r.body };
  };

  it('describes every route in /openapi.json, and refuses every non-public one without a credential', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const ids: Ids = { ...a, kind: 'products' };
    const documented = new Set(
      Object.entries(openApiDocument().paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const guarded = h.routes.filter((r) => !PUBLIC.has(`${r.method} ${r.url}`));
    expect(guarded.length).toBeGreaterThan(10);
    for (const r of h.routes) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
    for (const r of guarded) {
      const url = concrete(r.url, ids);
      expect((await call(h, r.method, url)).status, `${r.method} ${url}`).toBe(401);
      expect((await call(h, r.method, url, 'msd_forged')).status, `${r.method} ${url}`).toBe(401);
      // A device credential opens no admin route.
      if (r.url.startsWith('/v1/admin') || r.url === '/metrics') expect((await call(h, r.method, url, a.credential)).status, `${r.method} ${url}`).toBe(401);
    }
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    cleanup.push(() => h.app.close());
    const address = h.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    expect(await liveUpgradeStatus(base, {})).toBe(401);
    expect(await liveUpgradeStatus(base, { authorization: `Bearer ${ADMIN}` })).toBe(401);
  });

  it("gives a device of branch A no patient event of branch B through any route, and lets it write none for B", async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const b: Counter = await h.branchWithDevice(a.tenantId);
    const patient = [
      makeEvent(b, 'patient.profileChanged'),
      makeEvent(b, 'patients.patientSaved'),
      makeEvent(b, 'rx.prescriptionVerified'),
      makeEvent(b, 'rx.dispensed'),
      makeEvent(b, 'clinical.allergyRecorded'),
      makeEvent(b, 'claims.claimSubmitted'),
    ];
    expect((await h.push(b, patient)).status).toBe(200);
    // Pull: from every cursor and with every page size.
    for (const query of ['after=0', 'after=0&limit=1', 'after=2', 'after=3&limit=1000']) {
      const r = await h.pull(a, query);
      expect(r.json.events, query).toEqual([]);
    }
    // Push: an event claiming branch B is refused, and nothing of it is stored.
    const claim = await h.push(a, [makeEvent(a, 'patient.profileChanged', { branchId: b.branchId })]);
    expect(claim).toMatchObject({ status: 403, json: { error: { code: 'events.originMismatch' } } });
    // Admin and projection routes refuse its credential (the previous test walks all of them).
    const asDevice = await call(h, 'GET', `/v1/admin/tenants/${a.tenantId}/projections/exceptions`, a.credential);
    expect(asDevice.status).toBe(401);
    expect(asDevice.body).not.toContain('patient');
    // Live: its socket hears nothing of B's private pushes.
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    cleanup.push(() => h.app.close());
    const address = h.app.server.address();
    const live = await connectLive(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, a.credential);
    cleanup.push(() => live.close());
    await h.push(b, [makeEvent(b, 'rx.dispensed')]);
    expect(await live.quiet((m) => m.type === 'pull', 500)).toBe(true);
    expect(live.messages).toEqual([{ type: 'hello', deviceId: a.deviceId, head: patient.length }]);
  });

  it('limits the size of every request body: enroll, push, admin and publishing', async () => {
    const h = await setup({ bodyLimit: 8192 });
    const a = await h.branchWithDevice();
    const big = 'x'.repeat(9000);
    expect((await call(h, 'POST', '/v1/enroll', undefined, { code: big })).status).toBe(413);
    expect((await h.push(a, [makeEvent(a, 'sales.saleCompleted', { payload: { big } })])).status).toBe(413);
    expect((await call(h, 'POST', '/v1/admin/tenants', ADMIN, { name: big })).status).toBe(413);
    const items = Array.from({ length: 60 }, (_, i) => ({ productId: `p-${i}`, name: 'A product with a fairly long name '.repeat(3), packSize: 1, rxOnly: false, taxCategory: 'standard', active: true }));
    const r = await call(h, 'POST', `/v1/admin/tenants/${a.tenantId}/publish/products`, ADMIN, { items });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'http.bodyTooLarge' } });
  });

  it('starts with TLS from a certificate and key file and serves HTTPS and WSS', async () => {
    t = await freshPostgres();
    const dir = mkdtempSync(join(tmpdir(), 'mortar-sync-tls-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'pipe' });
    const service: RunningService = await startService(
      { databaseUrl: t.url, dataDir: dir, host: '127.0.0.1', port: 0, tls: { certFile: cert, keyFile: key }, adminToken: ADMIN, logLevel: 'silent', bodyLimit: 1 << 20 },
      { logger: false },
    );
    cleanup.push(() => service.close());
    expect(service.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(cert);
    const get = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpsRequest(`${service.url}${path}`, { ca, headers }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get('/healthz')).toEqual({ status: 200, body: '{"ok":true}' });
    // Without the certificate the client refuses the server: the test really speaks TLS.
    await expect(
      new Promise((resolve, reject) => httpsRequest(`${service.url}/healthz`, resolve).on('error', reject).end()),
    ).rejects.toThrow(/self-signed|certificate/i);
    const tenant = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(`${service.url}/v1/admin/tenants`, { ca, method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve((JSON.parse(body) as { tenantId: string }).tenantId));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ name: 'Chain' }));
    });
    expect(tenant).toMatch(/^[0-9a-f-]{36}$/);
    await expect(connectLive(service.url, 'msd_unknown', { ca })).rejects.toMatchObject({ status: 401 });
  });
});
