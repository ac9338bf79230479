// One headless counter of the reliability run, as its own process over its own data directory: it sets
// itself up and enrolls once, then sells, receives deliveries, sends stock to other branches and receives
// what they sent, while its sync loop runs through its fault proxy. It may be SIGKILLed at any moment and is
// started again over the same directory. Its sync loop holds the live channel (through the same proxy) and
// polls only every 30 s, so other branches' news arrives by live notice. The parent drives it over IPC: act
// and pause, probe sales and watches for another branch's probe (live-probes.ts), quiesce (stop acting and
// syncing), settle (receive arrived transfers and sync once), report (what it holds, for the final checks).
import { randomUUID } from 'node:crypto';
import { auditLog, createCore, verifyStockProjection, type Connection, type Core } from '@mortar/main';
import { startSync, syncOnce } from '@mortar/main/sync';
import { PRODUCTS, type CounterReport, type ParentMessage, type ChildMessage } from './protocol.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (v === undefined) throw new Error(`${name} is not set`);
  return v;
};

const dataDir = env('COUNTER_DATA_DIR');
const serverUrl = env('COUNTER_SERVER_URL');
const code = env('COUNTER_CODE');
const name = env('COUNTER_NAME');
const peers = JSON.parse(env('COUNTER_PEERS')) as { branchId: string; name: string }[];
const ADMIN = { username: 'admin', displayName: 'Harness Admin', password: 'harness-password-1', pin: '2468' };

const send = (m: ChildMessage) => process.send?.(m);

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function isSetUp(core: Core): boolean {
  return core.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'pharmacy'").get() !== undefined &&
    (core.db.prepare('SELECT count(*) AS n FROM pharmacy').get() as { n: number }).n > 0;
}

function enrolled(core: Core): boolean {
  return (core.db.prepare('SELECT count(*) AS n FROM sync_identity').get() as { n: number }).n > 0;
}

async function setUp(core: Core, admin: Connection): Promise<void> {
  await ok(
    admin.invoke('setup.initialize', {
      pharmacy: { name, address: '1 Test Street', taxId: 'GB123456789', baseCurrency: 'GBP', locale: 'en', terminalName: `${name} till` },
      admin: ADMIN,
    }),
  );
  for (const p of PRODUCTS) await ok(admin.invoke('catalog.createProduct', p));
  const supplier = await ok(admin.invoke('inventory.createSupplier', { name: 'Wholesaler', leadTimeDays: 1 }));
  await ok(
    admin.invoke('inventory.receiveDelivery', {
      supplierId: supplier.id,
      reference: 'opening',
      lines: PRODUCTS.map((p, i) => ({ gtin: p.gtins?.[0] ?? '', batch: `OPEN${i}`, expiry: '2029-06-30', quantity: 40, cost: '1.00' })),
    }),
  );
  await ok(admin.invoke('shifts.openShift', { float: '100.00' }));
}

type Lot = { id: string; product_id: string; on_hand: number; pack_size: number };

function lotsWithStock(core: Core): Lot[] {
  return core.db
    .prepare(
      `SELECT b.lot_id AS id, b.product_id, b.on_hand, p.pack_size FROM stock_balance b
         JOIN stock_lot l ON l.id = b.lot_id JOIN product p ON p.id = b.product_id
        WHERE l.location = 'shelf' AND b.on_hand >= p.pack_size ORDER BY b.lot_id`,
    )
    .all() as Lot[];
}

function arrivedTransfers(core: Core): string[] {
  return (core.db.prepare("SELECT id FROM stock_transfer WHERE direction = 'in' AND status = 'inTransit' ORDER BY num").all() as { id: string }[]).map((r) => r.id);
}

async function act(core: Core, admin: Connection, n: number): Promise<void> {
  const r = Math.random();
  const lots = lotsWithStock(core);
  const lot = lots[Math.floor(Math.random() * lots.length)];
  if (r < 0.5 && lot) {
    await ok(
      admin.invoke('sales.completeSale', {
        idempotencyKey: randomUUID(),
        lines: [{ productId: lot.product_id, lotId: lot.id, quantity: 1 }],
        tenders: [{ kind: 'cash', amount: '50.00' }],
      }),
    );
  } else if (r < 0.65) {
    const supplier = core.db.prepare('SELECT id FROM supplier LIMIT 1').get() as { id: string };
    const p = PRODUCTS[n % PRODUCTS.length];
    if (!p) return;
    await ok(
      admin.invoke('inventory.receiveDelivery', {
        supplierId: supplier.id,
        lines: [{ gtin: p.gtins?.[0] ?? '', batch: `R${n % 7}`, expiry: '2029-03-31', quantity: 1 + (n % 3), cost: '1.10' }],
      }),
    );
  } else if (r < 0.8 && lot) {
    const peer = peers[Math.floor(Math.random() * peers.length)];
    if (!peer) return;
    await ok(admin.invoke('inventory.transferOut', { toBranchId: peer.branchId, toBranchName: peer.name, lines: [{ lotId: lot.id, quantity: lot.pack_size }] }));
  } else {
    for (const id of arrivedTransfers(core).slice(0, 2)) await ok(admin.invoke('sync.receiveTransfer', { transferId: id }));
  }
}

