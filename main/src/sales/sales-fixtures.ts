// Test support for the sale: a set-up pharmacy with staff, a small catalog of counter medicines with
// barcodes, and stock received straight into the ledger (no receiving command exists yet).
import type { Connection } from '../core.js';
import type { InputOf, NewProduct, Product } from '../contract.js';
import { gtinCheckDigit } from '../catalog/gtin.js';
import { addUser, createTestCore, expectOk, loginAs, setUpPharmacy, type TestCore } from '../testing/index.js';

export const EXP_SOON = '2027-01-31';
export const EXP_LATER = '2027-09-30';
export const EXP_PAST = '2026-10-31';

export function gtin13(body12: string): string {
  return body12 + String(gtinCheckDigit(body12));
}

/** A small counter catalog: UK-like VAT categories, one prescription-only medicine, limited ingredients. */
export const counterProducts = {
  paracetamol: { sku: 'PARA-16', name: 'Paracetamol 500 mg tablets', ingredients: [{ name: 'Paracetamol', strength: '500 mg' }], strength: '500 mg', form: 'tablet', packSize: 16, unit: 'tablet', legalCategory: 'gsl', taxCategory: 'standard', priceMinor: 89, gtins: [gtin13('501000000001')] },
  aspirin: { sku: 'ASP-16', name: 'Aspirin 300 mg dispersible tablets', ingredients: [{ name: 'Aspirin', strength: '300 mg' }], strength: '300 mg', form: 'tablet', packSize: 16, unit: 'tablet', legalCategory: 'gsl', taxCategory: 'standard', priceMinor: 125, gtins: [gtin13('501000000002')] },
  ibuprofen: { sku: 'IBU-24', name: 'Ibuprofen 200 mg tablets', ingredients: [{ name: 'Ibuprofen', strength: '200 mg' }], strength: '200 mg', form: 'tablet', packSize: 24, unit: 'tablet', legalCategory: 'pharmacy', taxCategory: 'standard', priceMinor: 249, gtins: [gtin13('501000000003')] },
  nicotine: { sku: 'NIC-7', name: 'Nicotine 21 mg patches', ingredients: [{ name: 'Nicotine', strength: '21 mg' }], strength: '21 mg', form: 'patch', packSize: 7, unit: 'patch', legalCategory: 'gsl', taxCategory: 'reduced', priceMinor: 1899, gtins: [gtin13('501000000004')] },
  pads: { sku: 'PAD-10', name: 'Incontinence pads', form: 'pad', packSize: 10, unit: 'pad', legalCategory: 'gsl', taxCategory: 'zero', priceMinor: 450, gtins: [gtin13('501000000005')] },
  amoxicillin: { sku: 'AMOX-21', name: 'Amoxicillin 500 mg capsules', ingredients: [{ name: 'Amoxicillin', strength: '500 mg' }], strength: '500 mg', form: 'capsule', packSize: 21, unit: 'capsule', legalCategory: 'rx', taxCategory: 'zero', priceMinor: 350, gtins: [gtin13('501000000006')] },
  sudafed: { sku: 'PSE-12', name: 'Pseudoephedrine 60 mg tablets', ingredients: [{ name: 'Pseudoephedrine hydrochloride', strength: '60 mg' }], strength: '60 mg', form: 'tablet', packSize: 12, unit: 'tablet', legalCategory: 'pharmacy', taxCategory: 'standard', priceMinor: 475, gtins: [gtin13('501000000007')] },
  cocodamol: { sku: 'COC-32', name: 'Co-codamol 8/500 mg tablets', ingredients: [{ name: 'Codeine', strength: '8 mg' }, { name: 'Paracetamol', strength: '500 mg' }], strength: '8/500 mg', form: 'tablet', packSize: 32, unit: 'tablet', legalCategory: 'pharmacy', taxCategory: 'standard', priceMinor: 399, gtins: [gtin13('501000000008')] },
} satisfies Record<string, NewProduct>;

