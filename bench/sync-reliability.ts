// Reliability proof of branch sync (DESIGN.md "Sync"): a PostgreSQL-backed `mortar-sync`, several headless
// counters (own processes, own data directories) selling, receiving deliveries and sending transfers, and a
// fault-injecting proxy in front of each counter that drops, delays, duplicates, reorders and cuts requests
// and answers mid-body, takes the counter offline for a while, while the server and the counters are
// SIGKILLed at random and started again. Then the faults stop, everything settles, and the end state is
// checked (checks.ts). Prints what it injected and what it checked as one JSON line, also written to
// bench/results/sync-reliability.json (or --out). Exit code 1 when a check fails.
//   node --import tsx bench/sync-reliability.ts [--seconds 90] [--counters 3] [--seed 7] [--out FILE]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runChecks, type ServerEvent } from './sync-reliability/checks.js';
import type { ChildMessage, CounterReport, ParentMessage } from './sync-reliability/protocol.js';
import { startFaultProxy, type FaultProxy, type ProxyStats } from './sync-reliability/proxy.js';
import { createDatabase, freePort, kill, startSyncServer, type SyncProcess } from './sync-reliability/server.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '90' },
    counters: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    out: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const COUNTERS = Number(values.counters);
const OUT = values.out ?? fileURLToPath(new URL('./results/sync-reliability.json', import.meta.url));
const COUNTER_MAIN = fileURLToPath(new URL('./sync-reliability/counter.ts', import.meta.url));
const ADMIN = 'reliability-admin-token-0123456789';

