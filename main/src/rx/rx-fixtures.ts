// Test support for prescriptions: the inventory store (admin, cashier, pharmacist "pat" with PIN 4321), a
// warfarin product in the dispensary, and helpers to save, verify and dispense through the real operations.
import type { Connection } from '../core.js';
import type { InputOf, OutputOf } from '../contract.js';
import { setUpStore, type Store } from '../inventory/inventory-fixtures.js';
import { EXP_LATER, receiveStock } from '../sales/sales-fixtures.js';
import { expectOk } from '../testing/index.js';

export const PHARMACIST_PASSWORD = 'pat-password-1';
export const PHARMACIST_PIN = '4321';

export type RxStore = Store & { warfarinId: string; warfarinLot: string };

let keySeq = 0;
export function dispenseKey(): string {
  keySeq += 1;
  return `dispense-key-${String(keySeq).padStart(6, '0')}`;
}

export async function setUpRx(options: { seed?: number } = {}): Promise<RxStore> {
  const store = await setUpStore(options);
  const warfarin = expectOk(
    await store.admin.invoke('catalog.createProduct', {
      sku: 'WAR-28',
      name: 'Warfarin 5 mg tablets',
      ingredients: [{ name: 'Warfarin', strength: '5 mg' }],
      strength: '5 mg',
      form: 'tablet',
      packSize: 28,
      unit: 'tablet',
      legalCategory: 'rx',
      taxCategory: 'zero',
      priceMinor: 300,
      gtins: [],
    }),
  );
  const warfarinLot = receiveStock(store.core, warfarin.id, 'W-LATER', EXP_LATER, 'dispensary', 280);
  // Ibuprofen is also kept in the dispensary for prescriptions.
  receiveStock(store.core, store.products.ibuprofen.id, 'B-IBU-DISP', EXP_LATER, 'dispensary', 240);
  return { ...store, warfarinId: warfarin.id, warfarinLot };
}

export async function addPatient(c: Connection, patch: Partial<InputOf<'patients.createPatient'>> = {}): Promise<OutputOf<'patients.createPatient'>> {
  return expectOk(await c.invoke('patients.createPatient', { name: 'Robert King', birthDate: '1964-06-14', ...patch }));
}

export const PRESCRIBER = { name: 'Margaret Patel', npi: '2331193161', dea: 'FP3069588' };

export async function saveRx(
  c: Connection,
  patientId: string,
  items: InputOf<'rx.save'>['items'],
  extra: Partial<InputOf<'rx.save'>> = {},
): Promise<OutputOf<'rx.save'>> {
  return expectOk(await c.invoke('rx.save', { patientId, prescriber: PRESCRIBER, writtenDate: '2026-11-20', items, ...extra }));
}

export function warfarinItem(s: RxStore, refills = 0) {
  return { productId: s.warfarinId, ingredient: 'Warfarin', strength: '5 mg', form: 'tablet', quantity: 28, refills, sig: 'Take 1 tablet by mouth once daily' };
}

export function ibuprofenItem(s: RxStore) {
  return { productId: s.products.ibuprofen.id, ingredient: 'Ibuprofen', strength: '200 mg', form: 'tablet', quantity: 24, refills: 0, sig: '1 tab po tid prn pain' };
}

export function amoxicillinItem(s: RxStore, refills = 0) {
  return { productId: s.products.amoxicillin.id, ingredient: 'Amoxicillin', strength: '500 mg', form: 'capsule', quantity: 21, refills, sig: '1 cap po tid x 7 days' };
}

/** Saves, verifies (with the PIN, acknowledging every finding that needs it) and returns the prescription. */
export async function verifiedRx(s: RxStore, patientId: string, items: InputOf<'rx.save'>['items']): Promise<OutputOf<'rx.verify'>> {
  const rx = await saveRx(s.pharmacist, patientId, items);
  const check = expectOk(await s.pharmacist.invoke('rx.check', { prescriptionId: rx.id }));
  const acknowledgements = check.alerts.filter((a) => a.requiresOverride).map((a) => ({ alertId: a.id, reason: 'Discussed with prescriber; monitored.' }));
  return expectOk(await s.pharmacist.invoke('rx.verify', { prescriptionId: rx.id, secret: PHARMACIST_PIN, acknowledgements }));
}
