// The sync loop of a new counter against the real sync server (Fastify over PGlite): its first round loads
// the snapshot and then the log, and an app closed mid-download resumes in the next loop without applying
// anything twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, uuidv7Generator } from '../kernel/ids.js';
import { startRealSyncServer, type RealSyncServer } from './real-sync-server.js';
import { createTestCore, expectOk, setUpPharmacy, type TestCore } from '../testing/index.js';
import type { EventEnvelope } from './contract.js';
import type { SnapshotFetch } from './snapshot-client.js';
import { startSyncLoop, type SyncLoop } from './sync-loop.js';

const ADMIN_TOKEN = 'loop-catch-up-admin-token-0123456789';

let server: RealSyncServer;
let url = '';
const cores: TestCore[] = [];
const loops: SyncLoop[] = [];
const ids = uuidv7Generator({ now: () => 1_800_000_000_000 }, seededRandom(7));

const admin = (path: string, body: unknown = {}) => server.admin(path, body);

const branchCode = (tenantId: string, branchId: string) => server.enrollmentCode(tenantId, branchId);

let hlc = 0;
/** A chain whose branch has traded and whose head office has published, and a fresh counter enrolled in it. */
async function chainWithNewCounter(seed: number) {
  const tenantId = (await admin('/v1/admin/tenants', { name: `Chain ${seed}` })).tenantId as string;
  const branchId = (await admin(`/v1/admin/tenants/${tenantId}/branches`, { name: 'Riverside' })).branchId as string;
  const enrolled = await fetch(`${url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: await branchCode(tenantId, branchId), label: 'till 1' }) });
  const till = (await enrolled.json()) as { deviceId: string; credential: string };
  for (let page = 0; page < 3; page++) {
    const events: EventEnvelope[] = Array.from({ length: 40 }, () => {
      hlc++;
      return { id: ids.next(), tenantId, branchId, deviceId: till.deviceId, hlc: `${String(1_800_000_000_000 + hlc).padStart(15, '0')}:000000:till`, type: 'sales.saleCompleted', schemaVersion: 1, occurredAt: 1_800_000_000_000, payload: { n: hlc } };
    });
    const r = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${till.credential}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
    expect(r.status).toBe(200);
  }
  const items = Array.from({ length: 30 }, (_, i) => ({ productId: `ho-${i}`, sku: `HO-${String(i).padStart(3, '0')}`, name: `Head office product ${i}`, form: 'tablet', packSize: 10, rxOnly: false, taxCategory: 'standard', active: true, priceMinor: 100 + i, currency: 'GBP' }));
  await admin(`/v1/admin/tenants/${tenantId}/publish/products`, { items });
  const core = createTestCore({ seed });
  cores.push(core);
  const { admin: conn } = await setUpPharmacy(core);
  expectOk(await conn.invoke('sync.enroll', { serverUrl: url, code: await branchCode(tenantId, branchId), label: 'new till' }));
  return { core, conn, head: 121 };
}

function loopOver(core: TestCore, snapshotFetch?: SnapshotFetch): SyncLoop {
  const loop = startSyncLoop({ db: core.db, clock: core.clock, live: false, intervalMs: 60_000, initialDelayMs: 60_000, snapshotBatch: 16, ...(snapshotFetch ? { snapshotFetch } : {}) });
  loops.push(loop);
  return loop;
}

const count = (core: TestCore, sql: string) => (core.db.prepare(sql).get() as { n: number }).n;

beforeAll(async () => {
  server = await startRealSyncServer(ADMIN_TOKEN);
  url = server.url;
}, 120_000);

afterAll(async () => {
  for (const l of loops) await l.stop();
  await server.close();
  for (const c of cores) c.dispose();
});

describe('the sync loop of a new counter against the real server', () => {
  it('loads the snapshot in its first round and follows the log from there', async () => {
    const { core, conn, head } = await chainWithNewCounter(41);
    const loop = loopOver(core);
    expect(await loop.syncNow()).toMatchObject({ ok: true });
    const row = core.db.prepare('SELECT at_seq, completed_at IS NOT NULL AS done FROM sync_snapshot').get() as { at_seq: number; done: number };
    expect(row.done).toBe(1);
    expect(row.at_seq).toBeGreaterThanOrEqual(head);
    expect(count(core, "SELECT count(*) AS n FROM product WHERE id LIKE 'ho-%' AND active = 1")).toBe(30);
    expect(count(core, "SELECT count(*) AS n FROM sync_inbox WHERE state = 'noop'")).toBe(120);
    const status = expectOk(await conn.invoke('sync.status', {}));
    expect(status).toMatchObject({ online: true, catchUp: null, pending: 0 });
    expect(status.cursor).toBeGreaterThanOrEqual(row.at_seq);
  }, 60_000);

  it('resumes in the next loop after the app closed mid-download, applying every event once', async () => {
    const { core, conn } = await chainWithNewCounter(42);
    let calls = 0;
    const asked: URL[] = [];
    // The first answer delivers its first bytes and then nothing more, until the loop's stop aborts it.
    const stalling: SnapshotFetch = async (u, init) => {
      asked.push(new URL(u));
      const response = await fetch(u, init);
      if (calls++ > 0 || !response.body) return response;
      const reader = response.body.getReader();
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent > 6_000) {
            await new Promise<void>((resolve) => init.signal.addEventListener('abort', () => resolve(), { once: true }));
            await reader.cancel();
            controller.error(new DOMException('aborted', 'AbortError'));
            return;
          }
          const { done, value } = await reader.read();
          if (done) return controller.close();
          sent += value.byteLength;
          controller.enqueue(value);
        },
      });
      return { status: response.status, body, text: () => response.text() };
    };
    const first = loopOver(core, stalling);
    const round = first.syncNow();
    const start = Date.now();
    const progress = () => (core.db.prepare('SELECT after_seq FROM sync_snapshot').get() as { after_seq: number } | undefined)?.after_seq ?? 0;
    while (progress() === 0) {
      if (Date.now() - start > 30_000) throw new Error('the snapshot never got under way');
      await new Promise((r) => setTimeout(r, 10));
    }
    const during = expectOk(await conn.invoke('sync.status', {}));
    expect(during.catchUp).toMatchObject({ running: true });
    await first.stop();
    await round;
    const through = progress();
    const paused = expectOk(await conn.invoke('sync.status', {}));
    expect(paused.catchUp).toMatchObject({ running: false, through });
    const next = loopOver(core, stalling);
    expect(await next.syncNow()).toMatchObject({ ok: true });
    const at = (core.db.prepare('SELECT at_seq FROM sync_snapshot').get() as { at_seq: number }).at_seq;
    expect(through).toBeGreaterThan(0);
    expect(asked.map((a) => [a.searchParams.get('at'), a.searchParams.get('after')])).toEqual([
      [null, '0'],
      [String(at), String(through)],
    ]);
    expect(count(core, 'SELECT count(*) AS n FROM sync_inbox')).toBe(count(core, 'SELECT count(DISTINCT event_id) AS n FROM sync_inbox'));
    expect(count(core, "SELECT count(*) AS n FROM sync_inbox WHERE state = 'noop'")).toBe(120);
    expect(count(core, "SELECT count(*) AS n FROM product WHERE id LIKE 'ho-%'")).toBe(30);
    expect(count(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'sync.applyCatalog'")).toBe(1);
    expect(expectOk(await conn.invoke('sync.status', {})).catchUp).toBeNull();
  }, 60_000);
});
