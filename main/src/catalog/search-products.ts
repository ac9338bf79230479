// Catalog search for the counter: barcode and SKU first, then full text with prefix matching, and for words
// the catalog does not contain, the nearest catalog words by edit distance (found through a trigram index of
// the catalog's vocabulary), so "ibuprofin" still finds ibuprofen. Everything is read from the store itself.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';
import type { ProductHit } from './contract.js';
import { normalizeGtin } from './gtin.js';
import { allowedMistakes, editDistance, searchWords } from './search-text.js';

type HitRow = {
  id: string;
  sku: string;
  name: string;
  brand: string | null;
  strength: string | null;
  form: string;
  pack_size: number;
  legal_category: ProductHit['legalCategory'];
  price_minor: number;
  currency: string;
  on_hand: number;
};

const HIT_COLUMNS = `p.id, p.sku, p.name, p.brand, p.strength, p.form, p.pack_size, p.legal_category, p.price_minor,
  p.currency, coalesce((SELECT sum(b.on_hand) FROM stock_balance b JOIN stock_lot l ON l.id = b.lot_id
    JOIN stock_location sl ON sl.code = l.location WHERE b.product_id = p.id AND sl.sellable = 1), 0) AS on_hand`;

/**
 * The ranked queries choose their page of products first (`top`) and only then add each hit's stock: SQLite
 * works out every selected column before it sorts, so stock in the ranking query itself was summed for up to
 * 2,000 matches to keep 25 (three times slower on a stocked catalog of 100,000 products).
 */
export const searchSql = {
  ranked: `WITH top AS MATERIALIZED (
      SELECT p.num, bm25(product_fts, 10.0, 6.0, 4.0, 1.0) AS score FROM product_fts f JOIN product p ON p.num = f.rowid
      WHERE product_fts MATCH ? AND p.active = 1 ORDER BY score, p.name LIMIT ?)
    SELECT ${HIT_COLUMNS} FROM top JOIN product p ON p.num = top.num ORDER BY top.score, p.name`,
  broad: `WITH top AS MATERIALIZED (
      SELECT p.num, substr(lower(p.name), 1, length(@prefix)) = @prefix AS starts FROM product p
      WHERE p.num IN (SELECT value FROM json_each(@ids)) AND p.active = 1
      ORDER BY starts DESC, p.name COLLATE NOCASE LIMIT @limit)
    SELECT ${HIT_COLUMNS} FROM top JOIN product p ON p.num = top.num ORDER BY top.starts DESC, p.name COLLATE NOCASE`,
} as const;

const MAX_WORDS = 8;
const CORRECTIONS_PER_WORD = 4;
/** Ranking by relevance costs time in proportion to the matches; past this many, a query is "broad". */
const RANK_CAP = 2000;
/** A misspelt word is compared with the catalog words sharing its rarest trigrams, at most this many. */
const RARE_TRIGRAMS = 4;
const FUZZY_CANDIDATES = 400;

const statements = perDatabase((db: Database) => ({
  byGtin: db.prepare<[string], HitRow>(
    `SELECT ${HIT_COLUMNS} FROM product_gtin g JOIN product p ON p.id = g.product_id WHERE g.gtin = ? AND p.active = 1`,
  ),
  bySku: db.prepare<[string], HitRow>(`SELECT ${HIT_COLUMNS} FROM product p WHERE p.sku = ? AND p.active = 1`),
  firstByName: db.prepare<[number], HitRow>(
    `SELECT ${HIT_COLUMNS} FROM product p WHERE p.active = 1 ORDER BY p.name COLLATE NOCASE LIMIT ?`,
  ),
  candidates: db.prepare<[string, number], { rowid: number }>(
    'SELECT rowid FROM product_fts WHERE product_fts MATCH ? LIMIT ?',
  ),
  ranked: db.prepare<[string, number], HitRow>(searchSql.ranked),
  // A broad query (thousands of matches): the first matches, names that start with the query first.
  broad: db.prepare<[{ ids: string; prefix: string; limit: number }], HitRow>(searchSql.broad),
  trigramCounts: db.prepare<[string], { term: string; doc: number }>(
    'SELECT term, doc FROM search_term_trigram_vocab WHERE term IN (SELECT value FROM json_each(?))',
  ),
  termWithPrefix: db.prepare<[string, string], { term: string }>(
    'SELECT term FROM search_term WHERE term >= ? AND term < ? LIMIT 1',
  ),
  trigramCandidates: db.prepare<[string, number], { term: string }>(
    'SELECT term FROM search_term_trigram WHERE search_term_trigram MATCH ? LIMIT ?',
  ),
}));

