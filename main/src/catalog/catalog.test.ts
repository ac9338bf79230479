import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, createTestCore, expectOk, queryPlan, setUpPharmacy, tableScans, type TestCore } from '../testing/index.js';
import type { Connection } from '../core.js';
import type { NewProduct } from './contract.js';
import { gtinCheckDigit, normalizeGtin } from './gtin.js';
import { catalogStore } from './catalog-store.js';
import { editDistance } from './search-text.js';

let core: TestCore;
afterEach(() => core?.dispose());

const products: NewProduct[] = [
  { sku: 'IBU-200-16', name: 'Ibuprofen 200 mg tablets', ingredients: [{ name: 'Ibuprofen', strength: '200 mg' }], strength: '200 mg', form: 'tablet', packSize: 16, unit: 'tablet', legalCategory: 'gsl', taxCategory: 'standard', priceMinor: 89, gtins: ['5000000000012'] },
  { sku: 'IBU-400-24', name: 'Ibuprofen 400 mg tablets', ingredients: [{ name: 'Ibuprofen', strength: '400 mg' }], strength: '400 mg', form: 'tablet', packSize: 24, unit: 'tablet', legalCategory: 'pharmacy', taxCategory: 'standard', priceMinor: 249 },
  { sku: 'PARA-500-32', name: 'Paracetamol 500 mg tablets', ingredients: [{ name: 'Paracetamol', strength: '500 mg' }], strength: '500 mg', form: 'tablet', packSize: 32, unit: 'tablet', legalCategory: 'pharmacy', taxCategory: 'standard', priceMinor: 129 },
  { sku: 'AMOX-500-21', name: 'Amoxicillin 500 mg capsules', ingredients: [{ name: 'Amoxicillin', strength: '500 mg' }], strength: '500 mg', form: 'capsule', packSize: 21, unit: 'capsule', legalCategory: 'rx', taxCategory: 'zero', priceMinor: 350 },
  { sku: 'NUR-200', name: 'Nurofen Express 200 mg capsules', brand: 'Nurofen', ingredients: [{ name: 'Ibuprofen', strength: '200 mg' }], strength: '200 mg', form: 'capsule', packSize: 10, unit: 'capsule', legalCategory: 'gsl', taxCategory: 'standard', priceMinor: 325 },
  { sku: 'CET-10-30', name: 'Cétirizine 10 mg tablets', ingredients: [{ name: 'Cetirizine', strength: '10 mg' }], strength: '10 mg', form: 'tablet', packSize: 30, unit: 'tablet', legalCategory: 'gsl', taxCategory: 'standard', priceMinor: 199 },
];

async function catalog(): Promise<Connection> {
  core = createTestCore();
  const { admin } = await setUpPharmacy(core);
  for (const p of products) expectOk(await admin.invoke('catalog.createProduct', p));
  return admin;
}

const names = async (c: Connection, query: string) =>
  expectOk(await c.invoke('catalog.searchProducts', { query })).hits.map((h) => h.name);