/** Seeded, so a run's fault schedule can be repeated (the processes' own timing still varies). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(Number(values.seed));
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => process.stderr.write(`[sync-reliability] ${m}\n`);

type CounterSlot = {
  index: number;
  name: string;
  branchId: string;
  dataDir: string;
  env: Record<string, string>;
  proxy: FaultProxy;
  child: ChildProcess | null;
  inbox: ChildMessage[];
  failures: string[];
  offlineUntil: number;
  nextOffline: number;
};

function spawnCounter(slot: CounterSlot): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', COUNTER_MAIN], { env: { ...process.env, ...slot.env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  slot.child = child;
  slot.inbox = [];
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  child.on('message', (m) => {
    const message = m as ChildMessage;
    if (message.type === 'failed') slot.failures.push(message.message.slice(0, 300));
    slot.inbox.push(message);
  });
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGKILL' && slot.child === child) slot.failures.push(`exited with ${code ?? signal}: ${stderr.slice(-500)}`);
  });
  return expectMessage(slot, 'ready', 300_000).then(() => undefined);
}

async function expectMessage<T extends ChildMessage['type']>(slot: CounterSlot, type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const i = slot.inbox.findIndex((m) => m.type === type);
    if (i >= 0) return slot.inbox.splice(i, 1)[0] as Extract<ChildMessage, { type: T }>;
    if (Date.now() > deadline) throw new Error(`${slot.name} sent no ${type} (failures: ${slot.failures.join(' | ')})`);
    await sleep(20);
  }
}

const tell = (slot: CounterSlot, m: ParentMessage) => slot.child?.send(m);

async function admin(base: string, path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (r.status !== 201) throw new Error(`${path} answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
}

async function main(): Promise<number> {
  const started = Date.now();
  const db = await createDatabase();
  const root = mkdtempSync(join(tmpdir(), 'mortar-reliability-'));
  const port = await freePort();
  const serverEnv = { DATABASE_URL: db.url, MORTAR_SYNC_ADMIN_TOKEN: ADMIN, MORTAR_SYNC_DEVICE_RATE: '400:200' };
  let server: SyncProcess | null = await startSyncServer(port, serverEnv);
  const slots: CounterSlot[] = [];
  const injected = { serverKills: 0, counterKills: 0, offlineWindows: 0 };
  try {
    const tenantId = (await admin(server.url, '/v1/admin/tenants', { name: 'Reliability chain' })).tenantId as string;
    const branches: { branchId: string; name: string; code: string }[] = [];
    for (let i = 0; i < COUNTERS; i++) {
      const name = `Branch ${i + 1}`;
      const branchId = (await admin(server.url, `/v1/admin/tenants/${tenantId}/branches`, { name })).branchId as string;
      const code = (await admin(server.url, `/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`)).code as string;
      branches.push({ branchId, name, code });
    }
    const weights = { drop: 0.06, delay: 0.08, duplicate: 0.06, reorder: 0.06, cutRequest: 0.05, cutResponse: 0.07 };
    for (const [index, b] of branches.entries()) {
      const proxy = await startFaultProxy({ target: () => port, weights, random });
      const dataDir = join(root, `counter-${index + 1}`);
      mkdirSync(dataDir);
      slots.push({
        index,
        name: b.name,
        branchId: b.branchId,
        dataDir,
        proxy,
        child: null,
        inbox: [],
        failures: [],
        offlineUntil: 0,
        nextOffline: 0,
        env: {
          COUNTER_DATA_DIR: dataDir,
          COUNTER_SERVER_URL: `http://127.0.0.1:${proxy.port}`,
          COUNTER_CODE: b.code,
          COUNTER_NAME: b.name,
          COUNTER_PEERS: JSON.stringify(branches.filter((o) => o !== b).map((o) => ({ branchId: o.branchId, name: o.name }))),
        },
      });
    }
    // Set up and enroll through clean proxies: a one-time code lost to a cut answer could never be used again.
    await Promise.all(slots.map((s) => spawnCounter(s)));
    log(`${slots.length} counters enrolled in ${Date.now() - started} ms; faults for ${SECONDS} s`);

    for (const s of slots) {
      s.proxy.mode = 'faulty';
      s.nextOffline = Date.now() + between(1_000, 8_000);
    }
    const chaosStart = Date.now();
    const chaosEnd = chaosStart + SECONDS * 1000;
    // The first kills fall inside the window whatever its length; restarts run beside the faults, not instead.
    let nextCounterKill = chaosStart + SECONDS * 250;
    let nextServerKill = chaosStart + SECONDS * 450;
    const restarts: Promise<void>[] = [];
    let serverRestarting = false;
    while (Date.now() < chaosEnd) {
      const now = Date.now();
      // Each counter goes offline now and then for a few seconds (it keeps selling meanwhile).
      for (const s of slots) {
        if (s.proxy.mode === 'offline' && now >= s.offlineUntil) {
          s.proxy.mode = 'faulty';
          s.nextOffline = now + between(4_000, 12_000);
        } else if (s.proxy.mode === 'faulty' && now >= s.nextOffline) {
          s.proxy.mode = 'offline';
          s.offlineUntil = now + between(1_000, 5_000);
          injected.offlineWindows++;
        }
      }
      if (now >= nextServerKill && server && !serverRestarting) {
        const dying = server;
        serverRestarting = true;
        nextServerKill = Infinity;
        restarts.push(
          (async () => {
            await kill(dying.process);
            injected.serverKills++;
            await sleep(between(200, 1500));
            server = await startSyncServer(port, serverEnv);
            serverRestarting = false;
            nextServerKill = Date.now() + between(8_000, 16_000);
          })(),
        );
      }
      if (now >= nextCounterKill) {
        nextCounterKill = Infinity;
        const victim = slots[between(0, slots.length)];
        const dying = victim?.child;
        if (victim && dying) {
          victim.child = null;
          restarts.push(
            (async () => {
              await kill(dying);
              injected.counterKills++;
              await sleep(between(100, 1000));
              await spawnCounter(victim);
              nextCounterKill = Date.now() + between(6_000, 14_000);
            })(),
          );
        }
      }
      await sleep(250);
    }
    await Promise.all(restarts);

    log(`faults stopped after ${Date.now() - started} ms; settling`);
    for (const s of slots) s.proxy.mode = 'clean';
    for (const s of slots) tell(s, { type: 'quiesce' });
    await Promise.all(slots.map((s) => expectMessage(s, 'quiet', 120_000)));
    let calm = 0;
    let rounds = 0;
    while (calm < 2 && rounds < 60) {
      rounds++;
      let still = false;
      for (const s of slots) {
        tell(s, { type: 'settle' });
        const r = await expectMessage(s, 'settled', 120_000);
        if (!r.ok || r.pending > 0 || r.pulled > 0 || r.inTransit > 0) still = true;
      }
      calm = still ? 0 : calm + 1;
    }
    const reports: CounterReport[] = [];
    for (const s of slots) {
      tell(s, { type: 'report' });
      reports.push((await expectMessage(s, 'report', 60_000)).report);
    }
    const events = await db.query<ServerEvent>('SELECT id, branch_id, device_id, seq, type, published, to_branch_id FROM events');
    const lastSeq = Number((await db.query<{ last_seq: string }>('SELECT last_seq FROM tenants WHERE id = $1', [tenantId]))[0]?.last_seq ?? 0);
    const checks = runChecks(reports, events, lastSeq);
    const failures = slots.flatMap((s) => s.failures.map((f) => `${s.name}: ${f}`));
    checks.push({ name: 'counters: no unexpected command failure or crash', ok: failures.length === 0, detail: { failures: failures.slice(0, 5) } });
    checks.push({ name: 'settled: nothing pending, nothing left to pull, nothing in transit', ok: calm >= 2, detail: { rounds } });
    const proxy = slots.reduce<Partial<ProxyStats>>((sum, s) => {
      for (const [k, v] of Object.entries(s.proxy.stats) as [keyof ProxyStats, number][]) sum[k] = (sum[k] ?? 0) + v;
      return sum;
    }, {});
    const byType = events.reduce<Record<string, number>>((m, e) => ({ ...m, [e.type]: (m[e.type] ?? 0) + 1 }), {});
    const result = {
      bench: 'sync-reliability',
      ok: checks.every((c) => c.ok),
      at: new Date().toISOString(),
      setup: { counters: COUNTERS, faultSeconds: SECONDS, seed: Number(values.seed), database: 'PostgreSQL', faultWeights: weights },
      injected: { ...injected, proxy },
      workload: { events: events.length, byType, settleRounds: rounds, totalMs: Date.now() - started },
      checks,
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify({ bench: result.bench, ok: result.ok, injected: result.injected, events: events.length, failed: checks.filter((c) => !c.ok) }));
    return result.ok ? 0 : 1;
  } finally {
    for (const s of slots) {
      if (s.child) await kill(s.child);
      await s.proxy.close();
    }
    await kill(server.process, 'SIGTERM');
    await db.drop().catch((e: unknown) => log(`could not drop the database: ${String(e)}`));
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
