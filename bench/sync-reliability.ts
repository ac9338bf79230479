// Reliability proof of branch sync (DESIGN.md "Sync"): a PostgreSQL-backed `mortar-sync`, several headless
// counters (own processes, own data directories) selling, receiving deliveries and sending transfers, and a
// fault-injecting proxy in front of each counter that drops, delays, duplicates, reorders and cuts requests
// and answers mid-body, takes the counter offline for a while, while the server and the counters are
// SIGKILLed at random and started again. The counters hold the live channel (WebSocket) through the same
// proxies, which cut it, hold its frames back and refuse it for a while, and poll only every 30 s: before
// the faults and after them, probe sales measure how soon another branch's view shows a sale (live-probes.ts).
// Then everything settles, and the end state is checked (checks.ts). Prints what it injected, what the live
// path did and what it checked as one JSON line, also written to bench/results/sync-reliability.json (or
// --out). Exit code 1 when a check fails; the two-second goal is reported (live.goalMet), not a check.
//   node --import tsx bench/sync-reliability.ts [--seconds 90] [--counters 3] [--seed 7] [--probes 40]
//     [--probes-after 10] [--interval-ms 30000] [--out FILE]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runChecks, type ServerEvent } from './sync-reliability/checks.js';
import { cutAndAwaitReconnect, LIVE_GOAL_MS, pauseAll, runProbes, summarizeLatency, waitForLiveSockets } from './sync-reliability/live-probes.js';
import { LIVE_FAULTS, type LiveStats } from './sync-reliability/live-proxy.js';
import type { CounterReport } from './sync-reliability/protocol.js';
import { startFaultProxy, type ProxyStats } from './sync-reliability/proxy.js';
import { createDatabase, freePort, kill, startSyncServer, type SyncProcess } from './sync-reliability/server.js';
import { expectMessage, newLiveHistory, resetDowntime, setConnected, sleep, spawnCounter, tell, type CounterSlot } from './sync-reliability/slots.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '90' },
    counters: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    probes: { type: 'string', default: '40' },
    'probes-after': { type: 'string', default: '10' },
    'interval-ms': { type: 'string', default: '30000' },
    out: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const COUNTERS = Number(values.counters);
