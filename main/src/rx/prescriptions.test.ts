import { afterEach, describe, expect, it } from 'vitest';
import { EXP_PAST, receiveStock } from '../sales/sales-fixtures.js';
import { countRows, expectOk, loginAs } from '../testing/index.js';
import { rxStore, type PrescriptionRow, type SignatureRow } from './rx-store.js';
import { contentHash, signatureOf } from './signature.js';
import { addPatient, amoxicillinItem, dispenseKey, ibuprofenItem, PHARMACIST_PASSWORD, PHARMACIST_PIN, saveRx, setUpRx, verifiedRx, warfarinItem, type RxStore } from './rx-fixtures.js';

let store: RxStore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
});

const onHand = (s: RxStore, lotId: string): number =>
  (s.core.db.prepare('SELECT coalesce(sum(quantity), 0) AS n FROM stock_movement WHERE lot_id = ?').get(lotId) as { n: number }).n;

describe('saving a prescription', () => {
  it('keeps the OCR reading and the corrections beside it, and parses the reviewed directions', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const reading = {
      patient: { name: 'Robert King', birthDate: '1964-06-14' },
      prescriber: { name: 'Margaret Patel', npi: '2331193161', dea: 'FP3069588' },
      writtenDate: '2026-11-20',
      items: [],
      warnings: [],
      fields: { 'items.0.quantity': { read: '2l', confidence: 0.41, box: { x0: 1, y0: 2, x1: 3, y1: 4 } } },
      page: { width: 100, height: 100, ocrConfidence: 0.9, deskewRadians: 0, convention: 'us' },
    };
    const corrections = [{ field: 'items.0.quantity', read: '2l', corrected: '21' }];
    const rx = await saveRx(store.pharmacist, p.id, [amoxicillinItem(store)], { reading, corrections });
    expect(rx.status).toBe('draft');
    expect(rx.reading?.fields['items.0.quantity']?.read).toBe('2l');
    expect(rx.corrections).toEqual(corrections);
    expect(rx.items[0]).toMatchObject({ lineNo: 1, quantity: 21, refills: 0, refillsLeft: 0, fills: 0, productName: 'Amoxicillin 500 mg capsules' });
    expect(rx.items[0]?.dosage).toMatchObject({ timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd' } } });
    expect(rx.items[0]?.directions).toMatch(/^Take 1 capsule/);
  });

  it('keeps directions it cannot understand as written, with no dosage made up', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await saveRx(store.pharmacist, p.id, [{ ...amoxicillinItem(store), sig: 'as discussed' }]);
    expect(rx.items[0]).toMatchObject({ sig: 'as discussed', dosage: null, directions: 'as discussed' });
  });
});

describe('checking a prescription against the patient', () => {
  it('finds warfarin (active, from dispense history) with a new NSAID', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const warfarinRx = await verifiedRx(store, p.id, [warfarinItem(store)]);
    expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: warfarinRx.id, idempotencyKey: dispenseKey() }));
    const rx = await saveRx(store.pharmacist, p.id, [ibuprofenItem(store)]);
    const check = expectOk(await store.pharmacist.invoke('rx.check', { prescriptionId: rx.id }));
    expect(check.activeIngredients).toEqual(['Warfarin']);
    const interaction = check.alerts.find((a) => a.kind === 'interaction');
    expect(interaction?.ingredients.map((i) => i.toLowerCase()).sort()).toEqual(['ibuprofen', 'warfarin']);
    expect(['major', 'contraindicated']).toContain(interaction?.severity);
    expect(check.requiresOverride).toBe(true);
    expect(check.bySeverity.major + check.bySeverity.contraindicated).toBeGreaterThan(0);
  });

  it('finds a penicillin allergy against amoxicillin', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist, { allergies: [{ substance: 'penicillin', kind: 'allergy' }] });
    const rx = await saveRx(store.pharmacist, p.id, [amoxicillinItem(store)]);
    const check = expectOk(await store.pharmacist.invoke('rx.check', { prescriptionId: rx.id }));
    const allergy = check.alerts.find((a) => a.kind === 'allergy');
    expect(allergy).toMatchObject({ allergy: 'penicillin', requiresOverride: true });
    expect(allergy?.ingredients.map((i) => i.toLowerCase())).toEqual(['amoxicillin']);
    expect(check.allergies).toEqual(['penicillin']);
  });

  it('does not count a medicine whose supply ran out long ago as active', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const warfarinRx = await verifiedRx(store, p.id, [warfarinItem(store)]);
    expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: warfarinRx.id, idempotencyKey: dispenseKey() }));
    store.core.clock.advance(60 * 86_400_000);
    const pat = await loginAs(store.core, 'pat', PHARMACIST_PASSWORD);
    const rx = await saveRx(pat, p.id, [ibuprofenItem(store)]);
    const check = expectOk(await pat.invoke('rx.check', { prescriptionId: rx.id }));
    expect(check.activeIngredients).toEqual([]);
    expect(check.alerts.filter((a) => a.kind === 'interaction')).toEqual([]);
  });
});

