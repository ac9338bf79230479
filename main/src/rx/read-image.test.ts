import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { setUpRx, type RxStore } from './rx-fixtures.js';

const sample = fileURLToPath(new URL('../../../models/rx-images/samples/rx-002.png', import.meta.url));

let store: RxStore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
});

describe('rx.readImage', () => {
  it('reads an uploaded image with fields, boxes and confidence, matching products in this catalog only', async () => {
    store = await setUpRx();
    const base64 = readFileSync(sample).toString('base64');
    const r = expectOk(await store.pharmacist.invoke('rx.readImage', { base64 }));
    expect(r.patient).toEqual({ name: 'Robert King', birthDate: '1964-06-14' });
    expect(r.items[0]?.medication).toMatchObject({ ingredient: 'Atomoxetine', strength: '40 mg', productId: null });
    expect(r.fields['patient.name']?.box).not.toBeNull();
    expect(r.fields['patient.name']?.confidence).toBeGreaterThan(0);
  }, 60_000);

  it("reads a file from the terminal's scanner folder and refuses any path outside it", async () => {
    store = await setUpRx();
    const scans = join(store.core.dataDir, 'scans');
    mkdirSync(scans, { recursive: true });
    copyFileSync(sample, join(scans, 'page-1.png'));
    const stages: string[] = [];
    const others: string[] = [];
    store.core.subscribe((n) => {
      if (n.progress?.requestId === 'read-page-1') stages.push(`${n.progress.stage}@${n.progress.fraction}`);
      else if (n.progress) others.push(n.progress.requestId);
    });
    const r = expectOk(await store.pharmacist.invoke('rx.readImage', { scanPath: 'page-1.png', progressId: 'read-page-1' }));
    expect(r.writtenDate).toBe('2026-11-04');
    // The screen that asked hears each stage of its own read, in order, and nothing is said without an id.
    expect(stages[0]).toBe('checking@0');
    expect(stages.at(-1)).toBe('done@1');
    expect(stages).toContain('recognising@0.2');
    expect(others).toEqual([]);
    expect(await store.pharmacist.invoke('rx.readImage', { scanPath: '../mortar.db' })).toMatchObject({ ok: false, error: { code: 'rx.outsideScanFolder' } });
    expect(await store.pharmacist.invoke('rx.readImage', { scanPath: sample })).toMatchObject({ ok: false, error: { code: 'rx.outsideScanFolder' } });
    expect(await store.pharmacist.invoke('rx.readImage', { scanPath: 'missing.png' })).toMatchObject({ ok: false, error: { code: 'intake.notFound' } });
  }, 60_000);

  it('answers bad bytes with the intake code and needs the clinical permission', async () => {
    store = await setUpRx();
    const r = await store.pharmacist.invoke('rx.readImage', { base64: Buffer.from('not an image at all').toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'intake.notAnImage' } });
    expect(await store.cashier.invoke('rx.readImage', { base64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  }, 60_000);
});
