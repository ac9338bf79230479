import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME, createCore, isValidKey } from '@mortar/main';
import { KeyError, SEALED_KEY_FILE_NAME, keychainStatus, loadOrCreateDatabaseKey, type SafeStorageLike } from './key-sealing.js';

/**
 * The one test double of the desktop tests: safeStorage exists only inside Electron. This one really
 * encrypts (AES-256-GCM under a per-"account" secret), so a damaged or foreign sealed key fails as it would.
 */
function keychain(o: { account?: string; available?: boolean; backend?: string } = {}): SafeStorageLike {
  const secret = createHash('sha256').update(o.account ?? 'pharmacist@counter-1').digest();
  return {
    isEncryptionAvailable: () => o.available ?? true,
    getSelectedStorageBackend: () => o.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const d = createDecipheriv('aes-256-gcm', secret, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

let dataDir: string;
let log: string[];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mortar-key-'));
  log = [];
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const load = (safeStorage: SafeStorageLike, platform: NodeJS.Platform = 'linux') =>
  loadOrCreateDatabaseKey({ dataDir, safeStorage, platform, log: (m) => log.push(m) });

function thrown(f: () => unknown): KeyError {
  try {
    f();
  } catch (e: unknown) {
    if (e instanceof KeyError) return e;
    throw e;
  }
  throw new Error('expected a KeyError');
}

describe('the sealed database key', () => {
  it('is created on first start as a sealed 0600 file and no clear key file', () => {
    const first = load(keychain());
    expect(first.source).toBe('keychain');
    expect(isValidKey(first.key)).toBe(true);
    const sealedPath = join(dataDir, SEALED_KEY_FILE_NAME);
    expect(statSync(sealedPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(sealedPath).toString('latin1')).not.toContain(first.key);
    expect(existsSync(join(dataDir, KEY_FILE_NAME))).toBe(false);
  });

  it('gives the same key on every later start', () => {
    const first = load(keychain());
    const again = load(keychain());
    expect(again).toEqual(first);
  });

  it('opens a real encrypted store across restarts', () => {
    const { key } = load(keychain());
    const core = createCore({ dataDir, key, log: () => {} });
    core.close();
    const reopened = createCore({ dataDir, key: load(keychain()).key, log: () => {} });
    expect(reopened.db.open).toBe(true);
    reopened.close();
  });

  it('refuses a damaged sealed key with a clear message', () => {
    load(keychain());
    const sealedPath = join(dataDir, SEALED_KEY_FILE_NAME);
    const bytes = readFileSync(sealedPath);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(sealedPath, bytes);
    const e = thrown(() => load(keychain()));
    expect(e.code).toBe('key.sealedKeyUnreadable');
    expect(e.message).toContain(sealedPath);
    expect(e.message).toMatch(/damaged/);
  });

  it('refuses a key sealed by another account', () => {
    load(keychain({ account: 'pharmacist@counter-1' }));
    expect(thrown(() => load(keychain({ account: 'intruder@elsewhere' }))).code).toBe('key.sealedKeyUnreadable');
  });

  it('refuses a sealed file that opens to something other than a key', () => {
    writeFileSync(join(dataDir, SEALED_KEY_FILE_NAME), keychain().encryptString('not a key'), { mode: 0o600 });
    expect(thrown(() => load(keychain())).code).toBe('key.sealedKeyUnreadable');
  });

  it('stops when the keychain that sealed the key is not available now', () => {
    load(keychain());
    const e = thrown(() => load(keychain({ available: false })));
    expect(e.code).toBe('key.keychainUnavailable');
    expect(e.message).toMatch(/keychain/);
  });

  it('never replaces a missing key for an existing database', () => {
    const { key } = load(keychain());
    createCore({ dataDir, key, log: () => {} }).close();
    rmSync(join(dataDir, SEALED_KEY_FILE_NAME));
    const e = thrown(() => load(keychain()));
    expect(e.code).toBe('key.missing');
    expect(existsSync(join(dataDir, SEALED_KEY_FILE_NAME))).toBe(false);
  });
});

describe('without a usable keychain', () => {
  it('falls back to the 0600 key file of browser mode and says so in the log', () => {
    const r = load(keychain({ available: false }));
    expect(r.source).toBe('key-file');
    expect(statSync(join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, KEY_FILE_NAME), 'utf8').trim()).toBe(r.key);
    expect(log.join('\n')).toMatch(/keychain cannot hold the database key.*key file/);
  });

  it("treats Linux's built-in fixed password ('basic_text') as no keychain", () => {
    expect(keychainStatus(keychain({ backend: 'basic_text' }), 'linux')).toMatchObject({ usable: false });
    expect(load(keychain({ backend: 'basic_text' }), 'linux').source).toBe('key-file');
    expect(existsSync(join(dataDir, SEALED_KEY_FILE_NAME))).toBe(false);
  });

  it('ignores the Linux backend on other systems', () => {
    expect(keychainStatus(keychain({ backend: 'basic_text' }), 'darwin')).toEqual({ usable: true });
  });

  it('keeps using the key file of a folder first set up in browser mode', () => {
    const fromFile = load(keychain({ available: false }));
    const later = load(keychain());
    expect(later).toMatchObject({ source: 'key-file', key: fromFile.key });
    expect(existsSync(join(dataDir, SEALED_KEY_FILE_NAME))).toBe(false);
  });
});
