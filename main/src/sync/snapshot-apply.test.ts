// What a snapshot leaves in the inbox: each event stored as the server wrote it (no second serialisation),
// the branch's sales from other tills kept whole (a return at this counter finds them), an event sent twice
// recorded and applied once, and an event of a newer schema kept to be applied after an update.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7Generator } from '../kernel/ids.js';
import { readTerminal } from '../setup/terminal-store.js';
import { applyDeferred, defaultAppliers, type ApplyEnv } from './apply.js';
import type { EventEnvelope } from './contract.js';
import { startFakeSyncServer, type FakeSyncServer } from './fake-sync-server.js';
import { downloadSnapshot, type SnapshotFetch } from './snapshot-client.js';
import { BRANCH_A, DEVICE_A, TENANT, enrolledCounter, levelEvent, remoteEvent } from './sync-test-support.js';
import { syncStore } from './sync-store.js';

let server: FakeSyncServer;
beforeAll(async () => {
  server = await startFakeSyncServer();
});
afterAll(async () => {
  await server.close();
});

/** A snapshot answer made of these exact lines (the body as fetch hands it over, already decoded). */
function serving(lines: string[]): SnapshotFetch {
  return async () => ({
    status: 200,
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        // Split mid-line, as network chunks are.
        const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
        for (let i = 0; i < bytes.length; i += 97) controller.enqueue(bytes.slice(i, i + 97));
        controller.close();
      },
    }),
    text: async () => '',
  });
}

const begin = (at: number) => JSON.stringify({ t: 'begin', format: 1, at, after: 0, tenantId: TENANT, branchId: BRANCH_A });
const end = (at: number, events: number) => JSON.stringify({ t: 'end', at, events, compacted: 0 });
/** The line as the server writes it: PostgreSQL's text of the payload, spaces included. */
const line = (seq: number, e: EventEnvelope, payloadText = JSON.stringify(e.payload)) =>
  `{"t":"event","seq":${seq},"event":${JSON.stringify({ ...e, payload: 0 }).replace('"payload":0', `"payload":${payloadText}`)}}`;

const inbox = (db: Database, id: string) =>
  db.prepare('SELECT server_seq, state, envelope FROM sync_inbox WHERE event_id = ?').get(id) as { server_seq: number; state: string; envelope: string } | undefined;

