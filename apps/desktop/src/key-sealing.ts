// Rule: the database key lives in the OS keychain (Electron safeStorage) when there is one, and otherwise in
// the owner-only key file of browser mode (DESIGN.md "Security"). It is never written in clear next to the
// database when a keychain can hold it, and never silently replaced: a key that cannot be read stops start-up.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE_NAME, KEY_FILE_NAME, generateKey, isValidKey, loadOrCreateKeyFile } from '@mortar/main';

export const SEALED_KEY_FILE_NAME = 'mortar.key.sealed';

/** The part of Electron's `safeStorage` used here, so the logic runs (and is tested) in plain Node. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?: () => string;
};

export type KeySource = 'keychain' | 'key-file';

export type DatabaseKey = { key: string; source: KeySource; path: string };

export type KeyErrorCode = 'key.keychainUnavailable' | 'key.sealedKeyUnreadable' | 'key.missing';

/** A start-up failure about the database key: a stable code and a message a pharmacy can act on. */
export class KeyError extends Error {
  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeyError';
  }
}

export type KeychainStatus = { usable: true } | { usable: false; reason: string };

/**
 * Whether safeStorage really protects the key. On Linux without a keyring Electron still "encrypts", but
 * with a fixed password built into Chromium ('basic_text'), which protects nothing; that counts as no keychain.
 */
export function keychainStatus(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeychainStatus {
  if (!safeStorage.isEncryptionAvailable()) {
    return { usable: false, reason: 'the operating system keychain is not available' };
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') {
      return {
        usable: false,
        reason: `no keyring service (GNOME Keyring / Secret Service or KWallet) is running (backend: ${backend})`,
      };
    }
  }
  return { usable: true };
}

export type LoadKeyOptions = {
  dataDir: string;
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
};

function writeNewFile(path: string, data: Buffer): void {
  // 'wx': never overwrite a key that exists; 0600: readable by this account only, even though it is sealed.
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function unsealKey(path: string, safeStorage: SafeStorageLike, platform: NodeJS.Platform): string {
  const status = keychainStatus(safeStorage, platform);
  if (!status.usable) {
    throw new KeyError(
      'key.keychainUnavailable',
      `The database key in ${path} is sealed with the operating system keychain, but ${status.reason}. ` +
        'Log in to this computer with the account that set Mortar up (so that its keychain is unlocked) and start Mortar again.',
    );
  }
  const unreadable = new KeyError(
    'key.sealedKeyUnreadable',
    `The sealed database key ${path} cannot be opened: it is damaged, or it was sealed by another account or ` +
      'another computer. Restore the data folder together with its key from a backup.',
  );
  let plain: string;
  try {
    plain = safeStorage.decryptString(readFileSync(path));
  } catch {
    throw unreadable;
  }
  const key = plain.trim();
  if (!isValidKey(key)) throw unreadable;
  return key;
}

/**
 * The key of the database in `dataDir`: unsealed from `mortar.key.sealed`, or read from the key file of
 * browser mode when the folder was set up that way, or created on first start (sealed when a keychain is
 * usable, else the 0600 key file, which the log says).
 */
export function loadOrCreateDatabaseKey(options: LoadKeyOptions): DatabaseKey {
  const { dataDir, safeStorage } = options;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? (() => {});
  const sealedPath = join(dataDir, SEALED_KEY_FILE_NAME);
  const keyFilePath = join(dataDir, KEY_FILE_NAME);

  if (existsSync(sealedPath)) {
    return { key: unsealKey(sealedPath, safeStorage, platform), source: 'keychain', path: sealedPath };
  }
  if (existsSync(keyFilePath)) {
    // A folder first set up in browser mode keeps its key file: moving the key would lock browser mode out.
    log(`The database key is read from the key file ${keyFilePath} (mode 0600), as in browser mode.`);
    return { key: loadOrCreateKeyFile(dataDir, false), source: 'key-file', path: keyFilePath };
  }
  const dbPath = join(dataDir, DB_FILE_NAME);
  if (existsSync(dbPath) && statSync(dbPath).size > 0) {
    throw new KeyError(
      'key.missing',
      `The database ${dbPath} exists but its key is missing (neither ${sealedPath} nor ${keyFilePath} is there). ` +
        'Restore the key file from the backup made with this database; a new key cannot open it.',
    );
  }

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const status = keychainStatus(safeStorage, platform);
  if (!status.usable) {
    log(
      `The operating system keychain cannot hold the database key (${status.reason}); ` +
        `it is kept in the key file ${keyFilePath} instead, readable by this account only (mode 0600), as in browser mode.`,
    );
    return { key: loadOrCreateKeyFile(dataDir, true), source: 'key-file', path: keyFilePath };
  }
  const key = generateKey();
  const sealed = safeStorage.encryptString(key);
  // A keychain that seals but cannot open again would lose the data on the next start: prove it now.
  if (safeStorage.decryptString(sealed) !== key) {
    throw new KeyError('key.keychainUnavailable', 'The operating system keychain returned a different key than it was given.');
  }
  writeNewFile(sealedPath, sealed);
  log(`A new database key was created and sealed with the operating system keychain in ${sealedPath}.`);
  return { key, source: 'keychain', path: sealedPath };
}
