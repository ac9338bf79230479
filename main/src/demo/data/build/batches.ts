// Synthetic stock for the demo: 1–5 batches per product with batch codes, expiries and quantities in the
// smallest unit. Expiries are spread around the demo's reference day so that expiry views have something
// to show: most 6–36 months ahead, a few within 30/60/90 days and a handful already expired.

import type { DemoBatch, StockLocation } from '../demo-catalog-types.js';
import type { DraftProduct } from './draft.js';
import { createRng, type Rng } from './prng.js';

/** The day the demo pretends it is (UTC). */
export const DEMO_REFERENCE_DAY = '2026-11-27';

const DAY_MS = 86_400_000;
const REFERENCE_MS = Date.parse(`${DEMO_REFERENCE_DAY}T00:00:00Z`);
const MONTH_LETTERS = 'ABCDEFGHJKLM';
const BATCH_PREFIXES = 'ABCDEFGHKLMNPRSTVWXZ';

export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Days from the reference day to an expiry, drawn from the demo's spread. */
const expiryOffsetDays = (rng: Rng): number => {
  const r = rng.next();
  if (r < 0.012) return -rng.int(1, 150);
  if (r < 0.027) return rng.int(0, 30);
  if (r < 0.042) return rng.int(31, 60);
  if (r < 0.057) return rng.int(61, 90);
  if (r < 0.1) return rng.int(91, 182);
  return rng.int(183, 1095);
};

const locationOf = (draft: DraftProduct): StockLocation => {
  if (draft.legalCategory === 'controlled') return 'controlled-cabinet';
  return draft.legalCategory === 'rx' ? 'dispensary' : 'shelf';
};

const batchCount = (rng: Rng): number => {
  const r = rng.next();
  if (r < 0.3) return 1;
  if (r < 0.6) return 2;
  if (r < 0.8) return 3;
  if (r < 0.92) return 4;
  return 5;
};

const quantityOf = (draft: DraftProduct, rng: Rng, expired: boolean): number => {
  const costly = ['specialty', 'biologic', 'vaccine'].includes(draft.priceClass);
  const packs = expired ? rng.int(1, 2) : costly ? rng.int(1, 3) : rng.int(1, 12);
  let quantity = packs * draft.packSize;
  // Dispensaries split packs of tablets and capsules, so some batches hold a broken pack.
  const countable = draft.unit === 'tablet' || draft.unit === 'capsule';
  if (draft.legalCategory !== 'gsl' && countable && draft.packSize > 2 && rng.chance(0.15)) {
    quantity -= rng.int(1, draft.packSize - 1);
  }
  return quantity;
};

export const makeBatches = (draft: DraftProduct): DemoBatch[] => {
  const rng = createRng(`batches:${draft.sku}`);
  const prefix = rng.pick([...BATCH_PREFIXES]);
  const shelfLifeMonths = rng.pick([24, 36]);
  const location = locationOf(draft);
  const used = new Set<string>();
  const batches: DemoBatch[] = [];
  const count = batchCount(rng);
  for (let i = 0; i < count; i++) {
    const offset = expiryOffsetDays(rng);
    const expiryMs = REFERENCE_MS + offset * DAY_MS;
    const expiry = new Date(expiryMs);
    // The batch code carries the month of manufacture, one shelf life before expiry.
    const made = new Date(Date.UTC(expiry.getUTCFullYear(), expiry.getUTCMonth() - shelfLifeMonths, 1));
    const stem = `${prefix}${String(made.getUTCFullYear() % 100).padStart(2, '0')}${MONTH_LETTERS[made.getUTCMonth()]}`;
    let batch = `${stem}${String(rng.int(1, 999)).padStart(3, '0')}`;
    while (used.has(batch)) batch = `${stem}${String(rng.int(1, 999)).padStart(3, '0')}`;
    used.add(batch);
    batches.push({ batch, expiry: isoDay(expiryMs), quantity: quantityOf(draft, rng, offset < 0), location });
  }
  return batches.sort((a, b) => a.expiry.localeCompare(b.expiry) || a.batch.localeCompare(b.batch));
};
