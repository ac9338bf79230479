// A new counter against the real sync server (Fastify over PGlite): head office's catalog, prices and staff
// and another counter's history reach it through the snapshot, the log continues from the snapshot's
// position, and a download cut in the middle of the body resumes without applying anything twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, uuidv7Generator } from '../kernel/ids.js';
import { startRealSyncServer, type RealSyncServer } from './real-sync-server.js';
import { createTestCore, expectOk, setUpPharmacy, type TestCore } from '../testing/index.js';
import type { EventEnvelope } from './contract.js';
import { catchUpNewCounter, downloadSnapshot, type SnapshotFetch } from './snapshot-client.js';
import { syncOnce } from './sync-client.js';

const ADMIN_TOKEN = 'snapshot-admin-token-0123456789';

let server: RealSyncServer;
let url = '';
const cores: TestCore[] = [];
const ids = uuidv7Generator({ now: () => 1_800_000_000_000 }, seededRandom(5));

const admin = (path: string, body: unknown = {}) => server.admin(path, body);

type Device = { tenantId: string; branchId: string; deviceId: string; credential: string };

const branchCode = (tenantId: string, branchId: string) => server.enrollmentCode(tenantId, branchId);

/** A counter of the branch that has been trading for a while, speaking the wire directly. */
async function tradingDevice(tenantId: string, branchId: string): Promise<Device> {
  const r = await fetch(`${url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: await branchCode(tenantId, branchId), label: 'till 1' }) });
  const e = (await r.json()) as { deviceId: string; credential: string };
  return { tenantId, branchId, deviceId: e.deviceId, credential: e.credential };
}

let hlc = 0;
function sale(d: Device): EventEnvelope {
  hlc++;
  return { id: ids.next(), tenantId: d.tenantId, branchId: d.branchId, deviceId: d.deviceId, hlc: `${String(1_800_000_000_000 + hlc).padStart(15, '0')}:000000:till`, type: 'sales.saleCompleted', schemaVersion: 1, occurredAt: 1_800_000_000_000, payload: { n: hlc } };
}

async function push(d: Device, events: EventEnvelope[]): Promise<void> {
  const r = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${d.credential}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  expect(r.status).toBe(200);
}

const products = Array.from({ length: 40 }, (_, i) => ({
  productId: `ho-${i}`,
  sku: `HO-${String(i).padStart(3, '0')}`,
  name: `Head office product ${i}`,
  form: 'tablet',
  packSize: 10,
  rxOnly: false,
  taxCategory: 'standard',
  active: true,
  priceMinor: 100 + i,
  currency: 'GBP',
}));

/** A chain whose branch has history and whose head office has published; returns a fresh counter enrolled in it. */
async function chainWithNewCounter(seed: number) {
  const tenantId = (await admin('/v1/admin/tenants', { name: `Chain ${seed}` })).tenantId as string;
  const branchId = (await admin(`/v1/admin/tenants/${tenantId}/branches`, { name: 'Riverside' })).branchId as string;
  const till = await tradingDevice(tenantId, branchId);
  for (let i = 0; i < 4; i++) await push(till, Array.from({ length: 50 }, () => sale(till)));
  await admin(`/v1/admin/tenants/${tenantId}/publish/products`, { items: products.slice(0, 20) });
  await admin(`/v1/admin/tenants/${tenantId}/publish/products`, { items: products.slice(20) });
  await admin(`/v1/admin/tenants/${tenantId}/publish/prices`, { items: [{ productId: 'ho-3', currency: 'GBP', priceMinor: 999, validFrom: 0 }] });
  await admin(`/v1/admin/tenants/${tenantId}/publish/users`, { items: [{ userId: 'u-1', username: 'robin', displayName: 'Robin', roles: ['pharmacist'], branchIds: [], active: true }] });
  const core = createTestCore({ seed });
  cores.push(core);
  const { admin: conn } = await setUpPharmacy(core);
  expectOk(await conn.invoke('sync.enroll', { serverUrl: url, code: await branchCode(tenantId, branchId), label: 'new till' }));
  return { core, conn, till, head: 204 };
}

const count = (core: TestCore, sql: string) => (core.db.prepare(sql).get() as { n: number }).n;

beforeAll(async () => {
  server = await startRealSyncServer(ADMIN_TOKEN);
  url = server.url;
}, 120_000);

afterAll(async () => {
  await server.close();
  for (const c of cores) c.dispose();
});

describe('a new counter from a snapshot, then the log', () => {
  it('arrives with head office’s catalog, prices and staff and the branch history, and follows the log from there', async () => {
    const { core, till, head } = await chainWithNewCounter(31);
    const outcome = await catchUpNewCounter({ db: core.db, clock: core.clock, batchSize: 64 });
    expect(outcome.snapshot).toMatchObject({ ok: true, state: 'done', at: head, received: head, resumedAfter: 0 });
    // The round after the snapshot pushes this counter's own first events and reads back as its own all of
    // them but its audit entries (head office alone reads those); nothing after the snapshot is applied twice.
    expect(outcome.log).toMatchObject({ ok: true, applied: 0 });
    expect(outcome.log?.pushed).toBeGreaterThan(0);
    expect(outcome.log?.pulled).toBe(count(core, `SELECT count(*) AS n FROM sync_inbox WHERE server_seq > ${head}`));
    expect(count(core, `SELECT count(*) AS n FROM sync_inbox WHERE server_seq > ${head} AND state <> 'own'`)).toBe(0);
    expect(count(core, "SELECT count(*) AS n FROM product WHERE id LIKE 'ho-%' AND active = 1")).toBe(40);
    expect(core.db.prepare("SELECT price_minor FROM product WHERE id = 'ho-3'").get()).toEqual({ price_minor: 999 });
    // The catalog's full-text index was filled in bulk and its trigger is back for the next product.
    expect(count(core, "SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH 'office'")).toBe(40);
    expect(count(core, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name = 'product_fts_insert'")).toBe(1);
    expect(core.db.prepare("SELECT role FROM app_user WHERE username = 'robin'").get()).toEqual({ role: 'pharmacist' });
    expect(count(core, "SELECT count(*) AS n FROM sync_inbox WHERE state = 'noop'")).toBe(200);
    expect(core.db.prepare('SELECT at_seq FROM sync_snapshot').get()).toEqual({ at_seq: head });
    // Already done: a second call downloads nothing; the log carries on from the snapshot's position.
    expect(await downloadSnapshot({ db: core.db, clock: core.clock })).toMatchObject({ ok: true, state: 'done', received: 0 });
    await push(till, [sale(till), sale(till)]);
    expect(await syncOnce({ db: core.db, clock: core.clock })).toMatchObject({ ok: true });
    expect(count(core, "SELECT count(*) AS n FROM sync_inbox WHERE state = 'noop'")).toBe(202);
  }, 60_000);

  it('resumes a download cut in the middle of the body and applies every event exactly once', async () => {
    const { core, head } = await chainWithNewCounter(32);
    let cuts = 0;
    // The first response's body stops after 3,000 decoded bytes, as a dropped connection would stop it.
    const cutting: SnapshotFetch = async (u, init) => {
      const response = await fetch(u, init);
      if (cuts++ > 0 || !response.body) return response;
      let sent = 0;
      const reader = response.body.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done || sent > 3_000) {
            await reader.cancel();
            controller.error(new TypeError('terminated: other side closed'));
            return;
          }
          sent += value.byteLength;
          controller.enqueue(value);
        },
      });
      return { status: response.status, body, text: () => response.text() };
    };
    const cut = await downloadSnapshot({ db: core.db, clock: core.clock, batchSize: 8, fetch: cutting });
    expect(cut).toMatchObject({ ok: false, error: { code: 'sync.snapshotCut' } });
    const kept = core.db.prepare('SELECT at_seq, after_seq, completed_at FROM sync_snapshot').get() as { at_seq: number; after_seq: number; completed_at: number | null };
    expect(kept.at_seq).toBe(head);
    expect(kept.after_seq).toBeGreaterThan(0);
    expect(kept.completed_at).toBeNull();
    expect(core.db.prepare('SELECT cursor FROM sync_state').get()).toEqual({ cursor: 0 });
    const resumed = await downloadSnapshot({ db: core.db, clock: core.clock, batchSize: 8 });
    expect(resumed).toMatchObject({ ok: true, state: 'done', at: head, resumedAfter: kept.after_seq, received: head - kept.after_seq });
    expect(count(core, 'SELECT count(*) AS n FROM sync_inbox')).toBe(head);
    expect(count(core, 'SELECT count(DISTINCT server_seq) AS n FROM sync_inbox')).toBe(head);
    expect(count(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'sync.applyCatalog'")).toBe(2);
    expect(count(core, "SELECT count(*) AS n FROM product WHERE id LIKE 'ho-%'")).toBe(40);
  }, 60_000);
});
