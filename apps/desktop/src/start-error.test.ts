import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME, StoreError, createCore, generateKey } from '@mortar/main';
import { KeyError } from './key-sealing.js';
import { DesktopStartError, describeStartError } from './start-error.js';

describe('start-up errors', () => {
  it("show the core's own message for a store that cannot be opened", () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mortar-start-'));
    try {
      createCore({ dataDir, key: generateKey(), log: () => {} }).close();
      let caught: unknown;
      try {
        createCore({ dataDir, key: generateKey(), log: () => {} }).close();
      } catch (e: unknown) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(StoreError);
      const report = describeStartError(caught);
      expect(report.code).toBe('store.wrongKey');
      expect(report.message).toContain(join(dataDir, DB_FILE_NAME));
      expect(report.title).toBe('Mortar cannot start');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('report a store already used by another terminal', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mortar-start-'));
    const key = generateKey();
    const first = createCore({ dataDir, key, log: () => {} });
    try {
      let caught: unknown;
      try {
        createCore({ dataDir, key, log: () => {} }).close();
      } catch (e: unknown) {
        caught = e;
      }
      expect(describeStartError(caught)).toMatchObject({ code: 'store.inUse' });
    } finally {
      first.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('report a damaged database file', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mortar-start-'));
    try {
      writeFileSync(join(dataDir, DB_FILE_NAME), Buffer.alloc(8192, 7));
      let caught: unknown;
      try {
        createCore({ dataDir, key: generateKey(), log: () => {} }).close();
      } catch (e: unknown) {
        caught = e;
      }
      expect(['store.wrongKey', 'store.corrupt']).toContain(describeStartError(caught).code);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('show key and shell errors with their codes', () => {
    expect(describeStartError(new KeyError('key.missing', 'The key is missing.'))).toEqual({
      title: 'Mortar cannot start',
      message: 'The key is missing.',
      code: 'key.missing',
    });
    expect(describeStartError(new DesktopStartError('desktop.rendererMissing', 'No screens.'))).toMatchObject({
      code: 'desktop.rendererMissing',
    });
  });

  it('name the fix for a native module built for another runtime', () => {
    const abi = new Error(
      "The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 145.",
    );
    const report = describeStartError(abi);
    expect(report.code).toBe('desktop.nativeModuleMismatch');
    expect(report.message).toContain('npm run build -w @mortar/desktop');
  });

  it('still say something plain about an unexpected error', () => {
    expect(describeStartError(new Error('boom'))).toMatchObject({ code: 'desktop.startFailed', message: expect.stringContaining('boom') });
    expect(describeStartError('text')).toMatchObject({ code: 'desktop.startFailed' });
  });
});
