// Catalog search on a 100,000-product catalog, measured in the core through the typed API (dispatcher,
// validation, SQLite FTS5 and the typo-tolerant vocabulary): goal p99 under 20 ms.
// The catalog is made from the demo pharmacy's products in many strengths, packs and brands.
import { rmSync } from 'node:fs';
import { createCore } from '@mortar/main';
import { catalogStore, gtinCheckDigit, readDemoCatalog, searchWords, tempDir } from '@mortar/main/testing';
import { report, summarize } from './stats.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 3_000);

let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const BRANDS = ['Relief', 'Medix', 'Pharmacare', 'Vitalis', 'Curaline', 'Nordmed', 'Apotek', 'Sanitas', 'Boots', 'Generics UK'];
const PACKS = [7, 10, 14, 16, 20, 24, 28, 30, 32, 56, 60, 84, 90, 100];

const dataDir = tempDir('mortar-bench-');
const core = createCore({ dataDir, validateOutput: true, log: () => {} });
const admin = core.connect();
const setup = await admin.invoke('setup.initialize', {
  pharmacy: { name: 'Bench Pharmacy', address: '1 Bench Road', taxId: 'GB1', baseCurrency: 'GBP', locale: 'en', terminalName: 'Bench' },
  admin: { username: 'admin', displayName: 'Admin', password: 'bench-password-1' },
});
if (!setup.ok) throw new Error(setup.error.message);

const demo = readDemoCatalog().products;
const buildStart = performance.now();
const store = catalogStore(core.db);
const gtins: string[] = [];
core.db.transaction(() => {
  for (let i = 0; i < PRODUCTS; i++) {
    const base = demo[i % demo.length]!;
    const variant = Math.floor(i / demo.length);
    const brand = variant === 0 ? base.brand : pick(BRANDS);
    const pack = variant === 0 ? base.packSize : pick(PACKS);
    const body = `029${String(i).padStart(10, '0')}`;
    const gtin = `0${body}${gtinCheckDigit(`0${body}`)}`.slice(-14);
    gtins.push(gtin);
    store.insert(
      {
        id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        sku: `BENCH-${i}`,
        name: variant === 0 ? base.name : `${brand} ${base.name} x${pack}`,
        brand,
        strength: base.strength,
        form: base.form,
        route: base.route,
        pack_size: pack,
        unit: base.unit,
        legal_category: base.legalCategory,
        schedule: base.schedule,
        tax_category: base.taxCategory,
        price_minor: base.priceMinor,
        currency: 'GBP',
      },
      base.ingredients,
      [gtin],
      Date.now(),
    );
  }
})();
const buildMs = performance.now() - buildStart;

const words = [...new Set(demo.flatMap((p) => searchWords(p.name)).filter((w) => w.length >= 5 && !/\d/.test(w)))];
function typo(w: string): string {
  const i = 1 + Math.floor(rand() * (w.length - 2));
  const kind = Math.floor(rand() * 3);
  if (kind === 0) return w.slice(0, i) + w.slice(i + 1); // dropped letter
  if (kind === 1) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // swapped letters
  return w.slice(0, i) + pick([...'aeiou']) + w.slice(i + 1); // wrong vowel
}
type Kind = 'prefix' | 'word' | 'twoWords' | 'typo' | 'gtin';
const kinds: Kind[] = ['prefix', 'word', 'twoWords', 'typo', 'gtin'];
const queries: { kind: Kind; q: string }[] = [];
for (let i = 0; i < QUERIES; i++) {
  const kind = kinds[i % kinds.length] as Kind;
  const w = pick(words);
  const q =
    kind === 'prefix' ? w.slice(0, 2 + Math.floor(rand() * 3))
    : kind === 'word' ? w
    : kind === 'twoWords' ? `${w} ${pick(['500', 'tablets', 'mg', 'cream', '10'])}`
    : kind === 'typo' ? typo(w)
    : pick(gtins);
  queries.push({ kind, q });
}

const login = await admin.invoke('auth.login', { username: 'admin', password: 'bench-password-1' });
if (!login.ok) throw new Error(login.error.message);
for (const { q } of queries.slice(0, 200)) await admin.invoke('catalog.searchProducts', { query: q, limit: 25 });

const samples: Record<Kind | 'all', number[]> = { prefix: [], word: [], twoWords: [], typo: [], gtin: [], all: [] };
let empty = 0;
for (const { kind, q } of queries) {
  const t = performance.now();
  const r = await admin.invoke('catalog.searchProducts', { query: q, limit: 25 });
  const ms = performance.now() - t;
  if (!r.ok) throw new Error(`${q}: ${r.error.message}`);
  if (r.value.hits.length === 0) empty++;
  samples[kind].push(ms);
  samples.all.push(ms);
}

core.close();
if (process.env.BENCH_KEEP) process.stderr.write(`kept ${dataDir}\n`);
else rmSync(dataDir, { recursive: true, force: true });
const all = summarize(samples.all);
report('catalog-search', {
  goal: 'p99 under 20 ms in the core',
  products: PRODUCTS,
  queries: QUERIES,
  catalogBuildSeconds: Math.round(buildMs / 100) / 10,
  queriesWithNoHits: empty,
  all,
  byKind: Object.fromEntries(kinds.map((k) => [k, summarize(samples[k])])),
  goalMet: all.p99Ms < 20,
});
