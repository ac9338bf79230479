import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../core.js';
import { EXP_LATER, receiveStock } from '../sales/sales-fixtures.js';
import { countRows, createTestCore, expectOk, loginAs, queryPlan, tableScans, type TestCore } from '../testing/index.js';
import { controlledSql } from './controlled-register.js';
import { addPatient, dispenseKey, PHARMACIST_PASSWORD, setUpRx, verifiedRx, type RxStore } from './rx-fixtures.js';

let store: RxStore | undefined;
let core: TestCore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
  core?.dispose();
  core = undefined;
});

const DAY = 86_400_000;
const COLLECTOR = { name: 'Susan King', idType: 'drivingLicence', idNumber: 'KING9606144SK9' } as const;

type Controlled = { id: string; lot: string };

async function addMorphine(s: RxStore): Promise<Controlled> {
  const p = expectOk(
    await s.admin.invoke('catalog.createProduct', {
      sku: 'MST-10-60',
      name: 'Morphine sulfate 10 mg MR tablets',
      ingredients: [{ name: 'Morphine', strength: '10 mg' }],
      strength: '10 mg',
      form: 'tablet',
      packSize: 60,
      unit: 'tablet',
      legalCategory: 'controlled',
      schedule: 'CII',
      taxCategory: 'zero',
      priceMinor: 900,
      gtins: [],
    }),
  );
  return { id: p.id, lot: receiveStock(s.core, p.id, 'MS-01', EXP_LATER, 'dispensary', 120) };
}

function morphineItem(m: Controlled, refills = 0) {
  return { productId: m.id, ingredient: 'Morphine', strength: '10 mg', form: 'tablet', quantity: 60, refills, sig: 'Take 1 tablet by mouth twice daily' };
}

/** Moves the clock on; the idle session locks meanwhile, so the pharmacist logs in again. */
async function later(s: RxStore, ms: number): Promise<Connection> {
  s.core.clock.advance(ms);
  return loginAs(s.core, 'pat', PHARMACIST_PASSWORD);
}

async function register(c: Connection, productId: string, range: { from?: string; to?: string } = {}) {
  return expectOk(await c.invoke('rx.controlledRegister', { productId, ...range }));
}

describe('dispensing a controlled medicine', () => {
  it('is refused without the collector, and nothing is dispensed or moved', async () => {
    store = await setUpRx();
    const m = await addMorphine(store);
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [morphineItem(m)]);
    const movements = countRows(store.core, 'stock_movement');
    const refused = await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'controlled.collectorRequired', details: { productIds: [m.id] } } });
    expect(countRows(store.core, 'dispense')).toBe(0);
    expect(countRows(store.core, 'controlled_dispense')).toBe(0);
    expect(countRows(store.core, 'stock_movement')).toBe(movements);
  });

  it('records who collected it and with which identity document', async () => {
    store = await setUpRx();
    const m = await addMorphine(store);
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [morphineItem(m)]);
    const d = expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), collector: COLLECTOR }));
    const row = store.core.db.prepare('SELECT * FROM controlled_dispense WHERE dispense_id = ?').get(d.id);
    expect(row).toEqual({ dispense_id: d.id, collector_name: 'Susan King', collector_id_type: 'drivingLicence', collector_id_number: 'KING9606144SK9', early_refill_reason: null });
    expect(() => store?.core.db.prepare("UPDATE controlled_dispense SET collector_name = 'x'").run()).toThrow(/immutable/);
  });

  it('sends the collector with the dispense to the branch, so a reinstalled counter can rebuild its register', async () => {
    store = await setUpRx();
    const m = await addMorphine(store);
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [morphineItem(m)]);
    const d = expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), collector: COLLECTOR }));
    const event = store.core.db.prepare("SELECT payload FROM outbox_event WHERE type = 'rx.dispensed' ORDER BY seq DESC LIMIT 1").get() as { payload: string };
    expect(JSON.parse(event.payload)).toMatchObject({ dispenseId: d.id, controlled: { collector: COLLECTOR, earlyRefillReason: null } });
  });

  it('does not ask for a collector for an ordinary medicine, nor keep one given', async () => {
    store = await setUpRx();
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [{ productId: store.warfarinId, ingredient: 'Warfarin', strength: '5 mg', form: 'tablet', quantity: 28, refills: 0, sig: 'Take 1 tablet by mouth once daily' }]);
    expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), collector: COLLECTOR }));
    expect(countRows(store.core, 'controlled_dispense')).toBe(0);
  });

  it('treats the same key with a different collector as a different request', async () => {
    store = await setUpRx();
    const m = await addMorphine(store);
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [morphineItem(m)]);
    const key = dispenseKey();
    expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: key, collector: COLLECTOR }));
    const replay = expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: key, collector: COLLECTOR }));
    expect(replay.replayed).toBe(true);
    const other = await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: key, collector: { ...COLLECTOR, name: 'Someone Else' } });
    expect(other).toMatchObject({ ok: false, error: { code: 'rx.idempotencyConflict' } });
  });
});