export type ProductKey = keyof typeof counterProducts;

export type Counter = {
  core: TestCore;
  admin: Connection;
  cashier: Connection;
  products: Record<ProductKey, Product>;
  /** The one lot each product was stocked with at the shelf (expiring EXP_SOON). */
  lots: Record<ProductKey, string>;
};

let keySeq = 0;
let idSeq = 0;
/** Deterministic ids for fixture rows, in the UUIDv7 layout the contract expects. */
function fixtureId(): string {
  idSeq += 1;
  return `00000000-0000-7000-8000-${idSeq.toString(16).padStart(12, '0')}`;
}
/** A fresh idempotency key, as a client makes one per Pay press. */
export function payKey(): string {
  keySeq += 1;
  return `pay-key-${String(keySeq).padStart(6, '0')}`;
}

/** Puts stock into a lot through the ledger, as receiving will: a receipt movement; the trigger projects it. */
export function receiveStock(core: TestCore, productId: string, batch: string, expiry: string, location: string, quantity: number): string {
  const found = core.db
    .prepare('SELECT id FROM stock_lot WHERE product_id = ? AND batch = ? AND expiry = ? AND location = ?')
    .get(productId, batch, expiry, location) as { id: string } | undefined;
  const lotId = found?.id ?? fixtureId();
  if (!found) core.db.prepare('INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, ?, ?, ?, 10)').run(lotId, productId, batch, expiry, location);
  core.db
    .prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, document_type, document_id) VALUES (?, ?, ?, 'receipt', ?, ?, 'test', 'fixture')")
    .run(fixtureId(), lotId, productId, quantity, core.clock.now());
  return lotId;
}

export function onHand(core: TestCore, lotId: string): number {
  return (core.db.prepare('SELECT coalesce(sum(quantity), 0) AS n FROM stock_movement WHERE lot_id = ?').get(lotId) as { n: number }).n;
}

export async function addStaff(counter: Counter, role: 'manager' | 'pharmacist' | 'cashier', username: string, pin: string): Promise<Connection> {
  await addUser(counter.admin, { username, displayName: `${username} ${role}`, role, password: `${username}-password-1`, pin });
  return loginAs(counter.core, username, `${username}-password-1`);
}

/** A pharmacy with an admin, a cashier (PIN 1357), the counter catalog in stock, and (by default) an open shift. */
export async function setUpCounter(options: { openShift?: boolean; seed?: number } = {}): Promise<Counter> {
  const core = createTestCore({ seed: options.seed ?? 42 });
  const { admin } = await setUpPharmacy(core);
  await addUser(admin, { username: 'casey', displayName: 'Casey Cashier', role: 'cashier', password: 'cashier-pass-1', pin: '1357' });
  const cashier = await loginAs(core, 'casey', 'cashier-pass-1');
  const products = {} as Record<ProductKey, Product>;
  const lots = {} as Record<ProductKey, string>;
  for (const [key, p] of Object.entries(counterProducts) as [ProductKey, NewProduct][]) {
    products[key] = expectOk(await admin.invoke('catalog.createProduct', p));
    lots[key] = receiveStock(core, products[key].id, `B-${key.toUpperCase()}`, EXP_SOON, key === 'amoxicillin' ? 'dispensary' : 'shelf', 20 * p.packSize);
  }
  if (options.openShift ?? true) expectOk(await cashier.invoke('shifts.openShift', { float: '100.00' }));
  return { core, admin, cashier, products, lots };
}

export function line(counter: Counter, key: ProductKey, quantity = 1, extra: Partial<InputOf<'sales.priceCart'>['lines'][number]> = {}) {
  return { productId: counter.products[key].id, lotId: counter.lots[key], quantity, ...extra };
}

/** Sells for exact cash and returns the sale. */
export async function sellForCash(counter: Counter, lines: InputOf<'sales.completeSale'>['lines'], cash: string) {
  return expectOk(await counter.cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines, tenders: [{ kind: 'cash', amount: cash }] }));
}
