// The workload with Mortar: `mortar-sync` as its own process over a throwaway database on the local
// PostgreSQL 15; every counter is an enrolled device pushing its outbox batches to /v1/events (the wire of
// main/src/sync/wire.ts); the fresh counter is a real core, enrolled through `sync.enroll`, that takes the
// snapshot and then the log with the sync client's `catchUpNewCounter` into its encrypted SQLite store.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createCore } from '@mortar/main';
import { catchUpNewCounter, syncOnce } from '@mortar/main/sync';
import { expectOk, tempDir } from '@mortar/main/testing';
import { startCountingProxy } from './counting-proxy.js';
import { clientCpuSince, cpuSeconds, mib, perEvent, round, runAlone, runCounters } from './measure.js';
import type { SystemResult } from './pouch-run.js';
import { batchesOf, total, type Origin, type SaleEnvelope, type Workload } from './workload.js';

export type MortarVariant = {
  name: string;
  /** PostgreSQL settings for the server's sessions (PGOPTIONS), e.g. `-c synchronous_commit=off`. */
  pgOptions: string;
  durability: string;
};

export const MORTAR_VARIANTS: readonly MortarVariant[] = [
  {
    name: 'mortar',
    pgOptions: '',
    durability: 'PostgreSQL defaults: fsync on, synchronous_commit on (WAL fdatasync before each push is acknowledged): an acknowledged push survives a crash of the machine',
  },
  {
    name: 'mortar-async-commit',
    pgOptions: '-c synchronous_commit=off',
    durability: 'synchronous_commit off for the server\'s sessions (WAL flushed by the writer within 3 x wal_writer_delay): like LevelDB without sync, an acknowledged push survives a crash of the process, not of the machine',
  },
];

// bench's TypeScript project does not reference sync-server: loaded at run time, described by what is used.
type ServerDb = { query<R>(sql: string, params?: unknown[]): Promise<R[]>; close(): Promise<void> };
type ServerModule = { openPostgres(o: { connectionString: string; maxConnections?: number }): ServerDb; migrate(db: ServerDb): Promise<number[]> };
const serverModule: string = '@mortar/sync-server';

const ADMIN_TOKEN = `bench-sync-pouchdb-${randomBytes(12).toString('hex')}`;
const BIN = fileURLToPath(new URL('../../sync-server/bin/mortar-sync.js', import.meta.url));
const log = (m: string) => process.stderr.write(`[sync-pouchdb] ${m}\n`);
const socketUrl = (db: string) => `postgresql://${encodeURIComponent(userInfo().username)}@localhost/${db}?host=/var/run/postgresql`;

