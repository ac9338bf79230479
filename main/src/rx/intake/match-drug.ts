// Drug matching tolerant of OCR errors: a name read off a scan is matched to the catalog's ingredients and
// brands by edit distance, but a name that is not close enough to anything is never silently replaced by
// its nearest neighbour — it comes back unmatched, with candidates for the pharmacist to choose from.
import { resolveIngredient } from '../../clinical/index.js';
import { allowedMistakes, editDistance, searchWords } from '../../catalog/search-text.js';

export type CatalogEntry = {
  /** the product's id in the catalog (the SKU for the demo catalog) */
  id: string;
  name: string;
  brand: string | null;
  ingredients: { name: string; strength: string | null }[];
  strength: string | null;
  form: string;
};

export type DrugCandidate = { ingredient: string; via: 'generic' | 'brand' | 'synonym'; written: string; confidence: number; productId: string | null };

export type DrugMatch = {
  written: string;
  ingredient: string | null;
  strength: string | null;
  form: string | null;
  productId: string | null;
  confidence: number;
  candidates: DrugCandidate[];
  warnings: { code: string; message: string }[];
};

type NameEntry = { key: string; words: number; ingredient: string; via: 'generic' | 'brand' };

export type DrugIndex = { names: NameEntry[]; byIngredient: Map<string, CatalogEntry[]>; forms: string[] };

export function buildDrugIndex(catalog: readonly CatalogEntry[]): DrugIndex {
  const names = new Map<string, NameEntry>();
  const byIngredient = new Map<string, CatalogEntry[]>();
  const forms = new Set<string>();
  for (const p of catalog) {
    forms.add(p.form);
    if (p.ingredients.length !== 1) continue; // combinations are matched by their own written names later
    const ingredient = (p.ingredients[0] as { name: string }).name;
    const key = searchWords(ingredient).join(' ');
    const list = byIngredient.get(key) ?? [];
    list.push(p);
    byIngredient.set(key, list);
    if (!names.has(key)) names.set(key, { key, words: key.split(' ').length, ingredient, via: 'generic' });
    if (p.brand !== null) {
      const b = searchWords(p.brand).join(' ');
      if (b !== '' && !names.has(b)) names.set(b, { key: b, words: b.split(' ').length, ingredient, via: 'brand' });
    }
  }
  return { names: [...names.values()], byIngredient, forms: [...forms].sort((a, b) => b.length - a.length) };
}

/** OCR confuses O/0, l/I/1, S/5, B/8 inside numbers: repaired only in tokens that already hold a digit. */
export function repairNumbers(text: string): string {
  return text.replace(/[0-9OoIlSB.,]*[0-9][0-9OoIlSB.,]*/g, (tok) =>
    tok.replace(/[Oo]/g, '0').replace(/[Il]/g, '1').replace(/S/g, '5').replace(/B/g, '8').replace(/,(?=\d{1,2}\b)/g, '.'),
  );
}

const STRENGTH = /(\d+(?:\.\d+)?)\s*(mg|mcg|micrograms?|g|ml|%)\b(?:\s*\/\s*(\d+(?:\.\d+)?)\s*(ml))?/i;

function canonicalUnit(u: string): string {
  const l = u.toLowerCase();
  if (l === 'ml') return 'mL';
  if (l === 'mcg' || l.startsWith('microgram')) return 'micrograms';
  return l;
}

export function readStrength(text: string): { strength: string; start: number; end: number } | null {
  const m = STRENGTH.exec(text);
  if (m === null) return null;
  let s = `${m[1]} ${canonicalUnit(m[2] as string)}`;
  if (m[3] !== undefined) s += `/${m[3]} mL`;
  return { strength: s, start: m.index, end: m.index + m[0].length };
}

