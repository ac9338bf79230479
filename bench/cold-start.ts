// Cold start of `mortar serve` to a usable screen in Chromium: from spawning the process to the login
// field (an existing terminal with the demo pharmacy) or the first setup field (a new terminal) being
// visible and focusable. Each run is a new process and a new browser page.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, REPO } from '../e2e/harness.js';
import { report, summarize } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MORTAR = join(REPO, 'apps/cli/bin/mortar.js');

async function once(dataDir: string, selector: string, browser: Browser) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [MORTAR, '--data-dir', dataDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
  });
  const listening = performance.now() - t0;
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator(selector).waitFor({ state: 'visible', timeout: 60_000 });
  const usable = performance.now() - t0;
  await page.close();
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { listening, usable };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const existing = mkdtempSync(join(tmpdir(), 'mortar-bench-start-'));
execFileSync(process.execPath, [MORTAR, '--data-dir', existing, 'setup', '--pharmacy-name', 'Bench Pharmacy', '--address', '1 Bench Road, Town',
  '--tax-id', 'GB1', '--currency', 'GBP', '--admin-username', 'admin', '--admin-name', 'Admin', '--demo'], {
  env: { ...process.env, MORTAR_ADMIN_PASSWORD: 'bench-password-1' },
  stdio: 'ignore',
});

const loginRuns: { listening: number; usable: number }[] = [];
const setupRuns: { listening: number; usable: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  loginRuns.push(await once(existing, '[data-testid="login-username"]', browser));
  const fresh = mkdtempSync(join(tmpdir(), 'mortar-bench-fresh-'));
  setupRuns.push(await once(fresh, '[data-testid="setup-pharmacy-name"]', browser));
  rmSync(fresh, { recursive: true, force: true });
}
await browser.close();
rmSync(existing, { recursive: true, force: true });

report('cold-start', {
  what: 'spawn `mortar serve` → login (existing terminal with the demo catalog) or setup (new terminal) field visible in Chromium',
  runs: RUNS,
  existingTerminalToLogin: { usable: summarize(loginRuns.map((r) => r.usable)), serverListening: summarize(loginRuns.map((r) => r.listening)) },
  newTerminalToSetup: { usable: summarize(setupRuns.map((r) => r.usable)), serverListening: summarize(setupRuns.map((r) => r.listening)) },
});
