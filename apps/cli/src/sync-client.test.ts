// Two counters of one chain against the real sync server (Fastify over PGlite): enrollment through the
// admin API, a sale made offline at one branch, and the other branch seeing its stock level change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, expectOk, setUpPharmacy, type TestCore } from '@mortar/main/testing';
import { startSync, syncOnce, type FetchLike } from '@mortar/main/sync';
import type { Connection } from '@mortar/main';
import type { InputOf } from '@mortar/main/contract';

// apps/cli's TypeScript project does not reference sync-server, so the server is loaded at run time by a
// specifier the compiler does not follow, and described here by the little this test uses.
type ServerDb = { query(sql: string, params?: unknown[]): Promise<unknown[]> };
type ServerApp = { listen(o: { port: number; host: string }): Promise<string>; close(): Promise<void> };
type SyncServerModule = {
  openPglite(): Promise<ServerDb>;
  migrate(db: ServerDb): Promise<number[]>;
  buildServer(o: { db: ServerDb; adminToken: string; logger: false }): { app: ServerApp };
};
const serverModule: string = '@mortar/sync-server';

const ADMIN_TOKEN = 'integration-admin-token-0123456789';
const PRODUCT: InputOf<'catalog.createProduct'> = {
  sku: 'PARA-16',
  name: 'Paracetamol 500 mg tablets',
  ingredients: [{ name: 'Paracetamol', strength: '500 mg' }],
  strength: '500 mg',
  form: 'tablet',
  packSize: 16,
  unit: 'tablet',
  legalCategory: 'gsl',
  taxCategory: 'standard',
  priceMinor: 89,
  gtins: ['5010000000011'],
};

type Branch = { core: TestCore; admin: Connection; productId: string; lotId: string };

let mod: SyncServerModule;
let db: ServerDb;
let app: ServerApp | null = null;
let url = '';
let port = 0;
let sales = 0;
const cores: TestCore[] = [];

async function startServer(): Promise<void> {
  app = mod.buildServer({ db, adminToken: ADMIN_TOKEN, logger: false }).app;
  url = await app.listen({ port, host: '127.0.0.1' });
  port = Number(new URL(url).port);
}

async function stopServer(): Promise<void> {
  await app?.close();
  app = null;
}

async function admin(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const r = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as Record<string, unknown>;
}

async function enrolledBranch(seed: number, name: string, code: string): Promise<Branch> {
  const core = createTestCore({ seed });
  cores.push(core);
  const { admin: conn } = await setUpPharmacy(core);
  core.db.prepare('UPDATE pharmacy SET name = ?').run(name);
  const product = expectOk(await conn.invoke('catalog.createProduct', PRODUCT));
  // Opening stock through the ledger: a receipt movement, projected by the trigger.
  const lotId = `00000000-0000-7000-8000-${String(seed).padStart(12, '0')}`;
  core.db
    .prepare("INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, 'B1', '2027-01-31', 'shelf', 10)")
    .run(lotId, product.id);
  core.db
    .prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES (?, ?, ?, 'receipt', 320, ?)")
    .run(`00000000-0000-7000-9000-${String(seed).padStart(12, '0')}`, lotId, product.id, core.clock.now());
  expectOk(await conn.invoke('shifts.openShift', { float: '100.00' }));
  expectOk(await conn.invoke('sync.enroll', { serverUrl: url, code, label: name }));
  return { core, admin: conn, productId: product.id, lotId };
}

async function sellOnePack(b: Branch): Promise<void> {
  sales++;
  expectOk(
    await b.admin.invoke('sales.completeSale', {
      idempotencyKey: `integration-sale-${sales}`,
      lines: [{ productId: b.productId, lotId: b.lotId, quantity: 1 }],
      tenders: [{ kind: 'cash', amount: '10.00' }],
    }),
  );
}

const sync = (b: Branch, extra: Partial<Parameters<typeof syncOnce>[0]> = {}) => syncOnce({ db: b.core.db, clock: b.core.clock, ...extra });

let riverside: Branch;
let hillside: Branch;
let tenantId = '';

beforeAll(async () => {
  mod = (await import(serverModule)) as SyncServerModule;
  db = await mod.openPglite();
  await mod.migrate(db);
  await startServer();
  tenantId = (await admin('/v1/admin/tenants', { name: 'Chain' })).tenantId as string;
  const codes: string[] = [];
  for (const name of ['Riverside', 'Hillside']) {
    const branchId = (await admin(`/v1/admin/tenants/${tenantId}/branches`, { name })).branchId as string;
    codes.push((await admin(`/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`, {})).code as string);
  }
  riverside = await enrolledBranch(101, 'Riverside Pharmacy', codes[0] ?? '');
  hillside = await enrolledBranch(202, 'Hillside Pharmacy', codes[1] ?? '');
}, 120_000);

afterAll(async () => {
  await stopServer();
  for (const c of cores) c.dispose();
});

