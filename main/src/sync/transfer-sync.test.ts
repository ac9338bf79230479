// A stock transfer through the real sync server (Fastify over embedded PostgreSQL): sent at one branch, it
// reaches the destination branch by itself and waits there in transit; no third branch receives it; the
// destination's receipt posts the stock once and closes the transfer at the sender.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { onHand, setUpCounter, type Counter } from '../sales/sales-fixtures.js';
import { syncOnce } from './sync-client.js';

// main does not depend on the server package: it is loaded at run time by a specifier the compiler does not
// follow, and described here by the little this test uses.
type ServerDb = { query(sql: string, params?: unknown[]): Promise<unknown[]> };
type ServerApp = { listen(o: { port: number; host: string }): Promise<string>; close(): Promise<void> };
type SyncServerModule = {
  openPglite(): Promise<ServerDb & { close(): Promise<void> }>;
  migrate(db: ServerDb): Promise<number[]>;
  buildServer(o: { db: ServerDb; adminToken: string; logger: false }): { app: ServerApp };
};
const serverModule: string = '@mortar/sync-server';
const ADMIN_TOKEN = 'transfer-admin-token-0123456789';

type Branch = Counter & { branchId: string; name: string };

let app: ServerApp | null = null;
let db: (ServerDb & { close(): Promise<void> }) | null = null;
let url = '';
const branches: Branch[] = [];

async function admin(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const r = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as Record<string, unknown>;
}

const sync = async (b: Branch) => expect(await syncOnce({ db: b.core.db, clock: b.core.clock })).toMatchObject({ ok: true });
const inbox = (b: Branch, type: string) =>
  (b.core.db.prepare('SELECT count(*) AS n FROM sync_inbox WHERE type = ?').get(type) as { n: number }).n;

beforeAll(async () => {
  const mod = (await import(serverModule)) as SyncServerModule;
  db = await mod.openPglite();
  await mod.migrate(db);
  app = mod.buildServer({ db, adminToken: ADMIN_TOKEN, logger: false }).app;
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  const tenantId = (await admin('/v1/admin/tenants', { name: 'Chain' })).tenantId as string;
  for (const [i, name] of ['Riverside', 'Hillside', 'Lakeside'].entries()) {
    const branchId = (await admin(`/v1/admin/tenants/${tenantId}/branches`, { name })).branchId as string;
    const code = (await admin(`/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`)).code as string;
    const counter = await setUpCounter({ seed: 300 + i });
    counter.core.db.prepare('UPDATE pharmacy SET name = ?').run(`${name} Pharmacy`);
    expectOk(await counter.admin.invoke('sync.enroll', { serverUrl: url, code, label: name }));
    branches.push({ ...counter, branchId, name });
  }
  for (const b of branches) await sync(b);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  for (const b of branches) b.core.dispose();
});

describe('stock transfers through sync', () => {
  it('reaches only its destination in transit, is received there once, and shows received at the sender', async () => {
    const [riverside, hillside, lakeside] = branches;
    if (!riverside || !hillside || !lakeside) throw new Error('branches missing');
    const sent = expectOk(
      await riverside.admin.invoke('inventory.transferOut', {
        toBranchId: hillside.branchId,
        toBranchName: hillside.name,
        lines: [{ lotId: riverside.lots.paracetamol, quantity: 32 }],
      }),
    );
    expect(onHand(riverside.core, riverside.lots.paracetamol)).toBe(320 - 32);
    await sync(riverside);
    await sync(hillside);
    await sync(lakeside);

    // At the destination: in transit, nothing on the shelf yet.
    const arrived = expectOk(await hillside.admin.invoke('inventory.listTransfers', {}));
    expect(arrived).toEqual([expect.objectContaining({ id: sent.id, direction: 'in', status: 'inTransit', fromBranchId: riverside.branchId })]);
    expect(onHand(hillside.core, hillside.lots.paracetamol)).toBe(320);
    // A third branch never receives it.
    expect(inbox(lakeside, 'inventory.transferSent')).toBe(0);
    expect(expectOk(await lakeside.admin.invoke('inventory.listTransfers', {}))).toEqual([]);

    const received = expectOk(await hillside.admin.invoke('sync.receiveTransfer', { transferId: sent.id }));
    expect(received).toMatchObject({ id: sent.id, direction: 'in', status: 'received', lines: [expect.objectContaining({ quantity: 32, batch: 'B-PARACETAMOL' })] });
    const lotAtHillside = received.lines[0]?.lotId ?? '';
    expect(onHand(hillside.core, lotAtHillside)).toBe(lotAtHillside === hillside.lots.paracetamol ? 320 + 32 : 32);
    const again = await hillside.admin.invoke('sync.receiveTransfer', { transferId: sent.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'inventory.transferAlreadyReceived' } });
    const unknown = await lakeside.admin.invoke('sync.receiveTransfer', { transferId: sent.id });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'inventory.transferNotFound' } });

    await sync(hillside);
    await sync(riverside);
    await sync(lakeside);
    expect(expectOk(await riverside.admin.invoke('inventory.listTransfers', {}))).toEqual([
      expect.objectContaining({ id: sent.id, direction: 'out', status: 'received', receivedAt: expect.any(Number) }),
    ]);
    expect(inbox(lakeside, 'inventory.transferReceived')).toBe(0);

    // Reading the whole log again from the start moves no stock twice and changes no status.
    const ledger = (b: Branch) => (b.core.db.prepare("SELECT count(*) AS n FROM stock_movement WHERE kind IN ('transferIn', 'transferOut')").get() as { n: number }).n;
    for (const b of [riverside, hillside]) {
      const before = ledger(b);
      b.core.db.prepare('UPDATE sync_state SET cursor = 0').run();
      expect(await syncOnce({ db: b.core.db, clock: b.core.clock })).toMatchObject({ ok: true, applied: 0 });
      expect(ledger(b)).toBe(before);
    }
    expect(onHand(riverside.core, riverside.lots.paracetamol)).toBe(320 - 32);
    const audit = riverside.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.transferConfirmed'").get() as { n: number };
    expect(audit.n).toBe(1);
  });

  it('keeps a transfer whose document was altered out of stock, as an exception for managers', async () => {
    const [riverside, hillside] = branches;
    if (!riverside || !hillside) throw new Error('branches missing');
    const sent = expectOk(
      await riverside.admin.invoke('inventory.transferOut', { toBranchId: hillside.branchId, lines: [{ lotId: riverside.lots.aspirin, quantity: 16 }] }),
    );
    // Altered in the outbox before it leaves: the quantity no longer matches the checksum.
    const row = riverside.core.db.prepare("SELECT id, payload FROM outbox_event WHERE type = 'inventory.transferSent' AND sent_at IS NULL").get() as { id: string; payload: string };
    const payload = JSON.parse(row.payload) as { document: { lines: { quantity: number }[] } };
    const first = payload.document.lines[0];
    if (first) first.quantity = 1600;
    riverside.core.db.prepare('UPDATE outbox_event SET payload = ? WHERE id = ?').run(JSON.stringify(payload), row.id);
    await sync(riverside);
    await sync(hillside);
    const transfers = expectOk(await hillside.admin.invoke('inventory.listTransfers', {}));
    expect(transfers.map((t) => t.id)).not.toContain(sent.id);
    const exceptions = expectOk(await hillside.admin.invoke('sync.listExceptions', {}));
    expect(exceptions).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'sync.applyFailed', detail: expect.objectContaining({ type: 'inventory.transferSent' }) })]));
  });
});