function report(core: Core): CounterReport {
  const db = core.db;
  const identity = db.prepare('SELECT device_id, branch_id FROM sync_identity').get() as { device_id: string; branch_id: string };
  const levels = db
    .prepare(
      `SELECT p.sku,
              coalesce(sum(CASE WHEN loc.sellable = 1 THEN m.quantity END), 0) AS onHand,
              coalesce(sum(CASE WHEN loc.sellable = 0 THEN m.quantity END), 0) AS quarantined
         FROM product p LEFT JOIN stock_movement m ON m.product_id = p.id
         LEFT JOIN stock_lot l ON l.id = m.lot_id LEFT JOIN stock_location loc ON loc.code = l.location
        GROUP BY p.sku ORDER BY p.sku`,
    )
    .all() as { sku: string; onHand: number; quarantined: number }[];
  const views = db
    .prepare('SELECT branch_id AS branchId, sku, sum(on_hand) AS onHand, sum(quarantined) AS quarantined FROM branch_stock_level GROUP BY branch_id, sku ORDER BY branch_id, sku')
    .all() as { branchId: string; sku: string; onHand: number; quarantined: number }[];
  return {
    deviceId: identity.device_id,
    branchId: identity.branch_id,
    outbox: (db.prepare('SELECT id, sent_at IS NOT NULL AS sent FROM outbox_event ORDER BY seq').all() as { id: string; sent: number }[]).map((r) => ({ id: r.id, sent: r.sent === 1 })),
    inbox: db.prepare('SELECT event_id AS id, state FROM sync_inbox').all() as { id: string; state: string }[],
    levels,
    views,
    projectionDifferences: verifyStockProjection(db).length,
    audit: auditLog(db).verify(),
    transfers: db
      .prepare(
        `SELECT t.id, t.direction, t.status, t.from_branch_id AS fromBranchId, t.to_branch_id AS toBranchId,
                coalesce((SELECT sum(abs(m.quantity)) FROM stock_movement m WHERE m.document_type = 'transfer' AND m.document_id = t.id), 0) AS quantity
           FROM stock_transfer t ORDER BY t.num`,
      )
      .all() as CounterReport['transfers'],
    exceptions: (db.prepare('SELECT kind, detail FROM sync_exception').all() as { kind: string; detail: string }[]).map((e) => `${e.kind} ${e.detail}`),
  };
}

/** Sells one unit of the product this counter holds most of: the probe of the live path. */
async function probeSell(core: Core, admin: Connection): Promise<{ sku: string; onHand: number; startedAt: number; at: number }> {
  if (lotsWithStock(core).length === 0) {
    // Sold out after a long run of sales and transfers: a delivery first, so that the probe is still a sale.
    const supplier = core.db.prepare('SELECT id FROM supplier LIMIT 1').get() as { id: string };
    const p = PRODUCTS[0];
    await ok(admin.invoke('inventory.receiveDelivery', { supplierId: supplier.id, lines: [{ gtin: p?.gtins?.[0] ?? '', batch: 'PROBE', expiry: '2029-09-30', quantity: 40, cost: '1.00' }] }));
  }
  const lot = lotsWithStock(core).sort((a, b) => b.on_hand - a.on_hand)[0];
  if (!lot) throw new Error('probe: no stock left to sell');
  const startedAt = Date.now();
  await ok(
    admin.invoke('sales.completeSale', {
      idempotencyKey: randomUUID(),
      lines: [{ productId: lot.product_id, lotId: lot.id, quantity: 1 }],
      tenders: [{ kind: 'cash', amount: '50.00' }],
    }),
  );
  const at = Date.now();
  // The level other branches are told of: what stock.levelChanged will carry (stock-levels.ts).
  const level = core.db
    .prepare(
      `SELECT p.sku, coalesce(sum(CASE WHEN loc.sellable = 1 THEN b.on_hand END), 0) AS onHand
         FROM product p LEFT JOIN stock_balance b ON b.product_id = p.id
         LEFT JOIN stock_lot l ON l.id = b.lot_id LEFT JOIN stock_location loc ON loc.code = l.location
        WHERE p.id = ? GROUP BY p.id`,
    )
    .get(lot.product_id) as { sku: string; onHand: number };
  return { sku: level.sku, onHand: level.onHand, startedAt, at };
}