const PROBES = Number(values.probes);
const PROBES_AFTER = Number(values['probes-after']);
const INTERVAL_MS = Number(values['interval-ms']);
/** Well inside the counters' polling interval: an arrival before it was brought by a live notice. */
const PROBE_DEADLINE_MS = Math.min(15_000, Math.floor(INTERVAL_MS / 2));
const OUT = values.out ?? fileURLToPath(new URL('./results/sync-reliability.json', import.meta.url));
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
const log = (m: string) => process.stderr.write(`[sync-reliability] ${m}\n`);

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
      const proxy = await startFaultProxy({ target: () => port, weights, faultOffset: index, random });
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
        acting: false,
        live: newLiveHistory(),
        env: {
          COUNTER_INTERVAL_MS: String(INTERVAL_MS),
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
    log(`${slots.length} counters enrolled in ${Date.now() - started} ms`);
    const liveAtStart = await waitForLiveSockets(slots, 60_000);
    const healthyEvents = liveAtStart ? await runProbes(slots, PROBES, 1, PROBE_DEADLINE_MS) : [];
    const healthy = summarizeLatency(healthyEvents);
    log(`live path on a healthy network: ${JSON.stringify(healthy)}; faults for ${SECONDS} s`);

    for (const s of slots) {
      s.acting = true;
      tell(s, { type: 'act' });
      resetDowntime(s.live);
    }
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
          setConnected(victim.live, false);
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

    log(`faults stopped after ${Date.now() - started} ms; probing the live path again`);
    const calmFrom = Date.now();
    for (const s of slots) s.proxy.mode = 'clean';
    await pauseAll(slots);
    // The counters' own jittered backoff decides when they try again; a long outage means a long wait.
    const liveBack = await waitForLiveSockets(slots, 90_000);
    const reopenedAfterFaultsMs = liveBack ? Date.now() - calmFrom : null;
    const inFaults = slots.map((s) => ({ reconnects: s.live.reconnects, longestDownMs: s.live.longestDownMs, totalDownMs: s.live.totalDownMs }));
    // A cut of every socket on a calm network: each counter must reopen its own, whatever the faults did to it.
    const reconnectedAfterCut = liveBack && (await cutAndAwaitReconnect(slots, 60_000));
    const afterEvents = liveBack ? await runProbes(slots, PROBES_AFTER, PROBES + 1, PROBE_DEADLINE_MS) : [];
    const afterFaults = summarizeLatency(afterEvents);
    const reconnects = slots.map((s, i) => ({
      counter: s.name,
      duringFaults: inFaults[i]?.reconnects ?? 0,
      socketClosedMs: { longest: inFaults[i]?.longestDownMs ?? 0, total: inFaults[i]?.totalDownMs ?? 0 },
      total: s.live.reconnects,
      opened: s.live.connects,
      closed: s.live.closes,
      connectedNow: s.live.connected,
    }));
    log(`live path after the faults: ${JSON.stringify(afterFaults)}; settling`);
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
    // The server verifies each counter's audit chain as it arrives (and again when alerts are read): whatever
    // the faults did to the pushes, no chain may look broken.
    const alerts = await fetch(`${server.url}/v1/admin/tenants/${tenantId}/audit-alerts?state=all`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const alertList = alerts.ok ? ((await alerts.json()) as { alerts: { kind: string; seq: number; chainDeviceId: string }[] }).alerts : null;
    checks.push({
      name: 'server: raised no audit-chain alerts',
      ok: alertList !== null && alertList.length === 0,
      detail: { status: alerts.status, alerts: alertList?.length ?? null, first: alertList?.slice(0, 5) ?? null },
    });
    // And the server holds every counter's whole chain: checked to its last entry, no hole waiting.
    const chains = await db.query<{ chain_device_id: string; verified_seq: string; max_seq: string; held_gap_seq: string | null }>(
      'SELECT chain_device_id, verified_seq, max_seq, held_gap_seq FROM audit_chains WHERE tenant_id = $1',
      [tenantId],
    );
    const counterEntries = reports.reduce((n, r) => n + r.audit.entries, 0);
    const serverEntries = chains.reduce((n, c) => n + Number(c.max_seq), 0);
    checks.push({
      name: 'server: every counter’s audit chain verified to its last entry',
      ok: chains.length === reports.length && chains.every((c) => c.verified_seq === c.max_seq && c.held_gap_seq === null) && serverEntries === counterEntries,
      detail: { chains: chains.length, counters: reports.length, counterEntries, serverEntries, behind: chains.filter((c) => c.verified_seq !== c.max_seq || c.held_gap_seq !== null).slice(0, 5) },
    });
    const proxy = slots.reduce<Partial<ProxyStats>>((sum, s) => {
      for (const [k, v] of Object.entries(s.proxy.stats) as [keyof ProxyStats, number][]) sum[k] = (sum[k] ?? 0) + v;
      return sum;
    }, {});
    const liveInjected = slots.reduce<Partial<LiveStats>>((sum, s) => {
      for (const [k, v] of Object.entries(s.proxy.live) as [keyof LiveStats, number][]) sum[k] = (sum[k] ?? 0) + v;
      return sum;
    }, {});
    checks.push({
      name: 'live: on a healthy network every probe sale reached every other branch before a periodic pull could have',
      ok: liveAtStart && healthy.measured > 0 && healthy.missed === 0,
      detail: { socketsOpen: liveAtStart, ...healthy, deadlineMs: PROBE_DEADLINE_MS, intervalMs: INTERVAL_MS },
    });
    checks.push({
      name: 'live: every socket was open again after the faults, and every counter reopened its socket by itself after a cut',
      ok: liveBack && reconnectedAfterCut,
      detail: { socketsOpenAfterFaults: liveBack, reopenedAfterFaultsMs, reconnectedAfterCut, reconnects },
    });
    checks.push({
      name: 'live: once the network was healthy again, every socket reopened within one polling interval',
      ok: reopenedAfterFaultsMs !== null && reopenedAfterFaultsMs <= INTERVAL_MS,
      detail: { reopenedAfterFaultsMs, intervalMs: INTERVAL_MS },
    });
    checks.push({
      name: 'live: after the faults every probe sale reached every other branch by live notice',
      ok: liveBack && afterFaults.measured > 0 && afterFaults.missed === 0,
      detail: { ...afterFaults, deadlineMs: PROBE_DEADLINE_MS },
    });
    const byType = events.reduce<Record<string, number>>((m, e) => ({ ...m, [e.type]: (m[e.type] ?? 0) + 1 }), {});
    const result = {
      bench: 'sync-reliability',
      ok: checks.every((c) => c.ok),
      at: new Date().toISOString(),
      setup: {
        counters: COUNTERS,
        faultSeconds: SECONDS,
        seed: Number(values.seed),
        database: 'PostgreSQL',
        faultWeights: weights,
        liveFaultRotation: LIVE_FAULTS,
        pollIntervalMs: INTERVAL_MS,
        probes: PROBES,
        probesAfterFaults: PROBES_AFTER,
      },
      injected: { ...injected, proxy, live: liveInjected },
      live: {
        goalMs: LIVE_GOAL_MS,
        goalMet: healthy.measured > 0 && healthy.missed === 0 && (healthy.maxMs ?? Infinity) <= LIVE_GOAL_MS,
        healthy,
        afterFaults,
        reopenedAfterFaultsMs,
        reconnects,
        latenciesMs: { healthy: healthyEvents.map((e) => e.latencyMs), afterFaults: afterEvents.map((e) => e.latencyMs) },
      },
      workload: { events: events.length, byType, settleRounds: rounds, totalMs: Date.now() - started },
      checks,
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    const live = { goalMet: result.live.goalMet, healthy, afterFaults, reopenedAfterFaultsMs, reconnects };
    console.log(JSON.stringify({ bench: result.bench, ok: result.ok, injected: result.injected, live, events: events.length, failed: checks.filter((c) => !c.ok) }));
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