describe('the controlled-drug register', () => {
  it('lists only scheduled or controlled products, with what is held of each', async () => {
    store = await setUpRx();
    const m = await addMorphine(store);
    const list = expectOk(await store.pharmacist.invoke('rx.listControlledProducts', {}));
    expect(list.products).toEqual([
      { productId: m.id, name: 'Morphine sulfate 10 mg MR tablets', strength: '10 mg', form: 'tablet', unit: 'tablet', legalCategory: 'controlled', schedule: 'CII', balance: 120 },
    ]);
  });

  it('keeps a running balance over receipts, dispenses and destruction, and leaves out moves into quarantine', async () => {
    store = await setUpRx();
    const m = await addMorphine(store);
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [morphineItem(m)]);
    let pat = await later(store, DAY);
    expectOk(await pat.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), collector: COLLECTOR }));
    pat = await later(store, DAY);
    expectOk(await pat.invoke('inventory.quarantineStock', { lotId: m.lot, quantity: 10, reason: 'Damaged blister strips' }));
    const quarantined = (store.core.db.prepare("SELECT id FROM stock_lot WHERE product_id = ? AND location = 'quarantine'").get(m.id) as { id: string }).id;
    expectOk(await pat.invoke('inventory.disposeStock', { lotId: quarantined, quantity: 10, kind: 'destruction', reason: 'Damaged blister strips', witness: 'Inspector Grey' }));

    const r = await register(pat, m.id);
    expect(r.opening).toBe(0);
    expect(r.closing).toBe(50);
    expect(r.entries.map((e) => [e.kind, e.quantity, e.balance])).toEqual([
      ['receipt', 120, 120],
      ['dispense', -60, 60],
      ['destruction', -10, 50],
    ]);
    const dispensed = r.entries[1];
    expect(dispensed?.dispense).toMatchObject({ prescriptionId: rx.id, patientName: 'Robert King', prescriberName: 'Margaret Patel', fillNo: 1, collector: COLLECTOR, earlyRefill: null });
    expect(dispensed?.actorName).toBe('pat pharmacist');
    expect(r.entries[2]).toMatchObject({ witness: 'Inspector Grey', reason: 'Damaged blister strips', batches: ['MS-01'] });
    expect(r.product.balance).toBe(r.closing);
  });

  it('shows an early refill with when it was due and the reason given', async () => {
    store = await setUpRx();
    const m = await addMorphine(store);
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [morphineItem(m, 1)]);
    const first = expectOk(await store.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), collector: COLLECTOR }));
    const pat = await later(store, 10 * DAY);
    const tooEarly = await pat.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), collector: COLLECTOR });
    expect(tooEarly).toMatchObject({ ok: false, error: { code: 'rx.refillTooEarly' } });
    const reason = 'Travelling abroad for three weeks';
    expectOk(await pat.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), collector: COLLECTOR, earlyRefillReason: reason }));
    const r = await register(pat, m.id);
    // 60 tablets at 1 twice daily last 30 days; a refill is due after three quarters of them (23 days).
    expect(r.entries.map((e) => e.dispense?.earlyRefill ?? null)).toEqual([null, null, { dueAt: first.at + 23 * DAY, reason }]);
    expect(r.entries[2]?.dispense?.fillNo).toBe(2);
  });

  it('opens a period with the balance brought forward', async () => {
    store = await setUpRx();
    const m = await addMorphine(store);
    const p = await addPatient(store.pharmacist);
    const rx = await verifiedRx(store, p.id, [morphineItem(m)]);
    const pat = await later(store, 2 * DAY);
    expectOk(await pat.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey(), collector: COLLECTOR }));
    const day = new Date(store.core.clock.now()).toISOString().slice(0, 10);
    const r = await register(pat, m.id, { from: day, to: day });
    expect(r).toMatchObject({ from: day, to: day, opening: 120, closing: 60 });
    expect(r.entries.map((e) => e.kind)).toEqual(['dispense']);
  });

  it('has no register for an ordinary product, and is closed to a cashier', async () => {
    store = await setUpRx();
    const m = await addMorphine(store);
    const ordinary = await store.pharmacist.invoke('rx.controlledRegister', { productId: store.warfarinId });
    expect(ordinary).toMatchObject({ ok: false, error: { code: 'controlled.notControlled' } });
    const cashier = await store.cashier.invoke('rx.controlledRegister', { productId: m.id });
    expect(cashier).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('reads its products and movements through indexes', () => {
    core = createTestCore();
    const plans = {
      products: queryPlan(core, controlledSql.products),
      movements: queryPlan(core, controlledSql.movements, 'p', 1),
      dispense: queryPlan(core, controlledSql.dispense, 'd', 'p'),
      previousFill: queryPlan(core, controlledSql.previousFill, 'rx', 1, 1),
    };
    // The partial index holds only controlled products: walking it is not a scan of the catalog.
    const allowed = new Set(['SCAN CONSTANT ROW', 'SCAN p USING INDEX product_controlled']);
    for (const [name, plan] of Object.entries(plans)) expect(tableScans(plan).filter((d) => !allowed.has(d)), `${name}: ${plan.join(' | ')}`).toEqual([]);
  });
});
