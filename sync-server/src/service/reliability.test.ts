// The reliability run (bench/sync-reliability.ts) in short: real PostgreSQL, a `mortar-sync` process and
// three counter processes behind fault-injecting proxies, with the server and a counter SIGKILLed and
// restarted, and the counters' live sockets passing through the same proxies. It must inject every kind of
// fault and end with every check of the agreed end state passing. The live path is held to "notices arrived
// and brought the sales" (each probe within a deadline far below the 30 s polling interval); the 2 s goal
// is a figure of the bench run on a quiet machine, not an assertion that a loaded one could break.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type Latency = { measured: number; missed: number; p50Ms: number | null };

type Result = {
  ok: boolean;
  injected: { serverKills: number; counterKills: number; offlineWindows: number; proxy: Record<string, number>; live: Record<string, number> };
  setup: { pollIntervalMs: number };
  live: { healthy: Latency; afterFaults: Latency; reconnects: { total: number }[] };
  workload: { events: number; byType: Record<string, number> };
  checks: { name: string; ok: boolean; detail: unknown }[];
};

describe('sync reliability under faults', () => {
  it('ends with every counter and the server agreeing after drops, delays, duplicates, reordering, cuts and kills, with live notices bringing sales and cut sockets reopened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mortar-reliability-test-'));
    const out = join(dir, 'result.json');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sync-reliability.ts', '--seconds', '25', '--counters', '3', '--seed', '11', '--probes', '6', '--probes-after', '3', '--out', out], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (!existsSync(out)) throw new Error(`the run ended with ${code} and wrote no result: ${stderr}`);
      const result = JSON.parse(readFileSync(out, 'utf8')) as Result;
      expect(result.checks.filter((c) => !c.ok), stderr).toEqual([]);
      expect(code).toBe(0);
      expect(result.ok).toBe(true);
      expect(result.injected.serverKills).toBeGreaterThanOrEqual(1);
      expect(result.injected.counterKills).toBeGreaterThanOrEqual(1);
      expect(result.injected.offlineWindows).toBeGreaterThanOrEqual(1);
      for (const fault of ['drop', 'delay', 'duplicate', 'reorder', 'cutRequest', 'cutResponse']) expect(result.injected.proxy[fault], fault).toBeGreaterThan(0);
      // Live: faults reached the sockets, notices went through, and every probe sale arrived long before a poll.
      expect(result.setup.pollIntervalMs).toBeGreaterThanOrEqual(30_000);
      expect(result.injected.live.upgrades).toBeGreaterThan(3);
      expect(result.injected.live.pullNotices).toBeGreaterThan(0);
      expect(result.injected.live.cutOnPurpose).toBeGreaterThanOrEqual(3);
      const live = result.injected.live;
      expect(['cut', 'cutMidFrame', 'cutOffline', 'refused', 'delayFrames'].reduce((n, k) => n + (live[k] ?? 0), 0)).toBeGreaterThan(0);
      expect(result.live.healthy).toMatchObject({ measured: 12, missed: 0 });
      expect(result.live.afterFaults).toMatchObject({ measured: 6, missed: 0 });
      for (const r of result.live.reconnects) expect(r.total).toBeGreaterThan(0);
      for (const type of ['sales.saleCompleted', 'inventory.deliveryReceived', 'inventory.transferSent', 'inventory.transferReceived']) {
        expect(result.workload.byType[type], type).toBeGreaterThan(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
