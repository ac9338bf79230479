import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Builds a store object (its prepared statements) once per open database, not once per command. */
export function perDatabase<T>(build: (db: Database) => T): (db: Database) => T {
  const cache = new WeakMap<Database, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) {
      value = build(db);
      cache.set(db, value);
    }
    return value;
  };
}
