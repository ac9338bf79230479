import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../contract.js';
import { countRows, expectOk } from '../testing/index.js';
import { addPatient, amoxicillinItem, PHARMACIST_PIN, saveRx, setUpRx, type RxStore } from './rx-fixtures.js';

let store: RxStore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
});

const codeOf = (r: Result<unknown>): string | null => (r.ok ? null : r.error.code);

async function draft(s: RxStore) {
  const p = await addPatient(s.pharmacist);
  return saveRx(s.pharmacist, p.id, [amoxicillinItem(s)]);
}

describe('signing lock-out after repeated wrong credentials', () => {
  it('locks signing at the fifth wrong password or PIN for 15 minutes, refusing even the right PIN meanwhile', async () => {
    store = await setUpRx();
    const rx = await draft(store);
    const sign = (secret: string) => store!.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret });
    for (let i = 0; i < 4; i++) expect(codeOf(await sign('9999'))).toBe('rx.secondFactorRejected');
    const fifth = await sign('9999');
    expect(codeOf(fifth)).toBe('rx.signingLocked');
    expect(fifth.ok ? null : fifth.error.details).toEqual({ until: store.core.clock.now() + 15 * 60_000 });
    const meanwhile = await sign(PHARMACIST_PIN);
    expect(codeOf(meanwhile)).toBe('rx.signingLocked');
    // The idle session locks itself meanwhile; unlocking it does not unlock signing.
    store.core.clock.advance(14 * 60_000);
    expectOk(await store.pharmacist.invoke('auth.unlock', { secret: PHARMACIST_PIN }));
    expect(codeOf(await sign(PHARMACIST_PIN))).toBe('rx.signingLocked');
    store.core.clock.advance(60_000);
    expect(expectOk(await sign(PHARMACIST_PIN)).status).toBe('verified');
  });

  it('records every refusal in the audit log, the locking one with its reason, and leaves the login alone', async () => {
    store = await setUpRx();
    const rx = await draft(store);
    for (let i = 0; i < 5; i++) await store.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret: 'wrong-secret' });
    expect(countRows(store.core, "audit_log WHERE action = 'rx.signatureRejected'")).toBe(5);
    const last = store.core.db.prepare("SELECT reason FROM audit_log WHERE action = 'rx.signatureRejected' ORDER BY seq DESC LIMIT 1").get() as { reason: string };
    expect(last.reason).toMatch(/signing locked/);
    // Still logged in: other work goes on.
    expect((await store.pharmacist.invoke('rx.getPrescription', { prescriptionId: rx.id })).ok).toBe(true);
  });

  it('starts the count again after a good signature', async () => {
    store = await setUpRx();
    const first = await draft(store);
    const second = await draft(store);
    for (let i = 0; i < 4; i++) await store.pharmacist.invoke('rx.verify', { prescriptionId: first.id, secret: '0000' });
    expectOk(await store.pharmacist.invoke('rx.verify', { prescriptionId: first.id, secret: PHARMACIST_PIN }));
    for (let i = 0; i < 4; i++) expect(codeOf(await store.pharmacist.invoke('rx.verify', { prescriptionId: second.id, secret: '0000' }))).toBe('rx.secondFactorRejected');
  });
});