describe('verifying (signing) a prescription', () => {
  it('requires the password or PIN again, and audits a refused attempt', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await saveRx(store.pharmacist, p.id, [amoxicillinItem(store)]);
    const wrong = await store.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret: '9999' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'rx.secondFactorRejected' } });
    expect(countRows(store.core, 'prescription_signature')).toBe(0);
    expect(store.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'rx.signatureRejected'").get()).toEqual({ n: 1 });
    const signed = expectOk(await store.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret: PHARMACIST_PASSWORD }));
    expect(signed.status).toBe('verified');
    expect(signed.signature).toMatchObject({ meaning: 'verified', signerName: 'pat pharmacist', secondFactor: 'password', signedAt: store.core.clock.now() });
    expect(signed.signature?.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret: PHARMACIST_PIN })).toMatchObject({ ok: false, error: { code: 'rx.alreadyVerified' } });
  });

  it('refuses to sign over an unacknowledged contraindication or major finding, and signs once each has a reason', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist, { allergies: [{ substance: 'penicillin', kind: 'allergy' }] });
    const rx = await saveRx(store.pharmacist, p.id, [amoxicillinItem(store)]);
    const refused = await store.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret: PHARMACIST_PIN });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rx.acknowledgementRequired' } });
    const alerts = (refused.ok ? [] : (refused.error.details as { alerts: { id: string }[] }).alerts).map((a) => a.id);
    expect(alerts.length).toBeGreaterThan(0);
    expect(countRows(store.core, 'prescription_signature')).toBe(0);
    const noReason = await store.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret: PHARMACIST_PIN, acknowledgements: alerts.map((alertId) => ({ alertId, reason: '' })) });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
    const reason = 'Rash only, decades ago; prescriber confirmed.';
    const signed = expectOk(
      await store.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret: PHARMACIST_PIN, acknowledgements: alerts.map((alertId) => ({ alertId, reason })) }),
    );
    expect(signed.signature?.acknowledgements.map((a) => a.reason)).toEqual(alerts.map(() => reason));
    expect(store.core.db.prepare("SELECT reason FROM audit_log WHERE action = 'rx.verified'").get()).toEqual({ reason: alerts.map(() => reason).join('; ') });
  });

  it('binds the signature to the content, findings, reasons, signer, time and meaning: any change breaks it', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [amoxicillinItem(store)]);
    const row = store.core.db.prepare('SELECT * FROM prescription WHERE id = ?').get(rx.id) as PrescriptionRow;
    const sig = store.core.db.prepare('SELECT * FROM prescription_signature WHERE prescription_id = ?').get(rx.id) as SignatureRow;
    const items = rxStore.items(store.core.db, rx.id);
    expect(contentHash(row, items)).toBe(sig.content_hash);
    const signed = { contentHash: sig.content_hash, findings: JSON.parse(sig.findings), acknowledgements: JSON.parse(sig.acknowledgements), signerId: sig.signer_id, signedAt: sig.signed_at, meaning: 'verified' as const };
    expect(signatureOf(signed)).toBe(sig.signature);
    expect(signatureOf({ ...signed, signedAt: sig.signed_at + 1 })).not.toBe(sig.signature);
    expect(contentHash(row, items.map((i) => ({ ...i, quantity: i.quantity + 1 })))).not.toBe(sig.content_hash);
  });

  it('is refused to a cashier, and a verified prescription can no longer change', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [amoxicillinItem(store)]);
    expect(await store.cashier.invoke('rx.verify', { prescriptionId: rx.id, secret: '1357' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(() => store!.core.db.prepare("UPDATE prescription SET written_date = '2020-01-01' WHERE id = ?").run(rx.id)).toThrow(/final/);
    expect(() => store!.core.db.prepare('UPDATE prescription_item SET quantity = 99').run()).toThrow(/immutable/);
  });
});

