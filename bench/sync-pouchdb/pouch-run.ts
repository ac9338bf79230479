// The workload with PouchDB: every counter writes its sales into its own LevelDB PouchDB (its outbox) and
// replicates it to one branch database on express-pouchdb (LevelDB on disk, its own process); the fresh
// counter replicates the branch database into an empty LevelDB PouchDB of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PouchDB, { type PouchDatabase, type PouchDoc } from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import replication from 'pouchdb-replication';
import type { summarize } from '../stats.js';
import { startCountingProxy, type WireBytes } from './counting-proxy.js';
import { clientCpuSince, cpuSeconds, directoryBytes, mib, perEvent, round, runAlone, runCounters, type PushPhase } from './measure.js';
import { batchesOf, nameUuid, total, type SaleEnvelope, type Workload } from './workload.js';

export type CatchUp = { events: number; seconds: number; eventsPerSecond: number; wire: WireBytes; serverCpuSeconds: number; clientCpuSeconds: number; verified: string };

export type SystemResult = {
  system: string;
  durability: string;
  /** Acknowledgement latency of the warm-up counter's later batches, pushed while no other counter runs. */
  aloneAck: ReturnType<typeof summarize>;
  ingest: PushPhase & { wire: WireBytes; wireBytesPerEvent: number; serverCpuSeconds: number; serverCpuMsPerEvent: number };
  catchUp: CatchUp;
  /** Mortar only: a fresh counter that follows the log alone, without the snapshot. */
  catchUpByLog?: CatchUp;
  serverDisk: Record<string, number | string>;
};

const SERVER = fileURLToPath(new URL('./pouch-server.ts', import.meta.url));
const log = (m: string) => process.stderr.write(`[sync-pouchdb] ${m}\n`);

function startPouchServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (c: Buffer) => {
      buffered += c.toString();
      const m = /\{"url":"([^"]+)"\}/.exec(buffered);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`pouch-server exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The outbox envelope as a PouchDB document: the event id is the document id, the rest as it is. */
function toDoc(e: SaleEnvelope): PouchDoc {
  const { id, ...rest } = e;
  return { _id: id, ...rest };
}

export async function runPouch(w: Workload): Promise<SystemResult> {
  const work = mkdtempSync(join(tmpdir(), 'mortar-bench-pouch-'));
  const serverDir = join(work, 'server');
  const { url, child } = await startPouchServer(serverDir);
  const proxy = await startCountingProxy(url);
  const Client = PouchDB.plugin(leveldbAdapter).plugin(httpAdapter).plugin(replication);
  const Local = Client.defaults({ prefix: `${join(work, 'counters')}/`, adapter: 'leveldb' });
  const created = await fetch(`${url}/branch`, { method: 'PUT' });
  if (created.status !== 201) throw new Error(`express-pouchdb did not create the branch database: ${created.status}`);
  const locals: PouchDatabase[] = [];
  const remotes: PouchDatabase[] = [];
  try {
    mkdirSync(join(work, 'counters'), { recursive: true });
    // Counter number `w.counters` is the warm-up counter.
    for (let c = 0; c <= w.counters; c++) {
      locals.push(new Local(`counter-${c}`));
      remotes.push(new Client(`${proxy.url}/branch`));
    }
    const origin = (c: number) => ({ tenantId: nameUuid('tenant'), branchId: nameUuid('branch'), deviceId: nameUuid(`device:${c}`) });
    const push = async (c: number, batch: SaleEnvelope[]): Promise<number> => {
      const local = locals[c] as PouchDatabase;
      const written = await local.bulkDocs(batch.map(toDoc));
      if (written.some((r) => r.error)) throw new Error(`local write failed: ${JSON.stringify(written.find((r) => r.error))}`);
      const t0 = performance.now();
      const r = await Client.replicate(local, remotes[c] as PouchDatabase, { batch_size: w.batch, retry: false });
      const ms = performance.now() - t0;
      if (!r.ok || r.doc_write_failures > 0) throw new Error(`replication failed: ${JSON.stringify(r.errors)}`);
      return ms;
    };
    const aloneAck = await runAlone(batchesOf(origin(w.counters), w.counters, w), (batch) => push(w.counters, batch));
    const disk0 = directoryBytes(serverDir);
    proxy.take();
    const cpu0 = cpuSeconds(child.pid ?? 0);
    const ingest = await runCounters((c) => batchesOf(origin(c), c, w), w.counters, push);
    const ingestWire = proxy.take();
    const serverCpuSeconds = round(cpuSeconds(child.pid ?? 0) - cpu0, 2);
    const info = (await (await fetch(`${url}/branch`)).json()) as { doc_count: number };
    if (info.doc_count !== total(w)) throw new Error(`the branch database holds ${info.doc_count} documents`);
    const disk1 = directoryBytes(serverDir);
    const grown = disk1.bytes - disk0.bytes;
    log(`pouchdb ingest: ${ingest.eventsPerSecond} events/s, p99 ${ingest.ackLatency.p99Ms} ms`);

    const fresh = new Local('fresh-counter');
    const remote = new Client(`${proxy.url}/branch`);
    proxy.take();
    const serverCpu0 = cpuSeconds(child.pid ?? 0);
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await Client.replicate(remote, fresh, { batch_size: w.catchUpPage, retry: false });
    const seconds = (performance.now() - t0) / 1000;
    const catchUpCpu = { serverCpuSeconds: round(cpuSeconds(child.pid ?? 0) - serverCpu0, 2), clientCpuSeconds: clientCpuSince(clientCpu0) };
    const catchUpWire = proxy.take();
    const got = await fresh.info();
    if (!r.ok || got.doc_count !== total(w)) throw new Error(`the fresh counter holds ${got.doc_count} documents`);
    await fresh.close();
    await remote.close();
    log(`pouchdb catch-up: ${round(seconds, 2)} s`);
    return {
      system: 'PouchDB 9 (LevelDB) replicating to express-pouchdb 4.2.0 (LevelDB)',
      durability: 'LevelDB writes without sync (leveldown default; PouchDB never asks for sync): an acknowledged write survives a crash of the process, not of the machine',
      aloneAck,
      ingest: { ...ingest, wire: ingestWire, wireBytesPerEvent: perEvent(ingestWire, ingest.events), serverCpuSeconds, serverCpuMsPerEvent: round((serverCpuSeconds * 1000) / ingest.events, 3) },
      catchUp: { events: got.doc_count, seconds: round(seconds, 2), eventsPerSecond: Math.round(got.doc_count / seconds), wire: catchUpWire, ...catchUpCpu, verified: `fresh counter holds ${got.doc_count} documents` },
      serverDisk: {
        bytes: grown,
        mib: mib(grown),
        totalMiB: mib(disk1.bytes),
        files: disk1.files,
        what: 'growth of the server data directory over the ingest (LevelDB files: write-ahead log and tables of the branch database, as LevelDB left them; totalMiB with the warm-up and express-pouchdb\'s own databases)',
      },
    };
  } finally {
    for (const db of [...locals, ...remotes]) await db.close().catch(() => undefined);
    await proxy.close();
    await stop(child);
    rmSync(work, { recursive: true, force: true });
  }
}