/** When this counter's view of another branch first shows the level of a probe sale (or null at the deadline). */
async function watch(core: Core, m: Extract<ParentMessage, { type: 'watch' }>): Promise<number | null> {
  const view = core.db.prepare('SELECT sum(on_hand) AS onHand, max(as_of) AS asOf FROM branch_stock_level WHERE branch_id = ? AND sku = ?');
  const deadline = Date.now() + m.timeoutMs;
  for (;;) {
    const row = view.get(m.branchId, m.sku) as { onHand: number | null; asOf: number | null };
    if (row.onHand === m.onHand && (row.asOf ?? 0) >= m.since) return Date.now();
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function main(): Promise<void> {
  const core = createCore({ dataDir, log: () => undefined });
  const admin = core.connect();
  if (!isSetUp(core)) await setUp(core, admin);
  else await ok(admin.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password }));
  if (!enrolled(core)) await ok(admin.invoke('sync.enroll', { serverUrl, code, label: name }));
  // A long interval: between a counter's own pushes, only the live channel's notices make it pull soon.
  const synced = startSync(core, {
    intervalMs: Number(process.env.COUNTER_INTERVAL_MS ?? 30_000),
    backoff: { baseMs: 100, maxMs: 1500 },
    wire: { timeoutMs: 4000 },
  });
  // The live socket's state as the app sees it, told to the parent at every change (it counts reconnects).
  let connected = false;
  let connects = 0;
  const monitor = setInterval(() => {
    if (synced.loop.liveConnected === connected) return;
    connected = !connected;
    if (connected) connects++;
    send({ type: 'live', connected, connects });
  }, 10);
  let wantToAct = false;
  let acting: Promise<void> | null = null;
  let n = Number((core.db.prepare('SELECT count(*) AS n FROM outbox_event').get() as { n: number }).n);
  const actLoop = async () => {
    while (wantToAct) {
      try {
        await act(core, admin, n++);
      } catch (e: unknown) {
        // A refusal (stock sold meanwhile, a transfer already received) is the counter's normal life, not a failure.
        const message = e instanceof Error ? e.message : String(e);
        if (!/^(stock|inventory|sales)\./.test(message)) send({ type: 'failed', message });
      }
      await new Promise((r) => setTimeout(r, 60 + Math.floor(Math.random() * 200)));
    }
  };
  const stopActing = async () => {
    wantToAct = false;
    await acting;
  };
  process.on('message', (raw) => {
    const m = raw as ParentMessage;
    void (async () => {
      if (m.type === 'act') {
        wantToAct = true;
        acting ??= actLoop().finally(() => (acting = null));
      } else if (m.type === 'pause') {
        await stopActing();
        send({ type: 'paused' });
      } else if (m.type === 'probeSell') {
        send({ type: 'sold', probe: m.probe, ...(await probeSell(core, admin)) });
      } else if (m.type === 'watch') {
        send({ type: 'seen', probe: m.probe, at: await watch(core, m) });
      } else if (m.type === 'quiesce') {
        await stopActing();
        await synced.stop();
        clearInterval(monitor);
        send({ type: 'quiet' });
      } else if (m.type === 'settle') {
        for (const id of arrivedTransfers(core)) await ok(admin.invoke('sync.receiveTransfer', { transferId: id }));
        const outcome = await syncOnce({ db: core.db, clock: core.clock, wire: { timeoutMs: 4000 } });
        const pending = (core.db.prepare('SELECT count(*) AS n FROM outbox_event WHERE sent_at IS NULL').get() as { n: number }).n;
        send({ type: 'settled', ok: outcome.ok, pending, pulled: outcome.pulled, inTransit: arrivedTransfers(core).length, error: outcome.ok ? null : outcome.error.code });
      } else {
        send({ type: 'report', report: report(core) });
        core.close();
        process.exit(0);
      }
    })().catch((e: unknown) => send({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
  });
  const first = await syncOnce({ db: core.db, clock: core.clock, wire: { timeoutMs: 4000 } });
  send({ type: 'ready', synced: first.ok });
}

main().catch((e: unknown) => {
  send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exit(1);
});