describe('sync between two counters through the real sync server', () => {
  it('a sale made offline at one branch shows in the other branch’s stock view once both have synced', async () => {
    expect(await sync(riverside)).toMatchObject({ ok: true });
    expect(await sync(hillside)).toMatchObject({ ok: true });
    const before = expectOk(await hillside.admin.invoke('sync.listBranchStock', { sku: 'PARA-16' }));
    expect(before).toEqual([expect.objectContaining({ branchName: 'Riverside Pharmacy', onHand: 320 })]);

    await stopServer();
    await sellOnePack(riverside);
    const offline = await sync(riverside);
    expect(offline.ok).toBe(false);
    const status = expectOk(await riverside.admin.invoke('sync.status', {}));
    expect(status).toMatchObject({ online: false, lastError: { code: 'sync.unreachable' } });
    expect(status.pending).toBeGreaterThan(0);

    await startServer();
    expect(await sync(riverside)).toMatchObject({ ok: true });
    expect(expectOk(await riverside.admin.invoke('sync.status', {}))).toMatchObject({ online: true, pending: 0 });
    expect(await sync(hillside)).toMatchObject({ ok: true, applied: 1 });
    const after = expectOk(await hillside.admin.invoke('sync.listBranchStock', { sku: 'PARA-16' }));
    expect(after).toEqual([expect.objectContaining({ branchName: 'Riverside Pharmacy', onHand: 304 })]);
    // Each branch sees the other, never itself.
    expect(expectOk(await riverside.admin.invoke('sync.listBranchStock', { sku: 'PARA-16' }))).toEqual([
      expect.objectContaining({ branchName: 'Hillside Pharmacy', onHand: 320 }),
    ]);
  });

  it('a pull cut after the server answered is retried and applies each event once', async () => {
    for (let i = 0; i < 3; i++) {
      await sellOnePack(riverside);
      expect((await sync(riverside)).ok).toBe(true);
    }
    const appliedBefore = (hillside.core.db.prepare("SELECT count(*) AS n FROM sync_inbox WHERE state = 'applied'").get() as { n: number }).n;
    let pulls = 0;
    // The second page's answer is lost in transit after the server sent it.
    const cutting: FetchLike = async (u, init) => {
      const response = await fetch(u, init);
      if (init.method === 'GET' && ++pulls === 2) throw new TypeError('fetch failed: connection reset');
      return response;
    };
    const cut = await sync(hillside, { pullPage: 1, wire: { fetch: cutting } });
    expect(cut).toMatchObject({ ok: false, applied: 1 });
    expect(await sync(hillside, { pullPage: 1 })).toMatchObject({ ok: true, applied: 2 });
    // Read the whole log again from the start: nothing is applied twice.
    hillside.core.db.prepare('UPDATE sync_state SET cursor = 0').run();
    expect(await sync(hillside)).toMatchObject({ ok: true, applied: 0 });
    const inbox = hillside.core.db.prepare("SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM sync_inbox WHERE state = 'applied'").get() as { n: number; d: number };
    expect(inbox.n).toBe(appliedBefore + 3);
    expect(inbox.d).toBe(inbox.n);
    const level = expectOk(await hillside.admin.invoke('sync.listBranchStock', { sku: 'PARA-16' }));
    expect(level).toEqual([expect.objectContaining({ onHand: 320 - 4 * 16 })]);
  });

  it('with both loops running, a sale at one branch shows in the other branch’s stock view within 2 seconds', async () => {
    // Rounds every minute: only the local change and the live channel can make this quick.
    const a = startSync(riverside.core, { intervalMs: 60_000 });
    const b = startSync(hillside.core, { intervalMs: 60_000 });
    try {
      await Promise.all([a.loop.syncNow(), b.loop.syncNow()]);
      for (let i = 0; i < 50 && !b.loop.liveConnected; i++) await new Promise((r) => setTimeout(r, 20));
      expect(b.loop.liveConnected).toBe(true);
      const level = async () => expectOk(await hillside.admin.invoke('sync.listBranchStock', { sku: 'PARA-16' }))[0]?.onHand;
      const before = await level();
      const notices: string[] = [];
      const off = b.core.subscribe((n) => notices.push(n.op));
      const seller = a.core.connect();
      Object.assign(seller.state, riverside.admin.state);
      const started = performance.now();
      expectOk(
        await seller.invoke('sales.completeSale', {
          idempotencyKey: 'integration-live-sale',
          lines: [{ productId: riverside.productId, lotId: riverside.lotId, quantity: 1 }],
          tenders: [{ kind: 'cash', amount: '10.00' }],
        }),
      );
      let after = before;
      while (after === before && performance.now() - started < 5_000) {
        await new Promise((r) => setTimeout(r, 25));
        after = await level();
      }
      const elapsed = performance.now() - started;
      off();
      expect(after).toBe((before ?? 0) - 16);
      expect(elapsed).toBeLessThan(2_000);
      expect(notices).toContain('sync.now');
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a recall published at head office quarantines the batch at every branch on arrival', async () => {
    const item = { recallId: 'HO-2026-17', productId: 'ho-paracetamol', gtin: PRODUCT.gtins?.[0] ?? '', batches: ['B1'], level: 'retail', reason: 'mislabelled strength', issuedAt: Date.UTC(2026, 10, 27) };
    await admin(`/v1/admin/tenants/${tenantId}/publish/recalls`, { items: [item] });
    for (const b of [riverside, hillside]) {
      expect(await sync(b)).toMatchObject({ ok: true });
      const lots = b.core.db
        .prepare("SELECT l.location, sum(s.on_hand) AS units FROM stock_balance s JOIN stock_lot l ON l.id = s.lot_id WHERE s.on_hand <> 0 GROUP BY l.location")
        .all();
      expect(lots).toEqual([{ location: 'quarantine', units: expect.any(Number) }]);
      expect(b.core.db.prepare('SELECT reference FROM recall').all()).toEqual([{ reference: 'HO-2026-17' }]);
    }
  });
});
