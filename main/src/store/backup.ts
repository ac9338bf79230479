// Backups are consistent online snapshots (VACUUM INTO, which reads one snapshot while counters keep
// selling) and stay encrypted with the terminal's key. A restore is verified before it replaces anything:
// the file opens with the key, passes SQLite's integrity check and its audit chain holds.
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { chmodSync, copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { auditLog } from '../audit/audit-log.js';
import { latestVersion, schemaVersion } from './migrate.js';
import { applyKey, DB_FILE_NAME, openStore } from './open-store.js';
import { StoreError } from './store-error.js';

export type BackupSummary = { file: string; bytes: number; schemaVersion: number; auditEntries: number };

/** `key` is the database's own key: the snapshot is encrypted with it and then verified with it. */
export function backupDatabase(db: Db, key: string, file: string): BackupSummary {
  const target = resolve(file);
  if (existsSync(target)) throw new StoreError('store.backupExists', `${target} already exists; choose a new file name.`);
  db.prepare('VACUUM INTO ?').run(target);
  chmodSync(target, 0o600);
  try {
    return { ...verifyBackup(target, key), file: target };
  } catch (e: unknown) {
    rmSync(target, { force: true });
    throw e;
  }
}

export function verifyBackup(file: string, key: string): Omit<BackupSummary, 'file'> {
  if (!existsSync(file)) throw new StoreError('store.corrupt', `There is no backup at ${file}.`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    let integrity: string;
    try {
      integrity = String(db.pragma('integrity_check', { simple: true }));
    } catch (e: unknown) {
      throw new StoreError('store.wrongKey', `${file} cannot be read with this terminal's key, or it is damaged (${String(e)}).`);
    }
    if (integrity !== 'ok') throw new StoreError('store.corrupt', `${file} fails SQLite's integrity check: ${integrity}`);
    const version = schemaVersion(db);
    if (version > latestVersion()) {
      throw new StoreError('store.newerSchema', `${file} comes from a newer Mortar (schema ${version}).`);
    }
    const chain = version >= 1 ? auditLog(db).verify() : { ok: true, entries: 0, firstBroken: null };
    if (!chain.ok) {
      throw new StoreError(
        'store.corrupt',
        `${file} has a broken audit chain at entry ${chain.firstBroken?.seq} (${chain.firstBroken?.reason}); it will not be restored.`,
      );
    }
    return { bytes: statSync(file).size, schemaVersion: version, auditEntries: chain.entries };
  } finally {
    db.close();
  }
}

/**
 * Replaces the terminal's database with a verified backup. The terminal must not be running (the terminal
 * lock is taken); the database it replaces is kept beside it, never deleted.
 */
export function restoreDatabase(dataDir: string, key: string, file: string, now: number): BackupSummary & { previous: string | null } {
  const source = resolve(file);
  const summary = verifyBackup(source, key);
  const current = join(dataDir, DB_FILE_NAME);
  // Taking the store exclusively proves no terminal is running on this data directory.
  const guard = openStore({ dataDir, key, exclusive: true, migrate: false });
  guard.close();
  let previous: string | null = null;
  if (existsSync(current)) {
    previous = `${current}.before-restore-${now}`;
    renameSync(current, previous);
    for (const suffix of ['-wal', '-shm']) rmSync(current + suffix, { force: true });
  }
  copyFileSync(source, current);
  chmodSync(current, 0o600);
  const reopened = openStore({ dataDir, key, exclusive: true });
  reopened.close();
  return { ...summary, file: source, previous };
}
