// End-to-end harness: a real `mortar serve` on a fresh data directory and Debian's Chromium driven by
// playwright-core, as a cashier would drive it. Screenshots go to e2e/artifacts/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = join(REPO, 'e2e', 'artifacts');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type Served = { url: string; dataDir: string; process: ChildProcess; stop(): Promise<void> };

export async function serveMortar(args: string[] = []): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mortar-e2e-'));
  const child = spawn(process.execPath, [join(REPO, 'apps/cli/bin/mortar.js'), '--data-dir', dataDir, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mortar serve did not start:\n${output}`)), 60_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /ready at (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    child.once('exit', (code) => reject(new Error(`mortar serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export function screenshotter(page: Page, journey: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  let n = 0;
  return async (step: string) => {
    n++;
    await page.screenshot({ path: join(ARTIFACTS, `${journey}-${String(n).padStart(2, '0')}-${step}.png`) });
  };
}

export type FirstRun = { pharmacyName: string; address: string; taxId: string; terminalName: string; adminDisplayName: string };

/** Fills the first-run setup as a new pharmacy would: GBP, the administrator "admin", and the demo catalog. */
export async function fillFirstRunSetup(page: Page, f: FirstRun): Promise<void> {
  const byTest = (id: string) => page.getByTestId(id);
  await byTest('setup-pharmacy-name').fill(f.pharmacyName);
  await byTest('setup-address').fill(f.address);
  await byTest('setup-tax-id').fill(f.taxId);
  await byTest('setup-currency').selectOption('GBP');
  await byTest('setup-terminal-name').fill(f.terminalName);
  await byTest('setup-admin-username').fill('admin');
  await byTest('setup-admin-display-name').fill(f.adminDisplayName);
  await byTest('setup-admin-password').fill('correct-horse-battery');
  await byTest('setup-admin-password-repeat').fill('correct-horse-battery');
  await byTest('setup-admin-pin').fill('2468');
  await byTest('setup-load-demo').check();
}
