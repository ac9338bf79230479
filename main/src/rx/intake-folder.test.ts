import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, tempDir } from '../testing/index.js';
import { setUpRx, type RxStore } from './rx-fixtures.js';

const sample = fileURLToPath(new URL('../../../models/rx-images/samples/rx-002.png', import.meta.url));

let store: RxStore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
});

describe("the sheet scanner's folder", () => {
  it('defaults to <data dir>/scans and lists nothing while it does not exist', async () => {
    store = await setUpRx();
    const out = expectOk(await store.pharmacist.invoke('rx.listIntakeFolder', {}));
    expect(out).toEqual({ folder: join(store.core.dataDir, 'scans'), configured: false, exists: false, files: [] });
  });

  it('is named by a manager of settings, only as an existing folder by its full path', async () => {
    store = await setUpRx();
    const folder = tempDir('mortar-scans-');
    expect(await store.admin.invoke('rx.setIntakeFolder', { folder: 'relative/scans' })).toMatchObject({ ok: false, error: { code: 'rx.intakeFolderInvalid' } });
    expect(await store.admin.invoke('rx.setIntakeFolder', { folder: join(folder, 'missing') })).toMatchObject({ ok: false, error: { code: 'rx.intakeFolderInvalid' } });
    expect(await store.pharmacist.invoke('rx.setIntakeFolder', { folder })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(expectOk(await store.admin.invoke('rx.setIntakeFolder', { folder }))).toMatchObject({ folder, configured: true, exists: true });
  });

  it('lists the images waiting, oldest first, reads one by name, sets it aside, and refuses any other path', async () => {
    store = await setUpRx();
    const folder = tempDir('mortar-scans-');
    expectOk(await store.admin.invoke('rx.setIntakeFolder', { folder }));
    copyFileSync(sample, join(folder, 'page-1.png'));
    writeFileSync(join(folder, 'notes.txt'), 'not a page');
    mkdirSync(join(folder, 'sub'));
    const listed = expectOk(await store.pharmacist.invoke('rx.listIntakeFolder', {}));
    expect(listed.files.map((f) => f.name)).toEqual(['page-1.png']);
    expect(await store.pharmacist.invoke('rx.takeIntakeFile', { name: '../page-1.png' })).toMatchObject({ ok: false, error: { code: 'rx.outsideScanFolder' } });
    expect(await store.pharmacist.invoke('rx.takeIntakeFile', { name: 'missing.png' })).toMatchObject({ ok: false, error: { code: 'intake.notFound' } });
    const taken = expectOk(await store.pharmacist.invoke('rx.takeIntakeFile', { name: 'page-1.png' }));
    expect(taken.reading.writtenDate).toBe('2026-11-04');
    expect(taken.mediaType).toBe('image/png');
    expect(taken.image.length).toBeGreaterThan(1000);
    expect(existsSync(join(folder, 'page-1.png'))).toBe(false);
    expect(expectOk(await store.pharmacist.invoke('rx.listIntakeFolder', {})).files).toEqual([]);
  }, 120_000);
});
