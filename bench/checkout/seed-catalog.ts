// The checkout benchmark's shelf: a 100,000-product catalog made from the demo pharmacy's products in many
// brands and packs, each with an EAN-13 and two batches with expiry on the shop shelf, received through the
// stock ledger (a receipt movement per lot; the ledger's trigger projects on-hand).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { catalogStore, gtinCheckDigit, readDemoCatalog } from '@mortar/main/testing';

const BRANDS = ['Relief', 'Medix', 'Pharmacare', 'Vitalis', 'Curaline', 'Nordmed', 'Apotek', 'Sanitas', 'Boots', 'Generics UK'];
const PACKS = [7, 10, 14, 16, 20, 24, 28, 30, 32, 56, 60, 84, 90, 100];

/** Both batches of every product expire well after the day the benchmark runs. */
export const LOTS = [
  { suffix: 'A', expiry: '2027-06-30', scanExpiry: '270630' },
  { suffix: 'B', expiry: '2028-03-31', scanExpiry: '280331' },
] as const;

export type BenchProduct = {
  index: number;
  id: string;
  name: string;
  strength: string | null;
  brand: string | null;
  /** The 13 digits printed under the EAN symbol. */
  ean13: string;
  gtin14: string;
  priceMinor: number;
  taxCategory: string;
  packSize: number;
  /** Sold over the counter (not prescription-only or controlled). */
  sellable: boolean;
  /** The OTC quantity-limit group an ingredient puts the product in, if any (at most one pack per cart here). */
  limitGroup: string | null;
  lots: { id: string; batch: string; expiry: string; scanExpiry: string }[];
};

export function productId(i: number): string {
  return `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
}

function lotId(i: number, k: number): string {
  return `00000000-0000-7000-8001-${String(i * 2 + k).padStart(12, '0')}`;
}

function receiptMovementId(i: number, k: number): string {
  return `00000000-0000-7000-8002-${String(i * 2 + k).padStart(12, '0')}`;
}

/** Packs received into each lot: enough for the whole seeded history and the measured sales. */
const PACKS_PER_LOT = 400;

function limitGroupOf(db: Database, ingredients: readonly { name: string }[]): string | null {
  const limits = db.prepare<[], { ingredient: string; limit_group: string }>('SELECT ingredient, limit_group FROM otc_quantity_limit').all();
  const byIngredient = new Map(limits.map((l) => [l.ingredient, l.limit_group]));
  for (const ing of ingredients) {
    const name = ing.name.trim().toLowerCase();
    const group = byIngredient.get(name) ?? byIngredient.get(name.split(' ')[0] ?? '');
    if (group) return group;
  }
  return null;
}

/** The products as the benchmark knows them, without touching the database (for a cached data set). */
export function describeCatalog(db: Database, count: number): BenchProduct[] {
  const demo = readDemoCatalog().products;
  const groups = demo.map((p) => limitGroupOf(db, p.ingredients));
  const out: BenchProduct[] = [];
  for (let i = 0; i < count; i++) {
    const base = demo[i % demo.length]!;
    const variant = Math.floor(i / demo.length);
    const pack = variant === 0 ? base.packSize : PACKS[(i * 7) % PACKS.length]!;
    const brand = variant === 0 ? base.brand : BRANDS[i % BRANDS.length]!;
    const body = `509${String(i).padStart(9, '0')}`;
    const ean13 = `${body}${gtinCheckDigit(body)}`;
    out.push({
      index: i,
      id: productId(i),
      name: variant === 0 ? base.name : `${brand} ${base.name} x${pack}`,
      strength: base.strength,
      brand,
      ean13,
      gtin14: `0${ean13}`,
      priceMinor: base.priceMinor,
      taxCategory: base.taxCategory,
      packSize: pack,
      sellable: base.legalCategory !== 'rx' && base.legalCategory !== 'controlled',
      limitGroup: groups[i % demo.length] ?? null,
      lots: LOTS.map((l, k) => ({ id: lotId(i, k), batch: `L${i}${l.suffix}`, expiry: l.expiry, scanExpiry: l.scanExpiry })),
    });
  }
  return out;
}

/** Writes the catalog and its stock in one transaction; returns the products as described. */
export function seedCatalog(db: Database, count: number, at: number): BenchProduct[] {
  const demo = readDemoCatalog().products;
  const store = catalogStore(db);
  const insertLot = db.prepare('INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, ?, ?, ?, ?)');
  const insertMovement = db.prepare(
    `INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, actor_id, document_type, document_id, reason)
     VALUES (?, ?, ?, 'receipt', ?, ?, NULL, 'benchSeed', 'opening-stock', 'opening stock of the benchmark')`,
  );
  const products = describeCatalog(db, count);
  db.transaction(() => {
    for (const p of products) {
      const base = demo[p.index % demo.length]!;
      store.insert(
        {
          id: p.id,
          sku: `BENCH-${p.index}`,
          name: p.name,
          brand: p.brand,
          strength: base.strength,
          form: base.form,
          route: base.route,
          pack_size: p.packSize,
          unit: base.unit,
          legal_category: base.legalCategory,
          schedule: base.schedule,
          tax_category: base.taxCategory,
          price_minor: base.priceMinor,
          currency: 'GBP',
        },
        base.ingredients,
        [p.gtin14],
        at,
      );
      p.lots.forEach((lot, k) => {
        insertLot.run(lot.id, p.id, lot.batch, lot.expiry, 'shelf', Math.max(1, Math.floor(base.priceMinor / 2)));
        insertMovement.run(receiptMovementId(p.index, k), lot.id, p.id, PACKS_PER_LOT * p.packSize, at);
      });
    }
  })();
  return products;
}
