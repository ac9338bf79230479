// Opens a terminal's store: encrypted at rest from day one, WAL, foreign keys on, fully synchronous commits
// so that a power cut loses nothing committed. Every way start-up can fail ends in a StoreError that says
// what is wrong in words a pharmacy can act on, never a half-working app.
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrate.js';
import { StoreError } from './store-error.js';

export const DB_FILE_NAME = 'mortar.db';
export const LOCK_FILE_NAME = 'terminal.lock';

export type OpenStoreOptions = {
  dataDir: string;
  /** 64 hex characters (256-bit raw key). */
  key: string;
  /** Take the one-terminal-per-data-directory lock (the CLI's read-only tools skip it). */
  exclusive?: boolean;
  /** Run pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
  /** Path to a better-sqlite3 addon built for another runtime (Electron). */
  nativeBinding?: string;
};

export type Store = {
  db: Db;
  dataDir: string;
  close(): void;
};

export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const probe = join(dir, `.write-probe-${process.pid}`);
    writeFileSync(probe, 'ok');
    unlinkSync(probe);
  } catch (e: unknown) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    throw new StoreError(
      'store.dataDirUnwritable',
      `Mortar cannot write to its data directory ${dir} (${code}). Check that the disk is not full or read-only and that this account owns the folder.`,
    );
  }
}

function hasPlainSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    return buf.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/** Applies the cipher settings and key; SQLCipher 4 compatible, raw key so no slow key derivation. */
export function applyKey(db: Db, key: string): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key}'"`);
}

/** Holds an OS-level lock for the life of the process: released by the OS even when the process dies. */
function takeTerminalLock(dataDir: string, nativeBinding?: string): Db {
  const lock = new Database(join(dataDir, LOCK_FILE_NAME), { timeout: 0, nativeBinding });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, since INTEGER)');
    lock.exec('BEGIN EXCLUSIVE');
    lock.prepare('DELETE FROM holder').run();
    lock.prepare('INSERT INTO holder VALUES (?, ?)').run(process.pid, Date.now());
    return lock;
  } catch (e: unknown) {
    lock.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new StoreError(
        'store.inUse',
        `Another Mortar terminal is already using the data directory ${dataDir}. Each terminal needs its own data directory; close the other one or start this one with --data-dir.`,
      );
    }
    throw e;
  }
}

export function openStore(options: OpenStoreOptions): Store {
  const { dataDir, key } = options;
  if (!options.readonly) ensureWritableDir(dataDir);
  const file = join(dataDir, DB_FILE_NAME);
  const lock = options.exclusive ? takeTerminalLock(dataDir, options.nativeBinding) : null;
  let db: Db | null = null;
  try {
    if (existsSync(file) && statSync(file).size > 0 && hasPlainSqliteHeader(file)) {
      throw new StoreError(
        'store.notEncrypted',
        `${file} is an unencrypted SQLite file. Mortar keeps patient data encrypted and will not use it.`,
      );
    }
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      timeout: 5000,
      nativeBinding: options.nativeBinding,
    });
    applyKey(db, key);
    if (!options.readonly) chmodSync(file, 0o600);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e: unknown) {
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') {
        throw new StoreError(
          'store.wrongKey',
          `${file} cannot be opened with this terminal's key: the key is wrong or the file is damaged. Restore the matching key file, or restore the database from a backup.`,
        );
      }
      if (code === 'SQLITE_CORRUPT') {
        throw new StoreError('store.corrupt', `${file} is damaged (${String(e)}). Restore it from a backup.`);
      }
      throw e;
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // Every page read from disk is decrypted and authenticated; a 64 MiB cache keeps the catalog's indexes,
    // the lots and the open shift's pages decrypted, instead of SQLite's default 2 MiB.
    db.pragma('cache_size = -65536');
    if (options.migrate ?? !options.readonly) {
      try {
        migrate(db);
      } catch (e: unknown) {
        const code = (e as { code?: string }).code;
        if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
          throw new StoreError('store.corrupt', `${file} is damaged (${String(e)}). Restore it from a backup.`);
        }
        if (code === 'SQLITE_READONLY' || code === 'SQLITE_IOERR' || code === 'SQLITE_CANTOPEN') {
          throw new StoreError('store.dataDirUnwritable', `Mortar cannot write to ${file} (${code}).`);
        }
        throw e;
      }
    }
    const opened = db;
    return {
      db: opened,
      dataDir,
      close() {
        if (opened.open) {
          if (!opened.readonly) opened.pragma('wal_checkpoint(TRUNCATE)');
          opened.close();
        }
        if (lock?.open) lock.close();
      },
    };
  } catch (e: unknown) {
    if (db?.open) db.close();
    if (lock?.open) lock.close();
    throw e;
  }
}