describe('a snapshot into the inbox', () => {
  it('keeps a sale of another till of the branch whole, stored as the server wrote it', async () => {
    const counter = await enrolledCounter(server, 61);
    const sale = remoteEvent('sales.saleCompleted', { sale: { id: 'S-1', receiptNo: 7, lines: [{ productId: 'p-1', quantity: 2, note: 'é "quoted"' }] } }, { branchId: BRANCH_A, deviceId: '01930000-0000-7000-8000-0000000000a2' });
    const payloadText = '{"sale": {"id": "S-1", "lines": [{"note": "é \\"quoted\\"", "quantity": 2, "productId": "p-1"}], "receiptNo": 7}}';
    const sent = line(1, sale, payloadText);
    const outcome = await downloadSnapshot({ ...counter.deps, fetch: serving([begin(1), sent, end(1, 1)]) });
    expect(outcome).toMatchObject({ ok: true, state: 'done', received: 1 });
    const row = inbox(counter.core.db, sale.id);
    expect(row).toMatchObject({ server_seq: 1, state: 'noop' });
    expect(row?.envelope).toBe(sent.slice('{"t":"event","seq":1,"event":'.length, -1));
    expect(JSON.parse(row?.envelope ?? '')).toEqual(sale);
    counter.core.dispose();
  });

  it('stores the event serialised when its line carries more than the three known keys', async () => {
    const counter = await enrolledCounter(server, 62);
    const sale = remoteEvent('sales.saleCompleted', { n: 1 }, { branchId: BRANCH_A });
    const odd = `{"t":"event","seq":1,"event":${JSON.stringify(sale)},"note":"x"}`;
    expect(await downloadSnapshot({ ...counter.deps, fetch: serving([begin(1), odd, end(1, 1)]) })).toMatchObject({ ok: true });
    expect(inbox(counter.core.db, sale.id)?.envelope).toBe(JSON.stringify(sale));
    counter.core.dispose();
  });

  it('records and applies an event sent twice once, and knows this counter’s own events', async () => {
    const counter = await enrolledCounter(server, 63);
    const sale = remoteEvent('sales.saleCompleted', { n: 1 }, { branchId: BRANCH_A });
    const level = levelEvent('PARA-16', 12);
    const own = remoteEvent('sales.saleCompleted', { n: 2 }, { branchId: BRANCH_A, deviceId: DEVICE_A });
    const lines = [begin(5), line(1, sale), line(2, level), line(3, sale), line(4, level), line(5, own), end(5, 5)];
    const outcome = await downloadSnapshot({ ...counter.deps, fetch: serving(lines) });
    expect(outcome).toMatchObject({ ok: true, received: 5, applied: 1 });
    const db = counter.core.db;
    expect(db.prepare('SELECT count(*) AS n FROM sync_inbox').get()).toEqual({ n: 3 });
    expect(inbox(db, sale.id)).toMatchObject({ server_seq: 1, state: 'noop' });
    expect(inbox(db, level.id)).toMatchObject({ server_seq: 2, state: 'applied' });
    expect(inbox(db, own.id)).toMatchObject({ server_seq: 5, state: 'own' });
    expect(db.prepare('SELECT on_hand FROM branch_stock_level').all()).toEqual([{ on_hand: 12 }]);
    counter.core.dispose();
  });

  it('keeps an event of a newer schema and one no build here knows, and applies the first once this build can', async () => {
    const counter = await enrolledCounter(server, 64);
    const newer = levelEvent('IBU-24', 30, { schemaVersion: 2 });
    const unknown = remoteEvent('loyalty.pointsEarned', { points: 3 });
    const outcome = await downloadSnapshot({ ...counter.deps, fetch: serving([begin(2), line(1, newer), line(2, unknown), end(2, 2)]) });
    expect(outcome).toMatchObject({ ok: true, received: 2, applied: 0 });
    const db = counter.core.db;
    expect(inbox(db, newer.id)?.state).toBe('deferred');
    expect(inbox(db, unknown.id)?.state).toBe('deferred');
    expect(db.prepare('SELECT count(*) AS n FROM branch_stock_level').get()).toEqual({ n: 0 });
    // An update that reads version 2 of stock levels applies the kept event from its stored envelope.
    const identity = syncStore(db).identity();
    const terminal = readTerminal(db);
    if (!identity || !terminal) throw new Error('not enrolled');
    const env: ApplyEnv = { db, clock: counter.core.clock, ids: counter.deps.ids ?? uuidv7Generator(counter.core.clock), identity, terminal };
    const level = defaultAppliers['stock.levelChanged'];
    if (!level) throw new Error('no stock level applier');
    db.transaction(() => applyDeferred(env, { ...defaultAppliers, 'stock.levelChanged': { ...level, version: 2 } }))();
    expect(inbox(db, newer.id)?.state).toBe('applied');
    expect(inbox(db, unknown.id)?.state).toBe('deferred');
    expect(db.prepare('SELECT on_hand FROM branch_stock_level').all()).toEqual([{ on_hand: 30 }]);
    counter.core.dispose();
  });

  it('refuses an event whose text is not JSON, keeping what came before it for the next attempt', async () => {
    const counter = await enrolledCounter(server, 65);
    const first = remoteEvent('sales.saleCompleted', { n: 1 }, { branchId: BRANCH_A });
    const broken = remoteEvent('sales.saleCompleted', { n: 2 }, { branchId: BRANCH_A });
    const brokenLine = line(2, broken, '{"n": 2,}');
    const outcome = await downloadSnapshot({ ...counter.deps, batchSize: 1, fetch: serving([begin(2), line(1, first), brokenLine, end(2, 2)]) });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'sync.badSnapshot' } });
    const db = counter.core.db;
    expect(inbox(db, first.id)?.state).toBe('noop');
    expect(inbox(db, broken.id)).toBeUndefined();
    expect(db.prepare('SELECT after_seq, completed_at FROM sync_snapshot').get()).toEqual({ after_seq: 1, completed_at: null });
    expect(db.prepare('SELECT cursor FROM sync_state').get()).toEqual({ cursor: 0 });
    // An applied type's payload is parsed whole: a broken one is refused before anything of it is applied.
    const level = levelEvent('PARA-16', 5);
    const again = await downloadSnapshot({ ...counter.deps, fetch: serving([begin(2), line(2, level, '{"sku": "PARA-16", "onHand": }'), end(2, 1)]) });
    expect(again).toMatchObject({ ok: false, error: { code: 'sync.badSnapshot' } });
    expect(db.prepare('SELECT count(*) AS n FROM branch_stock_level').get()).toEqual({ n: 0 });
    counter.core.dispose();
  });
});
