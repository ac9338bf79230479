// Sync server figures on this machine against real PostgreSQL (a `mortar-sync` process, as deployed):
//  1. ingest: events per second stored from several devices pushing full batches at once;
//  2. push acknowledgement p50/p99 with 1,000 devices enrolled and connected (each holding its live socket),
//     pushes arriving open-loop at a steady rate from random devices (goal p99 under 200 ms).
// As a counter pushes: each sale travels with its audit entry (a valid hash chain per device, checked by the
// server on arrival), and a device's pushes go one after another, never two at once.
// The PouchDB / express-pouchdb comparison the issue asks for is bench/sync-pouchdb.ts.
//   node --import tsx bench/sync-server.ts [--devices 1000] [--ingest 100000] [--seconds 20] [--rate 100]
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { AUDIT_ENTRY_RECORDED, AUDIT_ENTRY_RECORDED_VERSION, AUDIT_GENESIS_HASH, auditEntryHashInput, auditEventId } from '@mortar/main/contract';
import { report, summarize } from './stats.js';
import { createDatabase, freePort, kill, startSyncServer } from './sync-reliability/server.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    ingest: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '100' },
  },
});
const DEVICES = Number(values.devices);
const INGEST = Number(values.ingest);
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const BRANCHES = Math.max(1, Math.ceil(DEVICES / 20));
const ADMIN = 'bench-admin-token-0123456789abcdef';
const BATCH = 500;
const log = (m: string) => process.stderr.write(`[sync-server] ${m}\n`);

// CPU seconds (user + system) of the server process, from /proc: the bench process also spends CPU (it
// receives every notice of every socket), so each phase reports both apart on this shared 2-core machine.
function processCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
function benchCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
const round2 = (x: number) => Math.round(x * 100) / 100;

type Device = { tenantId: string; branchId: string; deviceId: string; credential: string };

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

let clock = Date.now();
const stamp = (d: Device) => `${String((clock += 1)).padStart(15, '0')}:000000:${d.deviceId.slice(-8)}`;
/** Each device's audit chain so far: the last sequence and hash. */
const chains = new Map<string, { seq: number; hash: string }>();

/** A sale and its audit entry, as a counter's outbox holds them after one `sales.completeSale`. */
function saleWithAudit(d: Device): Record<string, unknown>[] {
  const hlc = stamp(d);
  const saleId = randomUUID();
  const sale = {
    id: randomUUID(),
    tenantId: d.tenantId,
    branchId: d.branchId,
    deviceId: d.deviceId,
    hlc,
    type: 'sales.saleCompleted',
    schemaVersion: 1,
    occurredAt: clock,
    payload: { saleId, receipt: `R-${clock}`, totalMinor: 1234, currency: 'GBP', lines: [{ productId: randomUUID(), lotId: randomUUID(), quantity: 1, priceMinor: 1234 }] },
  };
  const last = chains.get(d.deviceId) ?? { seq: 0, hash: AUDIT_GENESIS_HASH };
  const fields = {
    seq: last.seq + 1,
    id: randomUUID(),
    at: clock,
    deviceId: d.deviceId,
    actorId: null,
    actorName: 'Bench cashier',
    approvedById: null,
    action: 'sales.completeSale',
    entityType: 'sale',
    entityId: saleId,
    beforeDigest: null,
    afterDigest: createHash('sha256').update(saleId).digest('hex'),
    reason: null,
    prevHash: last.hash,
  };
  const hash = createHash('sha256').update(auditEntryHashInput(fields)).digest('hex');
  chains.set(d.deviceId, { seq: fields.seq, hash });
  const audit = {
    id: auditEventId(fields.id),
    tenantId: d.tenantId,
    branchId: d.branchId,
    deviceId: d.deviceId,
    hlc: stamp(d),
    type: AUDIT_ENTRY_RECORDED,
    schemaVersion: AUDIT_ENTRY_RECORDED_VERSION,
    occurredAt: clock,
    payload: { ...fields, hash },
  };
  return [sale, audit];
}

