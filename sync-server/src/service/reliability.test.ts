// The reliability run (bench/sync-reliability.ts) in short: real PostgreSQL, a `mortar-sync` process and
// three counter processes behind fault-injecting proxies, with the server and a counter SIGKILLed and
// restarted. It must inject every kind of fault and end with every check of the agreed end state passing.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type Result = {
  ok: boolean;
  injected: { serverKills: number; counterKills: number; offlineWindows: number; proxy: Record<string, number> };
  workload: { events: number; byType: Record<string, number> };
  checks: { name: string; ok: boolean; detail: unknown }[];
};

describe('sync reliability under faults', () => {
  it('ends with every counter and the server agreeing after drops, delays, duplicates, reordering, cuts and kills', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mortar-reliability-test-'));
    const out = join(dir, 'result.json');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sync-reliability.ts', '--seconds', '25', '--counters', '3', '--seed', '11', '--out', out], {
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
      for (const type of ['sales.saleCompleted', 'inventory.deliveryReceived', 'inventory.transferSent', 'inventory.transferReceived']) {
        expect(result.workload.byType[type], type).toBeGreaterThan(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