function startServer(databaseUrl: string, pgOptions: string): Promise<{ url: string; child: ChildProcess }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, MORTAR_SYNC_ADMIN_TOKEN: ADMIN_TOKEN, MORTAR_SYNC_LOG_LEVEL: 'info' };
  if (pgOptions) env.PGOPTIONS = pgOptions;
  // The rate limit is lifted: the benchmark measures how fast the server stores, not how it throttles.
  const child = spawn(process.execPath, [BIN, '--host', '127.0.0.1', '--port', '0', '--device-rate', '100000:100000', '--body-limit', '4194304', '--trust-proxy', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('mortar-sync did not start within 60 s'));
    }, 60_000);
    // The server logs at its default level (info, a line per request) and the pipe is read to the end, so
    // that a full pipe never stalls it; only the line that says where it listens is kept.
    child.stdout?.on('data', (c: Buffer) => {
      if (started) return;
      buffered += c.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'mortar-sync listening' && entry.url) {
            started = true;
            clearTimeout(timer);
            resolve({ url: entry.url, child });
          }
        } catch {
          // Not a log line: ignore.
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mortar-sync exited with ${code}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function call(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await r.json()) as Record<string, unknown>;
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

const admin = (base: string, path: string, body: unknown) => call(base, path, body, { authorization: `Bearer ${ADMIN_TOKEN}` });

type Device = Origin & { credential: string };

async function enrollDevices(base: string, tenantId: string, branchId: string, n: number): Promise<Device[]> {
  const devices: Device[] = [];
  for (let i = 0; i < n; i++) {
    const code = (await admin(base, `/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`, {})).code as string;
    // Enrollment is limited per address; the server is told to trust X-Forwarded-For from loopback (as behind a balancer), so
    // each bench counter enrolls from an address of its own, as counters of a branch would.
    const e = await call(base, '/v1/enroll', { code, label: `counter ${i + 1}` }, { 'x-forwarded-for': `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}` });
    devices.push({ tenantId, branchId, deviceId: e.deviceId as string, credential: e.credential as string });
  }
  return devices;
}

type CpuReading = Map<number, number>;

/** CPU seconds of the server process and of each of its PostgreSQL backends (storing is split between them). */
async function serverCpu(db: ServerDb, database: string, child: ChildProcess): Promise<CpuReading> {
  const backends = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  const pids = [child.pid ?? 0, ...backends.map((b) => b.pid)];
  return new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
}

/** CPU used between two readings; a backend started meanwhile counts from zero, one that ended is missed. */
function cpuBetween(from: CpuReading, to: CpuReading): number {
  let sum = 0;
  for (const [pid, seconds] of to) sum += seconds - (from.get(pid) ?? 0);
  return round(sum, 2);
}

export async function runMortar(w: Workload, variant: MortarVariant): Promise<SystemResult> {
  const server = (await import(serverModule)) as ServerModule;
  const database = `mortar_bench_sync_pouchdb_${randomBytes(5).toString('hex')}`;
  const root = server.openPostgres({ connectionString: socketUrl('postgres'), maxConnections: 1 });
  await root.query(`CREATE DATABASE ${database}`);
  const databaseUrl = socketUrl(database);
  const db = server.openPostgres({ connectionString: databaseUrl, maxConnections: 2 });
  try {
    await server.migrate(db);
    return await measure(w, variant, { db, database, databaseUrl });
  } finally {
    await db.close();
    await root.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((e: unknown) => log(`could not drop ${database}: ${String(e)}`));
    await root.close();
  }
}

async function measure(w: Workload, variant: MortarVariant, { db, database, databaseUrl }: { db: ServerDb; database: string; databaseUrl: string }): Promise<SystemResult> {
  const { url, child } = await startServer(databaseUrl, variant.pgOptions);
  const proxy = await startCountingProxy(url);
  try {
    const tenantId = (await admin(url, '/v1/admin/tenants', { name: 'Bench Chain' })).tenantId as string;
    const branchId = (await admin(url, `/v1/admin/tenants/${tenantId}/branches`, { name: 'Riverside' })).branchId as string;
    // Counter number `w.counters` is the warm-up counter.
    const devices = await enrollDevices(url, tenantId, branchId, w.counters + 1);
    const push = async (c: number, batch: SaleEnvelope[]): Promise<number> => {
      const device = devices[c] as Device;
      const t0 = performance.now();
      const r = await fetch(`${proxy.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${device.credential}` }, body: JSON.stringify({ events: batch }) });
      const ack = (await r.json()) as { ok?: boolean; stored?: number; ackedThroughId?: string | null };
      const ms = performance.now() - t0;
      if (!ack.ok || ack.stored !== batch.length || ack.ackedThroughId !== batch[batch.length - 1]?.id) throw new Error(`push refused: ${r.status} ${JSON.stringify(ack)}`);
      return ms;
    };
    const aloneAck = await runAlone(batchesOf(devices[w.counters] as Device, w.counters, w), (batch) => push(w.counters, batch));
    const [size0] = await db.query<{ bytes: string; lsn: string }>('SELECT pg_database_size($1) AS bytes, pg_current_wal_lsn()::text AS lsn', [database]);

    proxy.take();
    const cpu0 = await serverCpu(db, database, child);
    const ingest = await runCounters((c) => batchesOf(devices[c] as Device, c, w), w.counters, push);
    const ingestWire = proxy.take();
    const serverCpuSeconds = cpuBetween(cpu0, await serverCpu(db, database, child));
    log(`${variant.name} ingest: ${ingest.eventsPerSecond} events/s, p99 ${ingest.ackLatency.p99Ms} ms`);
    const [size1] = await db.query<{ bytes: string; wal: string; events: string; stored: string }>(
      `SELECT pg_database_size($1) AS bytes, pg_wal_lsn_diff(pg_current_wal_lsn(), $2::pg_lsn)::text AS wal,
              pg_total_relation_size('events') AS events, (SELECT count(*) FROM events WHERE tenant_id = $3::uuid)::text AS stored`,
      [database, size0?.lsn, tenantId],
    );
    if (Number(size1?.stored) !== total(w)) throw new Error(`the server stored ${size1?.stored} events`);

    // The fresh counter: a real core, set up and enrolled with the branch, then what a new counter does
    // (catchUpNewCounter: the server's gzip snapshot, then the log after it); and for comparison a second
    // fresh counter that only follows the log (one syncOnce round, pages of `catchUpPage`).
    const freshCounter = async (how: 'snapshot' | 'log') => {
      const dir = tempDir('mortar-bench-sync-pouchdb-');
      const core = createCore({ dataDir: dir, log: () => {} });
      try {
        const session = core.connect();
        expectOk(
          await session.invoke('setup.initialize', {
            pharmacy: { name: 'Riverside Pharmacy', address: '1 Bench Road, Riverside', taxId: 'GB123456789', baseCurrency: 'GBP', locale: 'en', terminalName: 'New counter' },
            admin: { username: 'admin', displayName: 'Admin', password: 'bench-password-1' },
          }),
        );
        const code = (await admin(url, `/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`, {})).code as string;
        expectOk(await session.invoke('sync.enroll', { serverUrl: proxy.url, code, label: `new counter (${how})` }));
        proxy.take();
        const serverCpu0 = await serverCpu(db, database, child);
        const clientCpu0 = process.cpuUsage();
        const t0 = performance.now();
        let outcome: string;
        let ok: boolean;
        if (how === 'snapshot') {
          const r = await catchUpNewCounter({ db: core.db, clock: core.clock, pullPage: w.catchUpPage });
          ok = r.ok;
          outcome = `snapshot received ${r.snapshot.received} events, then the log round pushed ${r.log?.pushed ?? 0} and pulled ${r.log?.pulled ?? 0}`;
        } else {
          const r = await syncOnce({ db: core.db, clock: core.clock, pullPage: w.catchUpPage });
          ok = r.ok;
          outcome = `one sync round pushed ${r.pushed} and pulled ${r.pulled} events`;
        }
        const seconds = (performance.now() - t0) / 1000;
        const cpu = { serverCpuSeconds: cpuBetween(serverCpu0, await serverCpu(db, database, child)), clientCpuSeconds: clientCpuSince(clientCpu0) };
        const wire = proxy.take();
        // The round also pushes and pulls back the counter's own setup events: only the branch's sales count here.
        const sales = (core.db.prepare("SELECT count(*) AS n FROM sync_inbox WHERE type = 'sales.saleCompleted' AND state = 'noop'").get() as { n: number }).n;
        if (!ok || sales !== total(w)) throw new Error(`the fresh counter (${how}) did not catch up: ${outcome}, ${sales} sales in its inbox`);
        log(`${variant.name} catch-up (${how}): ${round(seconds, 2)} s`);
        return { events: sales, seconds: round(seconds, 2), eventsPerSecond: Math.round(sales / seconds), wire, ...cpu, verified: `${outcome}; ${sales} sales of the other counters are in the fresh counter's sync_inbox` };
      } finally {
        core.close();
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const catchUp = await freshCounter('snapshot');
    const catchUpByLog = await freshCounter('log');
    const dataBytes = Number(size1?.bytes) - Number(size0?.bytes);
    return {
      system: `Mortar sync server (mortar-sync, PostgreSQL ${(await db.query<{ v: string }>("SELECT current_setting('server_version') AS v"))[0]?.v ?? '?'}), counters over its HTTP wire, fresh counter through catchUpNewCounter (and syncOnce alone)`,
      durability: variant.durability,
      aloneAck,
      ingest: { ...ingest, wire: ingestWire, wireBytesPerEvent: perEvent(ingestWire, ingest.events), serverCpuSeconds, serverCpuMsPerEvent: round((serverCpuSeconds * 1000) / ingest.events, 3) },
      catchUp,
      catchUpByLog,
      serverDisk: {
        bytes: dataBytes,
        mib: mib(dataBytes),
        eventsTableMiB: mib(Number(size1?.events)),
        walWrittenMiB: mib(Number(size1?.wal)),
        what: 'growth of pg_database_size over the ingest (the events table with its indexes and TOAST); walWrittenMiB is the cluster\'s WAL over the same time, other databases\' writes included',
      },
    };
  } finally {
    await proxy.close();
    await stop(child);
  }
}