/** `sales` sales with their audit entries. */
const salesOf = (d: Device, sales: number) => Array.from({ length: sales }, () => saleWithAudit(d)).flat();

async function pool<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}

async function main(): Promise<void> {
  const loadBefore = Math.round((loadavg()[0] ?? 0) * 10) / 10;
  const db = await createDatabase();
  const port = await freePort();
  // The per-device limit stays at its default: the figures are for the server as deployed.
  // BENCH_SERVER_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server process alone.
  const profile: Record<string, string> = process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {};
  const server = await startSyncServer(port, { DATABASE_URL: db.url, MORTAR_SYNC_ADMIN_TOKEN: ADMIN, MORTAR_SYNC_TRUST_PROXY: '127.0.0.1', ...profile });
  const serverCpu = () => processCpuSeconds(server.process.pid);
  const base = server.url;
  const auth = { authorization: `Bearer ${ADMIN}` };
  const sockets: WebSocket[] = [];
  try {
    const tenantId = (await post(base, '/v1/admin/tenants', { name: 'Bench chain' }, auth)).json.tenantId as string;
    const branchIds: string[] = [];
    for (let b = 0; b < BRANCHES; b++) branchIds.push((await post(base, `/v1/admin/tenants/${tenantId}/branches`, { name: `Branch ${b + 1}` }, auth)).json.branchId as string);
    const devices: Device[] = [];
    const enrollStart = performance.now();
    await pool(
      Array.from({ length: DEVICES }, (_, i) => i),
      16,
      async (i) => {
        const branchId = branchIds[i % BRANCHES] ?? '';
        const code = (await post(base, `/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`, {}, auth)).json.code as string;
        // Each counter enrolls from its own address (the enrollment limit is per address).
        const e = await post(base, '/v1/enroll', { code, label: `till ${i}` }, { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
        if (e.status !== 201) throw new Error(`enroll ${i}: ${JSON.stringify(e.json)}`);
        devices.push({ tenantId, branchId, deviceId: e.json.deviceId as string, credential: e.json.credential as string });
      },
    );
    const enrollMs = performance.now() - enrollStart;
    log(`${DEVICES} devices enrolled in ${Math.round(enrollMs)} ms`);

    // 1. Ingest: full batches from 8 devices at once (each device's batches one after another, as a counter
    // pushes), until INGEST events are stored.
    const pushers = devices.slice(0, 8);
    const batches = Math.ceil(INGEST / BATCH);
    const batchMs: number[] = [];
    let stored = 0;
    const ingestCpu = { server: serverCpu(), bench: benchCpuSeconds() };
    const ingestStart = performance.now();
    await Promise.all(
      pushers.map(async (d, k) => {
        for (let i = k; i < batches; i += pushers.length) {
          const events = salesOf(d, BATCH / 2);
          for (;;) {
            const t = performance.now();
            const r = await post(base, '/v1/events', { events }, { authorization: `Bearer ${d.credential}` });
            if (r.status === 429) {
              await new Promise((res) => setTimeout(res, 100));
              continue;
            }
            if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.json)}`);
            batchMs.push(performance.now() - t);
            stored += Number(r.json.stored);
            break;
          }
        }
      }),
    );
    const ingestSeconds = (performance.now() - ingestStart) / 1000;
    const ingestCpuSeconds = { server: round2(serverCpu() - ingestCpu.server), bench: round2(benchCpuSeconds() - ingestCpu.bench) };
    log(`ingest: ${stored} events in ${ingestSeconds.toFixed(1)} s`);

    // 2. Every device connected: its live socket open, as an online counter keeps it.
    const connectStart = performance.now();
    await pool(devices, 50, async (d) => {
      const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/live`, { headers: { authorization: `Bearer ${d.credential}` } });
      sockets.push(ws);
      ws.on('error', () => undefined);
      await new Promise<void>((resolve, reject) => {
        ws.once('message', () => resolve());
        ws.once('close', () => reject(new Error('a live socket closed before its hello')));
      });
    });
    const connectMs = performance.now() - connectStart;
    let notices = 0;
    for (const ws of sockets) ws.on('message', () => void notices++);
    log(`${sockets.length} live sockets open in ${Math.round(connectMs)} ms; pushing ${RATE}/s for ${SECONDS} s`);

    // Open loop: a push every 1/RATE s from a random device, whether or not earlier ones were answered.
    const ackMs: number[] = [];
    const errors: Record<string, number> = {};
    const inflight: Promise<void>[] = [];
    const pushing = new Set<string>();
    const total = RATE * SECONDS;
    const pushCpu = { server: serverCpu(), bench: benchCpuSeconds() };
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // A random device among those not pushing now: a counter never has two pushes on the way.
      let d = devices[Math.floor(Math.random() * devices.length)] as Device;
      while (pushing.has(d.deviceId)) d = devices[Math.floor(Math.random() * devices.length)] as Device;
      const device = d;
      pushing.add(device.deviceId);
      const events = salesOf(device, 1 + (i % 5));
      inflight.push(
        (async () => {
          const t = performance.now();
          const r = await post(base, '/v1/events', { events }, { authorization: `Bearer ${device.credential}` }).catch(() => ({ status: 0, json: {} }));
          pushing.delete(device.deviceId);
          if (r.status === 200) ackMs.push(performance.now() - t);
          else errors[String(r.status)] = (errors[String(r.status)] ?? 0) + 1;
        })(),
      );
    }
    await Promise.all(inflight);
    const offeredSeconds = (performance.now() - start) / 1000;
    const pushCpuSeconds = { server: round2(serverCpu() - pushCpu.server), bench: round2(benchCpuSeconds() - pushCpu.bench) };
    const ack = summarize(ackMs);
    // Every chain pushed was whole: the server must have raised nothing (its checks run beside the pushes).
    const alertsAnswer = await fetch(`${base}/v1/admin/tenants/${tenantId}/audit-alerts?state=all`, { headers: auth });
    const auditAlerts = ((await alertsAnswer.json()) as { alerts?: unknown[] }).alerts?.length ?? -1;
    report('sync-server', {
      // The machine is shared: its load during the run says how far the figures are from an idle server's.
      loadAverage1m: { before: loadBefore, after: Math.round((loadavg()[0] ?? 0) * 10) / 10 },
      database: 'PostgreSQL 15 (local, unix socket), one mortar-sync process',
      enrollment: { devices: DEVICES, branches: BRANCHES, ms: Math.round(enrollMs) },
      ingest: { events: stored, auditEntries: stored / 2, batchSize: BATCH, concurrentDevices: pushers.length, seconds: Math.round(ingestSeconds * 100) / 100, eventsPerSecond: Math.round(stored / ingestSeconds), batch: summarize(batchMs), cpuSeconds: ingestCpuSeconds },
      pushAck: {
        connectedDevices: sockets.length,
        liveConnectMs: Math.round(connectMs),
        offeredPushesPerSecond: RATE,
        eventsPerPush: '1-5 sales, each with its audit entry (2-10 events)',
        auditAlerts,
        pushes: total,
        seconds: Math.round(offeredSeconds * 100) / 100,
        errors,
        liveNoticesDelivered: notices,
        cpuSeconds: pushCpuSeconds,
        ...ack,
        goalP99Ms: 200,
        meetsGoal: ack.p99Ms < 200 && Object.keys(errors).length === 0 && auditAlerts === 0,
      },
      comparison: 'PouchDB / express-pouchdb: bench/sync-pouchdb.ts',
    });
  } finally {
    for (const ws of sockets) ws.terminate();
    await kill(server.process, 'SIGTERM');
    await db.drop();
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
