import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../core.js';
import { setUpPharmacy, tempDir, createTestCore } from '../testing/index.js';
import { generateKey, KEY_FILE_NAME, loadOrCreateKeyFile } from './key-file.js';
import { DB_FILE_NAME, openStore } from './open-store.js';
import { StoreError } from './store-error.js';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir('mortar-store-');
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e: unknown) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

describe('the encrypted store', () => {
  it('keeps the database encrypted at rest: no SQLite header, no readable text', async () => {
    const d = dir();
    const core = createTestCore({ dataDir: d });
    await setUpPharmacy(core);
    core.close();
    const bytes = readFileSync(join(d, DB_FILE_NAME));
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('Riverside Pharmacy'))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
  });

  it('creates the key file readable by its owner only', () => {
    const d = dir();
    const key = loadOrCreateKeyFile(d, true);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(d, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(d, false)).toBe(key);
  });

  it('refuses a key file that other accounts can read', () => {
    const d = dir();
    loadOrCreateKeyFile(d, true);
    chmodSync(join(d, KEY_FILE_NAME), 0o644);
    expect(storeError(() => loadOrCreateKeyFile(d, false)).code).toBe('store.keyFileInsecure');
  });

  it('says clearly when the key is wrong, and opens nothing', async () => {
    const d = dir();
    const core = createTestCore({ dataDir: d });
    await setUpPharmacy(core);
    core.close();
    const e = storeError(() => openStore({ dataDir: d, key: generateKey() }));
    expect(e.code).toBe('store.wrongKey');
    expect(e.message).toMatch(/cannot be opened with this terminal's key/);
  });

  it('refuses an unencrypted SQLite file rather than using it', () => {
    const d = dir();
    execFileSync(process.execPath, [
      '-e',
      `const D=require('better-sqlite3-multiple-ciphers'); const db=new D(${JSON.stringify(join(d, DB_FILE_NAME))}); db.exec('create table t(x)'); db.close();`,
    ]);
    expect(storeError(() => openStore({ dataDir: d, key: generateKey() })).code).toBe('store.notEncrypted');
  });

  it('reports a damaged file at start-up instead of half working', async () => {
    const d = dir();
    const core = createTestCore({ dataDir: d });
    await setUpPharmacy(core);
    core.close();
    const key = loadOrCreateKeyFile(d, false);
    const fd = openSync(join(d, DB_FILE_NAME), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
    closeSync(fd);
    const e = storeError(() => openStore({ dataDir: d, key }));
    expect(['store.wrongKey', 'store.corrupt']).toContain(e.code);
    expect(e.message).toMatch(/damaged/);
  });

  it('refuses to start on a read-only disk with a clear message', async () => {
    const d = dir();
    let mounted = false;
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', d], { stdio: 'ignore' });
      mounted = true;
    } catch {
      // Not allowed to mount here: a directory that cannot be created stands in for the read-only disk.
    }
    try {
      const dataDir = mounted ? join(d, 'terminal') : '/proc/1/mortar-terminal';
      if (mounted) {
        const core = createTestCore({ dataDir });
        await setUpPharmacy(core);
        core.close();
        execFileSync('mount', ['-o', 'remount,ro', d]);
      }
      const e = storeError(() => createCore({ dataDir, log: () => {} }));
      expect(e.code).toBe('store.dataDirUnwritable');
      expect(e.message).toMatch(/cannot write to its data directory/);
    } finally {
      if (mounted) execFileSync('umount', [d]);
    }
  });

  it('lets only one terminal use a data directory at a time, and frees it when the holder dies', async () => {
    const d = dir();
    createTestCore({ dataDir: d }).close();
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${new URL('../core.ts', import.meta.url).pathname}').then(({ createCore }) => { createCore({ dataDir: ${JSON.stringify(d)} }); console.log('holding'); setInterval(() => {}, 1000); });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (b: Buffer) => b.toString().includes('holding') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
    try {
      const e = storeError(() => createCore({ dataDir: d, log: () => {} }));
      expect(e.code).toBe('store.inUse');
      expect(e.message).toMatch(/Another Mortar terminal is already using/);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    // The OS released the lock with the killed process: no stale lock file to clean up by hand.
    createCore({ dataDir: d, log: () => {} }).close();
  });

  it('refuses a database written by a newer Mortar', async () => {
    const d = dir();
    const core = createTestCore({ dataDir: d });
    core.db.pragma('user_version = 999');
    core.close();
    const e = storeError(() => openStore({ dataDir: d, key: loadOrCreateKeyFile(d, false) }));
    expect(e.code).toBe('store.newerSchema');
  });

  it('keeps committed data across a hard kill of the process (WAL, synchronous FULL)', async () => {
    const d = dir();
    mkdirSync(d, { recursive: true });
    const script = `import('${new URL('../testing/index.ts', import.meta.url).pathname}').then(async (t) => {
      const core = t.createTestCore({ dataDir: ${JSON.stringify(d)} });
      await t.setUpPharmacy(core);
      console.log('committed');
      setInterval(() => {}, 1000);
    });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes('committed') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const core = createTestCore({ dataDir: d });
    const status = await core.connect().invoke('setup.getStatus', {});
    core.close();
    expect(status).toMatchObject({ ok: true, value: { initialized: true, pharmacy: { name: 'Riverside Pharmacy' } } });
  });
});

describe('key file content', () => {
  it('rejects a key file that does not hold a key', () => {
    const d = dir();
    writeFileSync(join(d, KEY_FILE_NAME), 'not a key\n', { mode: 0o600 });
    expect(storeError(() => loadOrCreateKeyFile(d, false)).code).toBe('store.keyFileInvalid');
  });
});
