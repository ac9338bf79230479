// Migrations are numbered and forward-only (DESIGN.md "Data"): each runs once, in order, inside its own
// transaction, and the schema version lives in SQLite's user_version.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { migrations } from './migrations/index.js';
import { StoreError } from './store-error.js';

export type Migration = { version: number; name: string; sql: string };

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(list: readonly Migration[] = migrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

/** Applies every migration above the database's version, up to `target`. Returns the versions applied. */
export function migrate(db: Database, target = latestVersion(), list: readonly Migration[] = migrations): number[] {
  const current = schemaVersion(db);
  if (current > latestVersion(list)) {
    throw new StoreError(
      'store.newerSchema',
      `This database was written by a newer Mortar (schema ${current}; this version knows up to ${latestVersion(list)}). Update Mortar on this terminal.`,
    );
  }
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