function toHit(r: HitRow, matchedBy: ProductHit['matchedBy']): ProductHit {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    brand: r.brand,
    strength: r.strength,
    form: r.form,
    packSize: r.pack_size,
    legalCategory: r.legal_category,
    priceMinor: r.price_minor,
    currency: r.currency,
    onHand: r.on_hand,
    matchedBy,
  };
}

const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;

/** Catalog words close to a word the catalog does not know, best first. */
function corrections(db: Database, word: string): string[] {
  const cap = allowedMistakes(word.length);
  if (cap === 0 || word.length < 3) return [];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
  // The rarest trigrams that the catalog has at all: a typo breaks a few trigrams, the rest still match.
  const rare = statements(db)
    .trigramCounts.all(JSON.stringify([...grams]))
    .sort((a, b) => a.doc - b.doc)
    .slice(0, RARE_TRIGRAMS);
  if (rare.length === 0) return [];
  const match = rare.map((g) => quote(g.term)).join(' OR ');
  const scored: { term: string; d: number; order: number }[] = [];
  statements(db)
    .trigramCandidates.all(match, FUZZY_CANDIDATES)
    .forEach((row, order) => {
      const whole = editDistance(word, row.term, cap);
      // A word still being typed: compare with the start of the catalog word of the same length.
      const partial = row.term.length > word.length ? editDistance(word, row.term.slice(0, word.length), cap) : cap + 1;
      const d = Math.min(whole, partial + 0.5);
      if (d <= cap) scored.push({ term: row.term, d, order });
    });
  scored.sort((a, b) => a.d - b.d || a.term.length - b.term.length || a.order - b.order);
  return scored.slice(0, CORRECTIONS_PER_WORD).map((s) => s.term);
}

export function searchProducts(db: Database, query: string, limit: number): { hits: ProductHit[]; corrections: string[] } {
  const s = statements(db);
  const trimmed = query.trim();
  if (trimmed === '') return { hits: s.firstByName.all(limit).map((r) => toHit(r, 'text')), corrections: [] };

  if (/^\d{8}$|^\d{12,14}$/.test(trimmed)) {
    const gtin = normalizeGtin(trimmed);
    const row = gtin ? s.byGtin.get(gtin) : undefined;
    if (row) return { hits: [toHit(row, 'gtin')], corrections: [] };
  }
  const skuRow = s.bySku.get(trimmed);
  if (skuRow) return { hits: [toHit(skuRow, 'sku')], corrections: [] };

  const words = searchWords(trimmed).slice(0, MAX_WORDS);
  if (words.length === 0) return { hits: [], corrections: [] };
  const clauses: string[] = [];
  const fixed: string[] = [];
  let fuzzy = false;
  for (const w of words) {
    const known = /^\d/.test(w) || w.length < 3 || s.termWithPrefix.get(w, `${w}\uffff`) !== undefined;
    if (known) {
      clauses.push(`${quote(w)}*`);
      continue;
    }
    const near = corrections(db, w);
    if (near.length === 0) return { hits: [], corrections: [] };
    fuzzy = true;
    fixed.push(...near.slice(0, 1));
    clauses.push(`(${[`${quote(w)}*`, ...near.map(quote)].join(' OR ')})`);
  }
  const match = clauses.join(' AND ');
  const candidates = s.candidates.all(match, RANK_CAP + 1);
  const rows =
    candidates.length <= RANK_CAP
      ? s.ranked.all(match, limit)
      : s.broad.all({ ids: JSON.stringify(candidates.map((c) => c.rowid)), prefix: words.join(' '), limit });
  return { hits: rows.map((r) => toHit(r, fuzzy ? 'fuzzy' : 'text')), corrections: fixed };
}
