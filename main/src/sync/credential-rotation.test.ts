// Credential rotation against the real sync server (Fastify over PGlite): due after 30 days, saved before it is
// used, the old credential over once the new one has been used, and a failed rotation harmless.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealSyncServer, type RealSyncServer } from './real-sync-server.js';
import { createTestCore, expectOk, setUpPharmacy, type TestCore } from '../testing/index.js';
import { ROTATE_AFTER_MS } from './credential-rotation.js';
import { syncOnce } from './sync-client.js';
import { syncStore } from './sync-store.js';
import type { FetchLike } from './wire.js';

const ADMIN_TOKEN = 'credential-rotation-admin-token-0123456789';

let server: RealSyncServer;
let url = '';
const cores: TestCore[] = [];

const admin = (path: string, body: unknown = {}) => server.admin(path, body);

async function enrolledCounter(seed: number) {
  const tenantId = (await admin('/v1/admin/tenants', { name: `Chain ${seed}` })).tenantId as string;
  const branchId = (await admin(`/v1/admin/tenants/${tenantId}/branches`, { name: 'Riverside' })).branchId as string;
  const code = await server.enrollmentCode(tenantId, branchId);
  const core = createTestCore({ seed });
  cores.push(core);
  const { admin: conn } = await setUpPharmacy(core);
  expectOk(await conn.invoke('sync.enroll', { serverUrl: url, code, label: 'till' }));
  return core;
}

const credentialOf = (core: TestCore) => syncStore(core.db).identity()?.credential ?? '';
const pullStatus = async (credential: string) => (await fetch(`${url}/v1/events?after=0`, { headers: { authorization: `Bearer ${credential}` } })).status;

beforeAll(async () => {
  server = await startRealSyncServer(ADMIN_TOKEN);
  url = server.url;
}, 120_000);

afterAll(async () => {
  await server.close();
  for (const c of cores) c.dispose();
});

describe('sync credential rotation', () => {
  it('rotates the credential 30 days after it was issued, and the old one stops working once the new one is used', async () => {
    const core = await enrolledCounter(61);
    const first = credentialOf(core);
    expect(await syncOnce({ db: core.db, clock: core.clock })).toMatchObject({ ok: true });
    expect(credentialOf(core)).toBe(first);
    core.clock.advance(ROTATE_AFTER_MS);
    expect(await syncOnce({ db: core.db, clock: core.clock })).toMatchObject({ ok: true });
    const second = credentialOf(core);
    expect(second).not.toBe(first);
    expect(await pullStatus(first)).toBe(401);
    expect(await pullStatus(second)).toBe(200);
    // Not again until another 30 days have passed.
    core.clock.advance(ROTATE_AFTER_MS - 1);
    expect(await syncOnce({ db: core.db, clock: core.clock })).toMatchObject({ ok: true });
    expect(credentialOf(core)).toBe(second);
  }, 60_000);

  it('keeps the current credential when the rotation fails, and the round goes on with it', async () => {
    const core = await enrolledCounter(62);
    const first = credentialOf(core);
    core.clock.advance(ROTATE_AFTER_MS + 1);
    const refusing: FetchLike = async (u, init) => (u.endsWith('/v1/credential') ? { status: 503, text: async () => 'unavailable' } : fetch(u, init));
    expect(await syncOnce({ db: core.db, clock: core.clock, wire: { fetch: refusing } })).toMatchObject({ ok: true });
    expect(credentialOf(core)).toBe(first);
    expect(await pullStatus(first)).toBe(200);
    // The answer to a rotation lost on the way back: the server's new credential was never used, the old one works.
    const losing: FetchLike = async (u, init) => {
      const r = await fetch(u, init);
      if (u.endsWith('/v1/credential')) throw new TypeError('fetch failed');
      return r;
    };
    expect(await syncOnce({ db: core.db, clock: core.clock, wire: { fetch: losing } })).toMatchObject({ ok: true });
    expect(credentialOf(core)).toBe(first);
    expect(await syncOnce({ db: core.db, clock: core.clock })).toMatchObject({ ok: true });
    expect(credentialOf(core)).not.toBe(first);
  }, 60_000);
});
