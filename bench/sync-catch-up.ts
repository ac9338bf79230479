// Catch-up of a new counter (DESIGN.md "Sync": a chain with a 100,000-product catalog must be ready in well
// under a minute). The sync server runs as its own `mortar-sync` process over the local PostgreSQL; head
// office publishes 100,000 products with prices, tax rules, rates, recalls and staff through the admin API,
// and the tenant log holds 1,000,000 events (the branch's sales from three other tills and other branches'
// stock levels). A fresh counter enrolls and is timed from its first request to ready: the snapshot, then
// the log from the snapshot's position. Goal: under 60 s over loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '@mortar/main';
import { expectOk, gtinCheckDigit, tempDir } from '@mortar/main/testing';
import { catchUpNewCounter, type SnapshotFetch } from '@mortar/main/sync';
import { report } from './stats.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const GOAL_SECONDS = 60;
/** Events the counter applies per transaction. */
const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
/** Bump when the seeded data set changes shape, so that a stale cached database is not reused. */
const DATASET_VERSION = 2;
const DATABASE = `mortar_bench_catch_up_v${DATASET_VERSION}_p${PRODUCTS}_e${EVENTS}`;
const ADMIN_TOKEN = 'bench-catch-up-admin-token-0123456789';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(REPO, 'node_modules/.cache/mortar-bench-sync-catch-up');
const META = join(CACHE, `${DATABASE}.json`);
const log = (m: string) => process.stderr.write(`[sync-catch-up] ${m}\n`);

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux); null elsewhere. */
function childCpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

// bench's TypeScript project does not reference sync-server: loaded at run time, described by what is used.
type ServerDb = { query<R>(sql: string, params?: unknown[]): Promise<R[]>; close(): Promise<void> };
type ServerModule = { openPostgres(o: { connectionString: string }): ServerDb; migrate(db: ServerDb): Promise<number[]> };
const serverModule: string = '@mortar/sync-server';
const server = (await import(serverModule)) as ServerModule;

const socketUrl = (db: string) => `postgresql://${encodeURIComponent(userInfo().username)}@localhost/${db}?host=/var/run/postgresql`;

type Seeded = { tenantId: string; branchId: string; head: number; publications: number; seedSeconds: number };

