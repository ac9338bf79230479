// Demo prices in US cents: integers only (exact money), a cost strictly below the price, and magnitudes a
// US pharmacy would recognise (a counter painkiller for a few dollars, a biologic pen for thousands).
// The numbers are synthetic; they come from a per-product seeded generator so they never change by accident.

import type { DraftProduct, PriceClass } from './draft.js';
import { createRng } from './prng.js';

type Band = { min: number; max: number };

// Price of one dispensable unit, in cents, before the pack discount.
const UNIT_PRICE: Record<PriceClass, Record<'unit' | 'mL' | 'g' | 'dose' | 'device', Band>> = {
  counter: {
    unit: { min: 6, max: 30 },
    mL: { min: 4, max: 14 },
    g: { min: 12, max: 45 },
    dose: { min: 4, max: 12 },
    device: { min: 150, max: 600 },
  },
  generic: {
    unit: { min: 10, max: 90 },
    mL: { min: 6, max: 40 },
    g: { min: 20, max: 90 },
    dose: { min: 12, max: 40 },
    device: { min: 400, max: 4000 },
  },
  brand: {
    unit: { min: 250, max: 1200 },
    mL: { min: 60, max: 400 },
    g: { min: 100, max: 500 },
    dose: { min: 150, max: 500 },
    device: { min: 5000, max: 40000 },
  },
  specialty: {
    unit: { min: 5000, max: 40000 },
    mL: { min: 2000, max: 20000 },
    g: { min: 2000, max: 10000 },
    dose: { min: 2000, max: 10000 },
    device: { min: 50000, max: 500000 },
  },
  biologic: {
    unit: { min: 60000, max: 350000 },
    mL: { min: 20000, max: 100000 },
    g: { min: 20000, max: 100000 },
    dose: { min: 60000, max: 350000 },
    device: { min: 60000, max: 350000 },
  },
  vaccine: {
    unit: { min: 4500, max: 25000 },
    mL: { min: 4500, max: 25000 },
    g: { min: 4500, max: 25000 },
    dose: { min: 4500, max: 25000 },
    device: { min: 4500, max: 25000 },
  },
  insulin: {
    unit: { min: 2500, max: 9000 },
    mL: { min: 800, max: 3000 },
    g: { min: 800, max: 3000 },
    dose: { min: 2500, max: 9000 },
    device: { min: 2500, max: 9000 },
  },
};

const DEVICES = new Set([
  'pen',
  'syringe',
  'vial',
  'ampoule',
  'cartridge',
  'implant',
  'ring',
  'enema',
  'nebule',
]);

const unitKind = (unit: string): 'unit' | 'mL' | 'g' | 'dose' | 'device' => {
  if (unit === 'mL' || unit === 'g' || unit === 'dose') return unit;
  return DEVICES.has(unit) ? 'device' : 'unit';
};

/** Retail shelf prices end in 9 (…49, …99); dispensary prices are exact cents. */
const retailRound = (cents: number): number => {
  if (cents < 100) return 99;
  const dollars = Math.floor(cents / 100);
  return cents % 100 < 50 ? dollars * 100 + 49 : dollars * 100 + 99;
};

export const priceProduct = (draft: DraftProduct): { priceMinor: number; costMinor: number } => {
  const rng = createRng(`price:${draft.sku}`);
  const band = UNIT_PRICE[draft.priceClass][unitKind(draft.unit)];
  const perUnit = band.min + rng.next() * (band.max - band.min);
  // Bigger packs are cheaper per unit.
  const raw = Math.max(99, Math.round(perUnit * Math.pow(draft.packSize, 0.85)));
  const shelf =
    draft.legalCategory === 'gsl' || draft.legalCategory === 'pharmacy' || draft.legalCategory === 'otc';
  const priceMinor = shelf ? retailRound(raw) : raw;
  const margin = shelf ? 0.45 + rng.next() * 0.25 : 0.62 + rng.next() * 0.25;
  const costMinor = Math.min(priceMinor - 1, Math.max(1, Math.floor(priceMinor * margin)));
  return { priceMinor, costMinor };
};