function singular(word: string): string {
  return word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

export function readForm(text: string, forms: readonly string[]): string | null {
  const words = searchWords(text).map(singular);
  const said = words.join(' ');
  if (said === '') return null;
  for (const f of forms) {
    const key = searchWords(f).join(' ');
    if (said.includes(key)) return f;
  }
  for (const f of forms) {
    const key = searchWords(f).join(' ');
    if (editDistance(said, key, 2) <= allowedMistakes(key.length)) return f;
  }
  return null;
}

function nameCandidates(nameWords: string[], index: DrugIndex): DrugCandidate[] {
  const out: DrugCandidate[] = [];
  for (const e of index.names) {
    if (nameWords.length < e.words) continue;
    const written = nameWords.slice(0, e.words).join(' ');
    const d = editDistance(written, e.key, 4);
    if (d > 4) continue;
    const confidence = Math.max(0, 1 - d / Math.max(e.key.length, 4));
    out.push({ ingredient: e.ingredient, via: e.via, written, confidence: d <= allowedMistakes(e.key.length) ? confidence : confidence * 0.5, productId: null });
  }
  out.sort((a, b) => b.confidence - a.confidence || a.ingredient.localeCompare(b.ingredient));
  const seen = new Set<string>();
  return out.filter((c) => c.confidence >= 0.3 && (seen.has(c.ingredient) ? false : (seen.add(c.ingredient), true))).slice(0, 5);
}

function pickProduct(products: readonly CatalogEntry[], strength: string | null, form: string | null): CatalogEntry | null {
  const fits = products.filter((p) => (strength === null || p.strength === strength) && (form === null || p.form === form));
  return fits.length === 0 ? null : [...fits].sort((a, b) => a.id.localeCompare(b.id))[0] ?? null;
}

/** Match one written drug line ("Amoxicilin 5OO mg capsules") to an ingredient and, when it fits, a product. */
export function matchDrug(line: string, index: DrugIndex): DrugMatch {
  const repaired = repairNumbers(line);
  const st = readStrength(repaired);
  const before = st === null ? repaired : repaired.slice(0, st.start);
  const after = st === null ? '' : repaired.slice(st.end);
  const nameWords = searchWords(before.replace(/^\s*\d+[.)]\s*/, '')).filter((w) => !/^\d+$/.test(w));
  const written = nameWords.join(' ');
  const warnings: DrugMatch['warnings'] = [];
  const form = readForm(after || before, index.forms);
  const strength = st?.strength ?? null;
  let candidates = nameCandidates(nameWords, index);
  let best = candidates[0];
  // A name the catalog does not hold may still be a known generic or synonym (acetaminophen → paracetamol).
  if ((best === undefined || best.confidence < 0.75) && written !== '') {
    const resolved = resolveIngredient(written);
    if (resolved.kind === 'ingredient') {
      const key = searchWords(resolved.name).join(' ');
      const inCatalog = index.byIngredient.get(key)?.[0]?.ingredients[0]?.name ?? resolved.name;
      const syn: DrugCandidate = { ingredient: inCatalog, via: 'synonym', written, confidence: 0.9, productId: null };
      candidates = [syn, ...candidates].slice(0, 5);
      best = candidates[0];
    }
  }
  for (const c of candidates) {
    const all = index.byIngredient.get(searchWords(c.ingredient).join(' ')) ?? [];
    // a brand written on the prescription is that brand's product when the catalog holds it
    const branded = c.via === 'brand' ? all.filter((p) => p.brand !== null && searchWords(p.brand).join(' ') === searchWords(c.written).join(' ')) : [];
    c.productId = (pickProduct(branded, strength, form) ?? pickProduct(all, strength, form))?.id ?? null;
    c.confidence = Math.round(c.confidence * 100) / 100;
  }
  if (best === undefined || best.confidence < 0.75) {
    warnings.push({ code: 'intake.drugUnknown', message: `"${written || line.trim()}" does not match a known drug closely enough; choose from the candidates or enter it.` });
    return { written, ingredient: null, strength, form, productId: null, confidence: 0, candidates, warnings };
  }
  const second = candidates[1];
  let confidence = best.confidence;
  if (second !== undefined && best.confidence - second.confidence < 0.1) {
    confidence *= 0.6;
    warnings.push({ code: 'intake.drugAmbiguous', message: `"${written}" is close to both ${best.ingredient} and ${second.ingredient}.` });
  }
  if (best.productId === null) {
    confidence *= 0.85;
    warnings.push({ code: 'intake.productNotInCatalog', message: `No ${best.ingredient} ${strength ?? ''} ${form ?? ''} product is in the catalog.`.replace(/\s+/g, ' ') });
  }
  return { written, ingredient: best.ingredient, strength, form, productId: best.productId, confidence: Math.round(confidence * 100) / 100, candidates, warnings };
}

