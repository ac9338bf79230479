import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';
import type { Product } from './contract.js';
import { searchWords } from './search-text.js';

export type ProductRow = {
  num: number;
  id: string;
  sku: string;
  name: string;
  brand: string | null;
  strength: string | null;
  form: string;
  route: string | null;
  pack_size: number;
  unit: string;
  legal_category: Product['legalCategory'];
  schedule: string | null;
  tax_category: Product['taxCategory'];
  price_minor: number;
  currency: string;
  ingredients_text: string;
  active: number;
  created_at: number;
  updated_at: number;
};

export type LotRow = { lot_id: string; batch: string; expiry: string; location: string; on_hand: number };

export type NewProductRow = Omit<ProductRow, 'num' | 'ingredients_text' | 'active' | 'created_at' | 'updated_at'>;

export const catalogStore = perDatabase((db: Database) => {
  const insertProduct = db.prepare(
    `INSERT INTO product (id, sku, name, brand, strength, form, route, pack_size, unit, legal_category, schedule,
       tax_category, price_minor, currency, ingredients_text, active, created_at, updated_at)
     VALUES (@id, @sku, @name, @brand, @strength, @form, @route, @pack_size, @unit, @legal_category, @schedule,
       @tax_category, @price_minor, @currency, @ingredients_text, 1, @now, @now)`,
  );
  const insertIngredient = db.prepare(
    'INSERT INTO product_ingredient (product_id, position, name, strength) VALUES (?, ?, ?, ?)',
  );
  const insertGtin = db.prepare('INSERT INTO product_gtin (gtin, product_id) VALUES (?, ?)');
  const insertTerm = db.prepare('INSERT OR IGNORE INTO search_term (term) VALUES (?)');
  const byId = db.prepare<[string], ProductRow>('SELECT * FROM product WHERE id = ?');
  const bySku = db.prepare<[string], ProductRow>('SELECT * FROM product WHERE sku = ?');
  const byGtin = db.prepare<[string], ProductRow>(
    'SELECT p.* FROM product_gtin g JOIN product p ON p.id = g.product_id WHERE g.gtin = ?',
  );
  const gtinOwner = db.prepare<[string], { product_id: string }>('SELECT product_id FROM product_gtin WHERE gtin = ?');
  const gtinsOf = db.prepare<[string], { gtin: string }>('SELECT gtin FROM product_gtin WHERE product_id = ? ORDER BY gtin');
  const ingredientsOf = db.prepare<[string], { name: string; strength: string | null }>(
    'SELECT name, strength FROM product_ingredient WHERE product_id = ? ORDER BY position',
  );
  const lotsOf = db.prepare<[string], LotRow>(
    `SELECT l.id AS lot_id, l.batch, l.expiry, l.location, b.on_hand
     FROM stock_balance b JOIN stock_lot l ON l.id = b.lot_id
     WHERE b.product_id = ? AND b.on_hand <> 0
     ORDER BY l.expiry, l.batch`,
  );
  const updatePrice = db.prepare('UPDATE product SET price_minor = ?, updated_at = ? WHERE id = ?');

  return {
    insert(row: NewProductRow, ingredients: { name: string; strength: string | null }[], gtins: string[], now: number): void {
      const ingredientsText = ingredients.map((i) => (i.strength ? `${i.name} ${i.strength}` : i.name)).join(', ');
      insertProduct.run({ ...row, ingredients_text: ingredientsText, now });
      ingredients.forEach((ing, i) => insertIngredient.run(row.id, i, ing.name, ing.strength));
      for (const g of gtins) insertGtin.run(g, row.id);
      const text = [row.name, row.brand ?? '', ingredientsText, row.form].join(' ');
      for (const w of new Set(searchWords(text))) {
        if (w.length >= 3 && !/^\d+$/.test(w)) insertTerm.run(w);
      }
    },
    byId: (id: string) => byId.get(id) ?? null,
    bySku: (sku: string) => bySku.get(sku) ?? null,
    byGtin: (gtin14: string) => byGtin.get(gtin14) ?? null,
    gtinOwner: (gtin14: string) => gtinOwner.get(gtin14)?.product_id ?? null,
    gtinsOf: (id: string) => gtinsOf.all(id).map((r) => r.gtin),
    ingredientsOf: (id: string) => ingredientsOf.all(id),
    lotsOf: (id: string) => lotsOf.all(id),
    updatePrice: (id: string, priceMinor: number, now: number) => updatePrice.run(priceMinor, now, id),
  };
});

export function toProduct(row: ProductRow, gtins: string[], ingredients: { name: string; strength: string | null }[]): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    brand: row.brand,
    ingredients,
    strength: row.strength,
    form: row.form,
    route: row.route,
    packSize: row.pack_size,
    unit: row.unit,
    legalCategory: row.legal_category,
    schedule: row.schedule,
    taxCategory: row.tax_category,
    priceMinor: row.price_minor,
    currency: row.currency,
    gtins,
    active: row.active === 1,
  };
}