describe('catalog search', () => {
  it('finds by word prefix and ingredient, ranked by name match', async () => {
    const c = await catalog();
    expect(await names(c, 'ibu')).toEqual(expect.arrayContaining(['Ibuprofen 200 mg tablets', 'Ibuprofen 400 mg tablets', 'Nurofen Express 200 mg capsules']));
    expect(await names(c, 'ibuprofen 400')).toEqual(['Ibuprofen 400 mg tablets']);
    expect(await names(c, 'nurofen')).toEqual(['Nurofen Express 200 mg capsules']);
  });

  it('tolerates typing mistakes and says what it searched for instead', async () => {
    const c = await catalog();
    for (const typo of ['ibuprofin', 'ibuprofn', 'ibuporfen', 'paracetomol', 'amoxicilin']) {
      const r = expectOk(await c.invoke('catalog.searchProducts', { query: typo }));
      expect(r.hits.length, typo).toBeGreaterThan(0);
      expect(r.hits.every((h) => h.matchedBy === 'fuzzy')).toBe(true);
      expect(r.corrections.length).toBe(1);
    }
    expect(expectOk(await c.invoke('catalog.searchProducts', { query: 'paracetomol' })).corrections).toEqual(['paracetamol']);
  });

  it('ignores accents and case', async () => {
    const c = await catalog();
    expect(await names(c, 'CETIRIZINE')).toEqual(['Cétirizine 10 mg tablets']);
  });

  it('finds a product by any form of its barcode and by SKU', async () => {
    const c = await catalog();
    for (const q of ['5000000000012', '05000000000012']) {
      const r = expectOk(await c.invoke('catalog.searchProducts', { query: q }));
      expect(r.hits.map((h) => [h.name, h.matchedBy])).toEqual([['Ibuprofen 200 mg tablets', 'gtin']]);
    }
    expect(expectOk(await c.invoke('catalog.searchProducts', { query: 'AMOX-500-21' })).hits[0]?.matchedBy).toBe('sku');
  });

  it('answers nonsense with nothing rather than guessing', async () => {
    const c = await catalog();
    expect(await names(c, 'zzzzqqq')).toEqual([]);
    expect(await names(c, '"*) OR NEAR(')).toEqual([]);
  });

  it('never fails on arbitrary input', async () => {
    const c = await catalog();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (q) => {
        const r = await c.invoke('catalog.searchProducts', { query: q });
        expect(r.ok).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('uses indexes for every hot lookup: no table scans', async () => {
    await catalog();
    const plans = [
      queryPlan(core, 'SELECT p.id FROM product_gtin g JOIN product p ON p.id = g.product_id WHERE g.gtin = ?', '05000000000012'),
      queryPlan(core, 'SELECT id FROM product WHERE sku = ?', 'X'),
      queryPlan(core, "SELECT p.id FROM product_fts f JOIN product p ON p.num = f.rowid WHERE product_fts MATCH 'ibu*' ORDER BY bm25(product_fts)"),
      queryPlan(core, 'SELECT term FROM search_term WHERE term >= ? AND term < ? LIMIT 1', 'ibu', 'ibu\uffff'),
      queryPlan(core, "SELECT term FROM search_term_trigram WHERE search_term_trigram MATCH '\"ibu\"' ORDER BY rank LIMIT 5"),
      queryPlan(core, 'SELECT sum(b.on_hand) FROM stock_balance b JOIN stock_lot l ON l.id = b.lot_id WHERE b.product_id = ?', 'x'),
    ];
    for (const plan of plans) expect(tableScans(plan), plan.join(' | ')).toEqual([]);
  });
});

describe('broad searches', () => {
  it('answer quickly from a bounded set of matches, names starting with the query first', async () => {
    const c = await catalog();
    const store = catalogStore(core.db);
    core.db.transaction(() => {
      for (let i = 0; i < 2100; i++) {
        store.insert(
          { id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, sku: `BULK-${i}`, name: `Vitamin tablets ${i} sunflower`, brand: null, strength: null,
            form: 'tablet', route: null, pack_size: 30, unit: 'tablet', legal_category: 'gsl', schedule: null, tax_category: 'standard', price_minor: 100, currency: 'GBP' },
          [], [], core.clock.now(),
        );
      }
    })();
    const hits = expectOk(await c.invoke('catalog.searchProducts', { query: 'ta', limit: 10 })).hits;
    expect(hits).toHaveLength(10);
    expect(hits.every((h) => /\bta/i.test(h.name))).toBe(true);
    const su = expectOk(await c.invoke('catalog.searchProducts', { query: 'su', limit: 5 })).hits;
    expect(su).toHaveLength(5);
  });
});

describe('catalog maintenance', () => {
  it('refuses a barcode with a wrong check digit and writes nothing', async () => {
    const c = await catalog();
    const before = countRows(core, 'product');
    const r = await c.invoke('catalog.createProduct', { ...products[0]!, sku: 'NEW-1', gtins: ['5000000000013'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'catalog.gtinInvalid' } });
    expect(countRows(core, 'product')).toBe(before);
  });

  it('refuses a barcode that already belongs to another product', async () => {
    const c = await catalog();
    expect(await c.invoke('catalog.createProduct', { ...products[0]!, sku: 'NEW-2' })).toMatchObject({ ok: false, error: { code: 'catalog.gtinTaken' } });
  });

  it('refuses a negative price as invalid input', async () => {
    const c = await catalog();
    expect(await c.invoke('catalog.createProduct', { ...products[2]!, sku: 'NEW-3', priceMinor: -1 })).toMatchObject({
      ok: false,
      error: { code: 'api.invalidInput' },
    });
  });
});

describe('GTIN and edit distance', () => {
  it('normalises GTIN-8/12/13/14 to 14 digits and rejects wrong check digits', () => {
    expect(normalizeGtin('96385074')).toBe('00000096385074');
    expect(normalizeGtin('036000291452')).toBe('00036000291452');
    expect(normalizeGtin('036000291453')).toBeNull();
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), (body) => {
        const g = body + String(gtinCheckDigit(body));
        expect(normalizeGtin(g)).toBe(g);
        expect(normalizeGtin(body + String((gtinCheckDigit(body) + 1) % 10))).toBeNull();
      }),
      { seed: 3 },
    );
  });

  it('counts an adjacent transposition as one mistake', () => {
    expect(editDistance('ibuporfen', 'ibuprofen', 3)).toBe(1);
    expect(editDistance('paracetomol', 'paracetamol', 3)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
