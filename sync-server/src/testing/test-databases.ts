// Test databases: a fresh PostgreSQL database per test (created and dropped here) on the local cluster,
// reached over its unix socket; and embedded PGlite (one per test file, see freshPglite). Set
// MORTAR_SYNC_TEST_PG to a libpq URL of a role that may CREATE DATABASE to use another server.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';

const SOCKET = '/var/run/postgresql';

function adminConfig(): pg.ClientConfig {
  const url = process.env.MORTAR_SYNC_TEST_PG;
  if (url) return { connectionString: url };
  return { host: SOCKET, user: userInfo().username, database: 'postgres' };
}

let roleReady: Promise<void> | null = null;

/** The local cluster trusts OS users by peer auth: give the user running the tests a role that may create databases. */
function ensureRole(): Promise<void> {
  roleReady ??= (async () => {
    const client = new pg.Client(adminConfig());
    try {
      await client.connect();
      return;
    } catch (error: unknown) {
      const code = (error as { code?: string }).code;
      // 28000: no such role for peer auth; 3D000: the role exists but lacks a same-named database (fine).
      if (process.env.MORTAR_SYNC_TEST_PG || code !== '28000') throw error;
    } finally {
      await client.end().catch(() => undefined);
    }
    const name = userInfo().username.replace(/"/g, '');
    execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-v', 'ON_ERROR_STOP=1', '-q', '-c', `CREATE ROLE "${name}" LOGIN CREATEDB`], {
      stdio: 'pipe',
      timeout: 15_000,
    });
  })();
  return roleReady;
}

export type TestDatabase = {
  db: Database;
  /** A connection URL of the database, for another process or a dedicated connection (PostgreSQL only). */
  url: string | null;
  drop(): Promise<void>;
};

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  await ensureRole();
  const client = new pg.Client(adminConfig());
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function freshPostgres(maxConnections = 10): Promise<TestDatabase> {
  const name = `mortar_sync_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const base = adminConfig();
  let url: string;
  if (base.connectionString) {
    const u = new URL(base.connectionString);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    url = `postgresql://${encodeURIComponent(base.user ?? '')}@${encodeURIComponent(SOCKET)}/${name}`;
  }
  const db = openPostgres({ connectionString: url, maxConnections });
  await migrate(db);
  return {
    db,
    url,
    async drop() {
      await db.close();
      // FORCE cannot end a backend of another role: an autovacuum worker visiting the new database makes the
      // drop fail with 42501 for a moment, so it is retried until that worker has moved on.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
          return;
        } catch (error: unknown) {
          const code = (error as { code?: unknown }).code;
          if (code !== '42501' || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
  };
}

let sharedPglite: Promise<Database> | null = null;

/**
 * PGlite takes seconds to start on a small machine, so the tests of one file share one migrated instance;
 * they stay independent because every test seeds its own tenant and the log is per tenant.
 */
export async function freshPglite(): Promise<TestDatabase> {
  sharedPglite ??= openPglite().then(async (db) => {
    await migrate(db);
    return db;
  });
  return { db: await sharedPglite, url: null, drop: async () => undefined };
}

export type Backend = 'postgres' | 'pglite';

export function freshDatabase(backend: Backend): Promise<TestDatabase> {
  return backend === 'postgres' ? freshPostgres() : freshPglite();
}
