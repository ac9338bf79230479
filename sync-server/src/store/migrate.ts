// Numbered, forward-only migrations (CONVENTIONS 7): each runs once, in order, under an advisory lock so
// that two server processes starting together against one PostgreSQL never apply the same step twice.
import type { Database } from './database.js';
import { migration0001 } from './migrations/0001-initial.js';
import { migration0002 } from './migrations/0002-service.js';
import { migration0003 } from './migrations/0003-stock-quarantined.js';
import { migration0004 } from './migrations/0004-routing-and-limits.js';
import { migration0005 } from './migrations/0005-audit-chain.js';
import { migration0006 } from './migrations/0006-head-office-users.js';
import { migration0007 } from './migrations/0007-credential-rotation.js';

export type Migration = { id: number; name: string; sql: string };

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007];

const MIGRATION_LOCK = 7_291_004;

export async function migrate(db: Database, list: readonly Migration[] = migrations): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    const applied: number[] = [];
    for (const m of [...list].sort((a, b) => a.id - b.id)) {
      if (done.has(m.id)) continue;
      // Each statement separately: the extended protocol (and PGlite's query) takes one statement at a time.
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}

/** Splits on semicolons that end a line; migrations avoid semicolons inside strings and bodies. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
