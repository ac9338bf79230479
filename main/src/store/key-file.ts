// Rule: the database key never sits where other accounts can read it. Headless (browser mode, CLI) it is
// a file of mode 0600 in the data directory; the desktop app keeps it in the OS keychain instead.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, writeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './store-error.js';

export const KEY_FILE_NAME = 'mortar.key';

/** A 256-bit key as 64 hex characters. */
export function generateKey(): string {
  return randomBytes(32).toString('hex');
}

export function isValidKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

/**
 * Reads the key file, or creates it when `create` is set and it does not exist yet.
 * Refuses a key file that group or others may read, since that key protects patient data.
 */
export function loadOrCreateKeyFile(dataDir: string, create: boolean): string {
  const path = join(dataDir, KEY_FILE_NAME);
  if (!existsSync(path)) {
    if (!create) {
      throw new StoreError(
        'store.keyMissing',
        existsSync(join(dataDir, 'mortar.db'))
          ? `The key file ${path} is missing, so the database cannot be opened. Restore the key file from where it was kept safe.`
          : `There is no Mortar terminal in ${dataDir}. Set one up with \`mortar setup\` or \`mortar serve\`, or give the right --data-dir.`,
      );
    }
    const key = generateKey();
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${key}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return key;
  }
  const fd = openSync(path, 'r');
  try {
    const mode = fstatSync(fd).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new StoreError(
        'store.keyFileInsecure',
        `The key file ${path} can be read by other accounts (mode ${mode.toString(8)}). Run: chmod 600 "${path}"`,
      );
    }
  } finally {
    closeSync(fd);
  }
  const key = readFileSync(path, 'utf8').trim();
  if (!isValidKey(key)) {
    throw new StoreError('store.keyFileInvalid', `The key file ${path} does not hold a valid key.`);
  }
  return key;
}
