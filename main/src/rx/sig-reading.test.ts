import { afterEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { setUpRx, type RxStore } from './rx-fixtures.js';

let store: RxStore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
});

describe('rx.parseSig, the directions as the review shows them', () => {
  it('gives understood directions in plain words with their FHIR dosage', async () => {
    store = await setUpRx();
    const out = expectOk(await store.pharmacist.invoke('rx.parseSig', { sig: '1 cap po tid x 7 days', form: 'capsule' }));
    expect(out.understood).toBe(true);
    expect(out.directions).toMatch(/^Take 1 capsule/);
    expect(out.dosage).toMatchObject({ timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd' } } });
  });

  it('states directions it cannot understand instead of guessing a dosage', async () => {
    store = await setUpRx();
    const out = expectOk(await store.pharmacist.invoke('rx.parseSig', { sig: 'as discussed' }));
    expect(out.understood).toBe(false);
    expect(out.dosage).toBeNull();
    expect(out.directions).toBeNull();
    expect(out.notes[0]?.code).toMatch(/^sig\./);
  });

  it('is refused to a cashier, who may not read clinical data', async () => {
    store = await setUpRx();
    const refused = await store.cashier.invoke('rx.parseSig', { sig: '1 tab po qd' });
    expect(refused.ok ? null : refused.error.code).toBe('auth.forbidden');
  });
});
