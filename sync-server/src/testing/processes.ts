// Real `mortar-sync` processes and an haproxy in front of them, for the statelessness test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/mortar-sync.js', import.meta.url));
const HAPROXY = '/usr/sbin/haproxy';

export type Child = { url: string; process: ChildProcess; stop(): Promise<number | null> };

function stopper(child: ChildProcess): () => Promise<number | null> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
}

/** Starts `mortar-sync` on a free port and resolves once it logs that it listens. */
export function startSyncProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<Child> {
  const child = spawn(process.execPath, [BIN, '--host', '127.0.0.1', '--port', '0'], {
    env: { ...process.env, MORTAR_SYNC_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let errors = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mortar-sync did not start: ${errors}`));
    }, timeoutMs);
    child.stderr?.on('data', (c: Buffer) => (errors += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      buffered += c.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'mortar-sync listening' && entry.url) {
            clearTimeout(timer);
            resolve({ url: entry.url, process: child, stop: stopper(child) });
          }
        } catch {
          // Not a log line of ours: ignore.
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mortar-sync exited with ${code}: ${errors}`));
    });
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** haproxy in HTTP mode, round-robin over `backends`, with WebSocket tunnels allowed. */
export async function startBalancer(backends: string[]): Promise<Child> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mortar-haproxy-'));
  const cfg = join(dir, 'haproxy.cfg');
  const servers = backends.map((b, i) => `  server s${i + 1} ${new URL(b).host} check inter 500`).join('\n');
  writeFileSync(
    cfg,
    `global
  maxconn 2000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout tunnel 120s
frontend sync
  bind 127.0.0.1:${port}
  default_backend processes
backend processes
  balance roundrobin
  option httpchk GET /healthz
${servers}
`,
  );
  const child = spawn(HAPROXY, ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error('haproxy exited');
    try {
      if ((await fetch(`${url}/healthz`)).ok) {
        return {
          url,
          process: child,
          async stop() {
            const code = await stop();
            rmSync(dir, { recursive: true, force: true });
            return code;
          },
        };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('haproxy did not come up');
}
