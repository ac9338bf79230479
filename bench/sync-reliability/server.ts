// The reliability run's server side: a fresh PostgreSQL database on the local cluster (over its unix
// socket; the OS user gets a role that may create databases if it has none), and `mortar-sync` processes on
// a fixed port that can be SIGKILLed and started again.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SOCKET = '/var/run/postgresql';
const BIN = fileURLToPath(new URL('../../sync-server/bin/mortar-sync.js', import.meta.url));

function adminConfig(): pg.ClientConfig {
  const url = process.env.MORTAR_SYNC_TEST_PG;
  return url ? { connectionString: url } : { host: SOCKET, user: userInfo().username, database: 'postgres' };
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  let client = new pg.Client(adminConfig());
  try {
    await client.connect();
  } catch (error: unknown) {
    if ((error as { code?: string }).code !== '28000' || process.env.MORTAR_SYNC_TEST_PG) throw error;
    const name = userInfo().username.replace(/"/g, '');
    execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-c', `CREATE ROLE "${name}" LOGIN CREATEDB`], { stdio: 'pipe' });
    client = new pg.Client(adminConfig());
    await client.connect();
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export type RunDatabase = { url: string; query<R>(sql: string, params?: unknown[]): Promise<R[]>; drop(): Promise<void> };

export async function createDatabase(): Promise<RunDatabase> {
  const name = `mortar_reliability_${randomBytes(5).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const base = adminConfig();
  let url: string;
  if (base.connectionString) {
    const u = new URL(base.connectionString);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    url = `postgresql://${encodeURIComponent(base.user ?? '')}@${encodeURIComponent(SOCKET)}/${name}`;
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  return {
    url,
    query: async <R>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as R[],
    async drop() {
      await pool.end();
      for (let attempt = 1; ; attempt++) {
        try {
          await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
          return;
        } catch (error: unknown) {
          if ((error as { code?: string }).code !== '42501' || attempt >= 50) throw error;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export type SyncProcess = { process: ChildProcess; url: string };

/** Starts `mortar-sync` on `port` and resolves once it answers /healthz. */
export async function startSyncServer(port: number, env: Record<string, string>): Promise<SyncProcess> {
  const child = spawn(process.execPath, [BIN, '--host', '127.0.0.1', '--port', String(port)], {
    env: { ...process.env, MORTAR_SYNC_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (c: Buffer) => (errors = (errors + c.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1800; i++) {
    if (child.exitCode !== null) throw new Error(`mortar-sync exited with ${child.exitCode}: ${errors}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { process: child, url };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`mortar-sync did not come up: ${errors}`);
}

export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
