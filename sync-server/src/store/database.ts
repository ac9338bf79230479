// One storage interface over PostgreSQL (a `pg` Pool, for production and several processes) and embedded
// PGlite (a single process with a data directory, for trials and small sites): the same SQL runs on both.
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export type Queryable = {
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
};

export type TransactionOptions = { isolation?: 'read committed' | 'repeatable read'; readOnly?: boolean };

export type Database = Queryable & {
  readonly kind: 'postgres' | 'pglite';
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
};

function transactionMode(options: TransactionOptions | undefined): string | null {
  if (!options) return null;
  const parts = [`ISOLATION LEVEL ${options.isolation === 'repeatable read' ? 'REPEATABLE READ' : 'READ COMMITTED'}`];
  if (options.readOnly) parts.push('READ ONLY');
  return `SET TRANSACTION ${parts.join(', ')}`;
}

export type PostgresOptions = { connectionString?: string; config?: pg.PoolConfig; maxConnections?: number };

export function openPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    ...(options.config ?? {}),
    ...(options.connectionString ? { connectionString: options.connectionString } : {}),
    max: options.maxConnections ?? options.config?.max ?? 10,
  });
  // An idle client that loses its server (a restart, a failover) must not crash the process.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    async query<R>(sql: string, params?: unknown[]) {
      const result = await pool.query(sql, params);
      return result.rows as R[];
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const mode = transactionMode(options);
        if (mode) await client.query(mode);
        const tx: Queryable = {
          async query<R>(sql: string, params?: unknown[]) {
            const result = await client.query(sql, params);
            return result.rows as R[];
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error: unknown) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Embedded PostgreSQL in `dataDir` (in memory when omitted). One connection, so transactions queue. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    kind: 'pglite',
    async query<R>(sql: string, params?: unknown[]) {
      const result = await db.query<R>(sql, params);
      return result.rows;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
      return db.transaction(async (inner) => {
        const mode = transactionMode(options);
        if (mode) await inner.query(mode);
        return fn({
          async query<R>(sql: string, params?: unknown[]) {
            const result = await inner.query<R>(sql, params);
            return result.rows;
          },
        });
      });
    },
    close: () => db.close(),
  };
}