async function post(base: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as Record<string, unknown>;
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

async function enroll(base: string, tenantId: string, branchId: string, label: string): Promise<{ code: string; deviceId?: string }> {
  const code = (await post(base, `/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`, {})).code as string;
  if (label === 'new counter') return { code };
  const e = await post(base, '/v1/enroll', { code, label });
  return { code, deviceId: e.deviceId as string };
}

function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = join(REPO, 'sync-server/bin/mortar-sync.js');
  const child = spawn(process.execPath, [bin, '--host', '127.0.0.1', '--port', '0', '--device-rate', '100000:100000', '--body-limit', '4194304'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, MORTAR_SYNC_ADMIN_TOKEN: ADMIN_TOKEN, MORTAR_SYNC_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (c: Buffer) => {
      buffered += c.toString();
      for (const line of buffered.split('\n').slice(0, -1)) {
        const m = /"msg":"mortar-sync listening".*?"url":"([^"]+)"|"url":"([^"]+)".*?"msg":"mortar-sync listening"/.exec(line);
        if (m) resolve({ url: m[1] ?? m[2] ?? '', child });
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => reject(new Error(`mortar-sync exited with ${code}`)));
  });
}

const WORDS = ['paracetamol', 'ibuprofen', 'cetirizine', 'loratadine', 'omeprazole', 'aspirin', 'naproxen', 'simvastatin', 'amlodipine', 'metformin', 'vitamin', 'zinc', 'saline', 'lidocaine', 'hydrocortisone', 'clotrimazole'];
const FORMS = ['tablet', 'capsule', 'syrup', 'cream', 'drops', 'spray'];

function gtin13(n: number): string {
  const body = `50${String(n).padStart(10, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

function product(n: number) {
  return {
    productId: `ho-${n}`,
    sku: `HO-${String(n).padStart(6, '0')}`,
    gtins: [gtin13(n)],
    name: `${WORDS[n % WORDS.length]} ${(n % 50) * 10 + 10} mg ${FORMS[n % FORMS.length]} ${n}`,
    brand: `Brand ${n % 300}`,
    form: FORMS[n % FORMS.length],
    strength: `${(n % 50) * 10 + 10} mg`,
    unit: FORMS[n % FORMS.length],
    packSize: 1 + (n % 5) * 8,
    rxOnly: n % 7 === 0,
    taxCategory: n % 11 === 0 ? 'zero' : 'standard',
    active: true,
    priceMinor: 99 + (n % 4000),
    currency: 'GBP',
  };
}

async function seed(base: string, db: ServerDb): Promise<Seeded> {
  const t0 = performance.now();
  const tenantId = (await post(base, '/v1/admin/tenants', { name: 'Bench Chain' })).tenantId as string;
  const branches: string[] = [];
  for (const name of ['Riverside', 'Hillside', 'Lakeside', 'Parkside', 'Seaside']) branches.push((await post(base, `/v1/admin/tenants/${tenantId}/branches`, { name })).branchId as string);
  const branchId = branches[0] ?? '';
  const tills: string[] = [];
  for (let i = 0; i < 3; i++) tills.push((await enroll(base, tenantId, branchId, `till ${i + 1}`)).deviceId ?? '');
  const others: { branchId: string; deviceId: string }[] = [];
  for (const b of branches.slice(1)) others.push({ branchId: b, deviceId: (await enroll(base, tenantId, b, 'till 1')).deviceId ?? '' });
  let publications = 0;
  const publish = async (kind: string, items: unknown[]) => {
    await post(base, `/v1/admin/tenants/${tenantId}/publish/${kind}`, { items });
    publications++;
  };
  for (let from = 0; from < PRODUCTS; from += 1000) {
    await publish('products', Array.from({ length: Math.min(1000, PRODUCTS - from) }, (_, i) => product(from + i)));
    if ((from / 1000) % 20 === 19) log(`${from + 1000} products published`);
  }
  await publish('prices', Array.from({ length: 1000 }, (_, i) => ({ productId: `ho-${i * 97 % PRODUCTS}`, currency: 'GBP', priceMinor: 150 + i, validFrom: 0 })));
  await publish('taxRules', [{ ruleId: 'gb-standard', category: 'standard', name: 'VAT', ratePercent: '20', validFrom: 0 }, { ruleId: 'gb-zero', category: 'zero', name: 'VAT', ratePercent: '0', validFrom: 0 }]);
  await publish('exchangeRates', [{ base: 'EUR', quote: 'GBP', rate: '0.8512', validFrom: 0 }, { base: 'USD', quote: 'GBP', rate: '0.7871', validFrom: 0 }]);
  await publish('recalls', Array.from({ length: 10 }, (_, i) => ({ recallId: `R-${i}`, productId: `ho-${i * 1013}`, batches: [`B${i}`], level: 'retail', reason: 'Bench recall', issuedAt: 0, class: 'II' })));
  await publish('roles', [{ role: 'pharmacist', permissions: ['rx.dispense'] }]);
  await publish('users', Array.from({ length: 50 }, (_, i) => ({ userId: `u-${i}`, username: `staff${i}`, displayName: `Staff ${i}`, roles: [i % 5 === 0 ? 'pharmacist' : 'cashier'], branchIds: [], active: true })));
  log(`${publications} publications in ${Math.round(performance.now() - t0) / 1000} s`);

  // The history: appended straight into the log in the server's own format (the push path is measured by
  // the ingest benchmark, not here), with UUIDv7 ids in time order as counters make them. 17 of 20 events are the branch's sales, 3 other branches' levels.
  const [start] = await db.query<{ last_seq: string }>('SELECT last_seq FROM tenants WHERE id = $1', [tenantId]);
  const first = Number(start?.last_seq ?? 0);
  const chunk = 100_000;
  for (let from = 1; from <= EVENTS; from += chunk) {
    const to = Math.min(EVENTS, from + chunk - 1);
    await db.query(
      `INSERT INTO events (id, tenant_id, branch_id, device_id, seq, type, schema_version, hlc, occurred_at, payload, published, received_at)
       SELECT (substr(lpad(to_hex(1760000000000 + g * 60), 12, '0'), 1, 8) || '-' || substr(lpad(to_hex(1760000000000 + g * 60), 12, '0'), 9, 4)
                 || '-7' || lpad(to_hex(g % 4096), 3, '0') || '-8' || lpad(to_hex((g / 4096) % 4096), 3, '0') || '-' || lpad(to_hex(g), 12, '0'))::uuid,
              $1::uuid,
              CASE WHEN g % 20 < 17 THEN $2::uuid ELSE ($4::uuid[])[1 + g % 4] END,
              CASE WHEN g % 20 < 17 THEN ($3::uuid[])[1 + g % 3] ELSE ($5::uuid[])[1 + g % 4] END,
              $6::bigint + g,
              CASE WHEN g % 20 < 17 THEN 'sales.saleCompleted' ELSE 'stock.levelChanged' END,
              1,
              lpad((1760000000000 + g * 60)::text, 15, '0') || ':000000:' || CASE WHEN g % 20 < 17 THEN 'till' || (g % 3) ELSE 'other' || (g % 4) END,
              1760000000000 + g * 60,
              CASE WHEN g % 20 < 17 THEN jsonb_build_object('sale', jsonb_build_object(
                     'id', 'S-' || g, 'at', 1760000000000 + g * 60, 'currency', 'GBP', 'receiptNo', g,
                     'totals', jsonb_build_object('amountToPayMinor', 100 + g % 5000, 'taxMinor', (100 + g % 5000) / 6),
                     'lines', jsonb_build_array(jsonb_build_object('productId', 'ho-' || ((g * 7) % ${PRODUCTS}), 'quantity', 1 + g % 3, 'unitPriceMinor', 100 + g % 900))),
                     'actorId', 'cashier-' || (g % 3))
                   ELSE jsonb_build_object('productId', 'ho-' || ((g * 13) % 25000), 'sku', 'HO-' || lpad(((g * 13) % 25000)::text, 6, '0'),
                     'gtins', '[]'::jsonb, 'productName', 'Product ' || ((g * 13) % 25000), 'branchName', 'Branch ' || (g % 4),
                     'onHand', 10 + g % 200, 'quarantined', 0, 'asOf', 1760000000000 + g * 60) END,
              g % 20 >= 17,
              now()
         FROM generate_series($7::bigint, $8::bigint) AS g`,
      [tenantId, branchId, tills, others.map((o) => o.branchId), others.map((o) => o.deviceId), first, from, to],
    );
    log(`${to} events in the log after ${Math.round(performance.now() - t0) / 1000} s`);
  }
  await db.query('UPDATE tenants SET last_seq = $2 WHERE id = $1', [tenantId, first + EVENTS]);
  await db.query('ANALYZE events');
  return { tenantId, branchId, head: first + EVENTS, publications, seedSeconds: Math.round(performance.now() - t0) / 1000 };
}

/** The seeded database is kept between runs (it takes minutes to build); the file under the cache says which. */
async function prepare(): Promise<{ databaseUrl: string; seeded: Seeded; cached: boolean }> {
  const admin = server.openPostgres({ connectionString: socketUrl('postgres') });
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])).length > 0;
  const databaseUrl = socketUrl(DATABASE);
  if (exists && existsSync(META)) {
    const seeded = JSON.parse(readFileSync(META, 'utf8')) as Seeded;
    const db = server.openPostgres({ connectionString: databaseUrl });
    const [row] = await db.query<{ last_seq: string }>('SELECT last_seq FROM tenants WHERE id = $1', [seeded.tenantId]).catch(() => []);
    await db.close();
    // Each run's counter pushes its own first events, so the log only grows past the seeded head.
    if (Number(row?.last_seq) >= seeded.head) {
      await admin.close();
      log(`reusing the seeded database ${DATABASE}`);
      return { databaseUrl, seeded, cached: true };
    }
  }
  rmSync(META, { force: true });
  if (exists) await admin.query(`DROP DATABASE ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.close();
  const db = server.openPostgres({ connectionString: databaseUrl });
  await server.migrate(db);
  const { url, child } = await startServer(databaseUrl);
  try {
    const seeded = await seed(url, db);
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(META, JSON.stringify(seeded));
    return { databaseUrl, seeded, cached: false };
  } finally {
    child.kill('SIGTERM');
    await db.close();
  }
}

const { databaseUrl, seeded, cached } = await prepare();
const { url, child } = await startServer(databaseUrl);
const dir = tempDir('mortar-bench-catch-up-');
const core = createCore({ dataDir: dir, log: () => {} });
try {
  const admin = core.connect();
  expectOk(
    await admin.invoke('setup.initialize', {
      pharmacy: { name: 'Riverside Pharmacy', address: '1 Bench Road', taxId: 'GB1', baseCurrency: 'GBP', locale: 'en', terminalName: 'New counter' },
      admin: { username: 'admin', displayName: 'Admin', password: 'bench-password-1' },
    }),
  );
  const { code } = await enroll(url, seeded.tenantId, seeded.branchId, 'new counter');
  expectOk(await admin.invoke('sync.enroll', { serverUrl: url, code, label: 'new counter' }));
  const loadBefore = loadavg();
  let bytes = 0;
  let firstByteMs = 0;
  const started = performance.now();
  const counting: SnapshotFetch = async (u, init) => {
    const response = await fetch(u, init);
    firstByteMs = performance.now() - started;
    if (!response.body) return response;
    const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ transform: (c, out) => ((bytes += c.byteLength), out.enqueue(c)) }));
    return { status: response.status, body, text: () => response.text() };
  };
  const cpu0 = process.cpuUsage();
  const serverCpu0 = childCpuSeconds(child.pid);
  const outcome = await catchUpNewCounter({ db: core.db, clock: core.clock, fetch: counting, batchSize: BATCH });
  const totalSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverCpu1 = childCpuSeconds(child.pid);
  if (!outcome.ok || !outcome.snapshot.ok) throw new Error(`catch-up failed: ${JSON.stringify(outcome)}`);
  const count = (sql: string) => (core.db.prepare(sql).get() as { n: number }).n;
  const ready = {
    products: count("SELECT count(*) AS n FROM product WHERE id LIKE 'ho-%'"),
    sellableProducts: count("SELECT count(*) AS n FROM product WHERE id LIKE 'ho-%' AND active = 1"),
    gtins: count('SELECT count(*) AS n FROM product_gtin'),
    inbox: count('SELECT count(*) AS n FROM sync_inbox'),
    otherBranchLevels: count('SELECT count(*) AS n FROM branch_stock_level'),
    quarantinedRecalls: count('SELECT count(*) AS n FROM recall'),
    staff: count("SELECT count(*) AS n FROM app_user WHERE username LIKE 'staff%'"),
    cursor: (core.db.prepare('SELECT cursor FROM sync_state').get() as { cursor: number }).cursor,
  };
  const probe = Math.floor(PRODUCTS / 2);
  // A catch-up longer than the auto-lock leaves the setup session locked: the probe signs in afresh.
  const cashier = core.connect();
  expectOk(await cashier.invoke('auth.login', { username: 'admin', password: 'bench-password-1' }));
  const scan = expectOk(await cashier.invoke('catalog.searchProducts', { query: gtin13(probe), limit: 5 }));
  if (ready.products !== PRODUCTS || ready.cursor < seeded.head || !JSON.stringify(scan).includes(`"ho-${probe}"`)) {
    throw new Error(`the counter is not ready: ${JSON.stringify(ready)}`);
  }
  const snapshot = outcome.snapshot;
  report('sync-catch-up', {
    goal: { seconds: GOAL_SECONDS, met: totalSeconds < GOAL_SECONDS },
    batchSize: BATCH,
    dataset: { products: PRODUCTS, events: EVENTS, publications: seeded.publications, logHead: seeded.head, cached, seedSeconds: seeded.seedSeconds },
    totalSeconds: Math.round(totalSeconds * 100) / 100,
    snapshot: {
      firstByteSeconds: Math.round(firstByteMs) / 1000,
      eventsReceived: snapshot.received,
      compactedAway: seeded.head - snapshot.received,
      decodedMiB: Math.round((bytes / 2 ** 20) * 10) / 10,
      eventsPerSecond: Math.round(snapshot.received / totalSeconds),
    },
    log: outcome.log,
    ready,
    counterCpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    serverCpuSeconds: serverCpu0 === null || serverCpu1 === null ? null : Math.round((serverCpu1 - serverCpu0) * 100) / 100,
    loadAverage: { before: loadBefore.map((l) => Math.round(l * 10) / 10), after: loadavg().map((l) => Math.round(l * 10) / 10) },
  });
} finally {
  core.close();
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
