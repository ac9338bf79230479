// What a generated prescription says: patient, prescriber with identifiers whose check digits are right,
// items drawn from the demo catalog with directions the sig parser reads. Every choice comes from the
// seeded generator passed in, so a seed always gives the same prescriptions.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Random = { next: () => number; int: (lo: number, hi: number) => number; pick: <T>(xs: readonly T[]) => T };

/** mulberry32: small, fast, and the same on every machine. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, int, pick };
}

export type Style = 'us' | 'uk';

export type TruthItem = {
  /** the text written on the page for the drug (generic or brand name) */
  written: string;
  medication: { ingredient: string; strength: string; form: string; productSku: string; brand: string | null };
  quantity: number;
  refills: number | null;
  sig: string;
};

export type Truth = {
  style: Style;
  patient: { name: string; birthDate: string };
  prescriber: { name: string; npi: string | null; dea: string | null };
  writtenDate: string;
  items: TruthItem[];
};

type CatalogProduct = {
  sku: string;
  brand: string | null;
  ingredients: { name: string; strength: string | null }[];
  strength: string | null;
  form: string;
  legalCategory: string;
};

const here = dirname(fileURLToPath(import.meta.url));
const CATALOG = resolve(here, '../../main/src/demo/data/demo-catalog.json');

const FORMS = ['tablet', 'capsule', 'oral solution', 'oral suspension', 'modified-release tablet'];

/** Single-ingredient prescription products with a plain mg strength: what a prescriber writes most. */
export function loadDrugPool(): CatalogProduct[] {
  const catalog = JSON.parse(readFileSync(CATALOG, 'utf8')) as { products: CatalogProduct[] };
  return catalog.products.filter(
    (p) =>
      p.legalCategory === 'rx' &&
      p.ingredients.length === 1 &&
      /^\d+(\.\d+)? mg(\/5 mL)?$/.test(p.strength ?? '') &&
      FORMS.includes(p.form) &&
      /^[A-Za-z]+$/.test(p.ingredients[0]?.name ?? ''),
  );
}

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Susan', 'Richard', 'Jessica', 'Thomas', 'Sarah', 'Daniel', 'Karen', 'Matthew', 'Nancy', 'Anthony', 'Margaret', 'Mark', 'Emily', 'Oliver', 'Amelia', 'George', 'Olivia', 'Harry', 'Isla'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Hughes', 'Evans', 'Roberts', 'Patel', 'Carter'];
const STREETS = ['Oak Street', 'Maple Avenue', 'Cedar Road', 'Park Lane', 'High Street', 'Mill Road', 'Church Lane', 'Elm Drive'];
const TOWNS_US = ['Springfield, IL 62704', 'Madison, WI 53703', 'Columbus, OH 43215', 'Albany, NY 12207', 'Salem, OR 97301'];
const TOWNS_UK = ['Leeds LS1 4AP', 'York YO1 7HH', 'Bristol BS1 5TR', 'Derby DE1 2FS', 'Bath BA1 1LT'];
const CLINICS = ['Family Medicine Associates', 'Riverside Medical Group', 'Lakeside Health Clinic', 'Northgate Primary Care', 'Hillview Internal Medicine'];
const SURGERIES = ['The Old Mill Surgery', 'Castle Street Medical Centre', 'Parkside Health Centre', 'Abbey Road Surgery'];

/** NPI check digit: Luhn over the 80840 card-issuer prefix followed by the first nine digits. */
export function npiCheckDigit(nine: string): number {
  const digits = `80840${nine}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits[i] as number;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** DEA check digit: (d1+d3+d5) + 2·(d2+d4+d6), last digit. */
export function deaCheckDigit(six: string): number {
  const d = six.split('').map(Number) as [number, number, number, number, number, number];
  return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
}

function makeNpi(r: Random): string {
  let nine = String(r.pick([1, 2]));
  for (let i = 0; i < 8; i++) nine += String(r.int(0, 9));
  return nine + String(npiCheckDigit(nine));
}

function makeDea(r: Random, surname: string): string {
  let six = '';
  for (let i = 0; i < 6; i++) six += String(r.int(0, 9));
  return `${r.pick(['A', 'B', 'F', 'G'])}${surname.charAt(0).toUpperCase()}${six}${deaCheckDigit(six)}`;
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dosageWord(form: string, n: number): string {
  const w = form.includes('capsule') ? 'capsule' : 'tablet';
  return n === 1 ? w : `${w}s`;
}

function directions(r: Random, form: string): string {
  if (form === 'oral solution' || form === 'oral suspension') {
    const ml = r.pick([5, 10, 2.5]);
    return r.pick([
      `Take ${ml} mL by mouth twice a day`,
      `Take ${ml} mL by mouth three times a day for 7 days`,
      `Take ${ml} mL by mouth every 8 hours`,
      `Take ${ml} mL by mouth once daily`,
    ]);
  }
  const n = r.pick([1, 1, 1, 2]);
  const u = dosageWord(form, n);
  return r.pick([
    `Take ${n} ${u} by mouth once daily`,
    `Take ${n} ${u} by mouth twice a day`,
    `Take ${n} ${u} by mouth three times a day for 10 days`,
    `Take ${n} ${u} by mouth at bedtime`,
    `Take ${n} ${u} by mouth every 6 hours as needed for pain`,
    `Take ${n} ${u} by mouth every morning with food`,
    `Take ${n} ${u} by mouth every 12 hours`,
  ]);
}

export function makePrescription(r: Random, style: Style, pool: readonly CatalogProduct[]): Truth {
  const patient = { name: `${r.pick(FIRST)} ${r.pick(LAST)}`, birthDate: isoDate(r.int(1935, 2015), r.int(1, 12), r.int(1, 28)) };
  const surname = r.pick(LAST);
  const prescriberName = `${r.pick(FIRST)} ${surname}`;
  const npi = style === 'us' ? makeNpi(r) : null;
  const dea = style === 'us' ? makeDea(r, surname) : null;
  const writtenDate = isoDate(2026, r.int(1, 11), r.int(1, 28));
  const count = r.pick([1, 1, 2, 2, 3]);
  const items: TruthItem[] = [];
  const used = new Set<string>();
  const branded = pool.filter((p) => p.brand !== null);
  while (items.length < count) {
    // brands are rare in the pool; drawn more often so that brand → generic matching is exercised
    const p = branded.length > 0 && r.next() < 0.2 ? r.pick(branded) : r.pick(pool);
    const ingredient = p.ingredients[0]?.name ?? '';
    if (used.has(ingredient)) continue;
    used.add(ingredient);
    const liquid = p.form === 'oral solution' || p.form === 'oral suspension';
    const quantity = liquid ? r.pick([100, 150, 200, 300]) : r.pick([14, 21, 28, 30, 56, 60, 90]);
    const brandWritten = p.brand !== null && r.next() < 0.6;
    items.push({
      written: brandWritten ? (p.brand as string) : ingredient,
      medication: { ingredient, strength: p.strength ?? '', form: p.form, productSku: p.sku, brand: p.brand },
      quantity,
      refills: style === 'us' ? r.int(0, 5) : null,
      sig: directions(r, p.form),
    });
  }
  return { style, patient, prescriber: { name: prescriberName, npi, dea }, writtenDate, items };
}

export const places = { STREETS, TOWNS_US, TOWNS_UK, CLINICS, SURGERIES };