describe('dispensing', () => {
  it('is refused before verification', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await saveRx(store.pharmacist, p.id, [amoxicillinItem(store)]);
    const r = await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() });
    expect(r).toMatchObject({ ok: false, error: { code: 'rx.notVerified' } });
    expect(countRows(store.core, 'dispense')).toBe(0);
  });

  it('takes the first-expiring batch at the dispensary, moves stock as dispense movements and prints a label', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [amoxicillinItem(store, 1)]);
    const lot = store.lots.amoxicillin;
    const before = onHand(store, lot);
    const d = expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() }));
    expect(d.lines).toEqual([
      expect.objectContaining({ lineNo: 1, fillNo: 1, lotId: lot, batch: 'B-AMOXICILLIN', expiry: '2027-01-31', quantity: 21, refillsLeft: 1, daysSupply: 7 }),
    ]);
    expect(onHand(store, lot)).toBe(before - 21);
    expect(store.core.db.prepare("SELECT kind, quantity, document_type FROM stock_movement WHERE document_id = ?").all(d.id)).toEqual([
      { kind: 'dispense', quantity: -21, document_type: 'dispense' },
    ]);
    const label = d.labels[0];
    expect(label?.label).toMatchObject({ patient: 'Robert King', drug: 'Amoxicillin 500 mg capsules', quantity: 21, batch: 'B-AMOXICILLIN', expiry: '2027-01-31', refillsLeft: 1, prescriber: 'Margaret Patel', pharmacy: { name: 'Riverside Pharmacy' } });
    expect(label?.text).toContain('Take 1 capsule');
    expect(label?.text.split('\n').every((l) => l.length <= 32)).toBe(true);
    const bytes = Buffer.from(label?.escPosBase64 ?? '', 'base64');
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect(bytes.toString('latin1')).toContain('Robert King');
    // the medication history and the cashier's "ready" flag follow from the dispense
    const history = expectOk(await store.pharmacist.invoke('patients.getMedicationHistory', { patientId: p.id }));
    expect(history.medicines).toEqual([expect.objectContaining({ ingredient: 'Amoxicillin', quantity: 21, fillNo: 1, active: true, daysSupply: 7 })]);
    const found = expectOk(await store.cashier.invoke('patients.searchPatients', { name: 'robert' }));
    expect(found.patients[0]?.prescriptionReady).toBe(true);
  });

  it('refuses an expired batch, whether scanned or the only stock there is', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    receiveStock(store.core, store.products.amoxicillin.id, 'OLD-1', EXP_PAST, 'dispensary', 42);
    const rx = await verifiedRx(store, p.id, [amoxicillinItem(store)]);
    const scanned = await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), lines: [{ lineNo: 1, batch: 'OLD-1' }] });
    expect(scanned).toMatchObject({ ok: false, error: { code: 'stock.batchExpired' } });
    // FEFO skips the expired batch and takes the good one
    const d = expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() }));
    expect(d.lines[0]?.batch).toBe('B-AMOXICILLIN');
    // with only expired stock left, the refusal says why
    const only = await setUpRx();
    try {
      const q = await addPatient(only.pharmacist);
      only.core.db.prepare("UPDATE stock_lot SET location = 'shelf' WHERE id = ?").run(only.warfarinLot);
      receiveStock(only.core, only.warfarinId, 'W-OLD', EXP_PAST, 'dispensary', 56);
      const wrx = await verifiedRx(only, q.id, [warfarinItem(only)]);
      const r = await only.pharmacist.invoke('rx.dispense', { prescriptionId: wrx.id, idempotencyKey: dispenseKey() });
      expect(r).toMatchObject({ ok: false, error: { code: 'stock.batchExpired' } });
      expect(countRows(only.core, 'dispense')).toBe(0);
    } finally {
      only.core.dispose();
    }
  });

  it('refuses a recalled batch and quarantined stock', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [amoxicillinItem(store)]);
    receiveStock(store.core, store.products.amoxicillin.id, 'Q-1', '2027-06-30', 'quarantine', 21);
    const q = await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), lines: [{ lineNo: 1, batch: 'Q-1' }] });
    expect(q).toMatchObject({ ok: false, error: { code: 'stock.batchQuarantined' } });
    store.core.db.prepare("INSERT INTO recall (id, product_id, whole_product, class, reason, entered_at) VALUES ('rc1', ?, 0, 'II', 'label error', 1)").run(store.products.amoxicillin.id);
    store.core.db.prepare("INSERT INTO recall_batch VALUES ('rc1', 'B-AMOXICILLIN')").run();
    const r = await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), lines: [{ lineNo: 1, batch: 'B-AMOXICILLIN' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'stock.recalled' } });
    const fefo = await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() });
    expect(fefo).toMatchObject({ ok: false, error: { code: 'stock.recalled' } });
  });

  it('dispenses once for a repeated key, and refuses the key for a different dispense', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [amoxicillinItem(store, 3)]);
    const key = dispenseKey();
    const first = expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: key }));
    const again = expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: key }));
    expect(again).toEqual({ ...first, replayed: true, labelPrinting: 'notAgain' });
    expect(countRows(store.core, 'dispense')).toBe(1);
    expect(store.core.db.prepare("SELECT count(*) AS n FROM stock_movement WHERE kind = 'dispense'").get()).toEqual({ n: 1 });
    const other = await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: key, location: 'shelf' });
    expect(other).toMatchObject({ ok: false, error: { code: 'rx.idempotencyConflict', details: { dispenseId: first.id } } });
  });

  it('counts refills down with each fill and refuses one when none are left', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [amoxicillinItem(store, 2)]);
    const left: number[] = [];
    let pat = store.pharmacist;
    for (let i = 0; i < 3; i++) {
      const d = expectOk(await pat.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() }));
      left.push(d.lines[0]?.refillsLeft ?? -1);
      // a week's course: the next refill is due after six days
      store.core.clock.advance(6 * 86_400_000);
      pat = await loginAs(store.core, 'pat', PHARMACIST_PASSWORD);
    }
    expect(left).toEqual([2, 1, 0]);
    const read = expectOk(await pat.invoke('rx.getPrescription', { prescriptionId: rx.id }));
    expect(read.items[0]).toMatchObject({ fills: 3, refillsLeft: 0 });
    const r = await pat.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() });
    expect(r).toMatchObject({ ok: false, error: { code: 'rx.noRefillsLeft', details: { lineNo: 1, refills: 2, fills: 3 } } });
    expect(countRows(store.core, 'dispense')).toBe(3);
  });

  it('refuses a refill before three quarters of the last supply is used, unless a reason is given', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [amoxicillinItem(store, 2)]);
    expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() }));
    const early = await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() });
    const dueAt = store.core.clock.now() + 6 * 86_400_000;
    expect(early).toMatchObject({ ok: false, error: { code: 'rx.refillTooEarly', details: { lineNo: 1, dueAt } } });
    const reason = 'Capsules lost while travelling; prescriber informed.';
    const d = expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), earlyRefillReason: reason }));
    expect(d.lines[0]).toMatchObject({ fillNo: 2, refillsLeft: 1 });
    expect(store.core.db.prepare("SELECT reason FROM audit_log WHERE action = 'rx.dispensed' ORDER BY seq DESC LIMIT 1").get()).toEqual({ reason });
  });

  it('refuses an item not matched to a product, and a cashier', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [{ ...amoxicillinItem(store), productId: null }]);
    expect(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() })).toMatchObject({ ok: false, error: { code: 'rx.productRequired' } });
    expect(await store.cashier.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(countRows(store.core, 'dispense')).toBe(0);
  });
});
