// Matches what a prescription names (ingredient, strength, form) to a product of this terminal's catalog.
// Rule: a different strength is a different medicine, so only an exact strength (or none written) matches;
// when nothing fits, the answer is null and the pharmacist picks, never a near guess.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';

type Row = { id: string; name: string; form: string; strength: string | null; ingredient_strength: string | null };

export const matchProductSql = `SELECT p.id, p.name, p.form, p.strength, i.strength AS ingredient_strength
  FROM product_ingredient i JOIN product p ON p.id = i.product_id
  WHERE i.name = ? COLLATE NOCASE AND p.active = 1
    AND NOT EXISTS (SELECT 1 FROM product_ingredient o WHERE o.product_id = i.product_id AND o.position <> i.position)
  ORDER BY p.name, p.id LIMIT 50`;

const statements = perDatabase((db: Database) => ({ byIngredient: db.prepare<[string], Row>(matchProductSql) }));

const norm = (s: string | null): string => (s ?? '').toLowerCase().replace(/\s+/g, '').replace(/micrograms?/g, 'mcg').replace(/millilit(re|er)s?/g, 'ml');

export function matchProduct(db: Database, m: { ingredient: string | null; strength: string | null; form: string | null }): string | null {
  if (m.ingredient === null || m.ingredient.trim() === '') return null;
  const rows = statements(db).byIngredient.all(m.ingredient.trim());
  const wanted = norm(m.strength);
  const form = norm(m.form);
  let best: { id: string; score: number } | null = null;
  for (const r of rows) {
    const strengthOk = wanted === '' || norm(r.strength) === wanted || norm(r.ingredient_strength) === wanted;
    if (!strengthOk) continue;
    const score = form !== '' && (norm(r.form).includes(form) || form.includes(norm(r.form))) ? 2 : form === '' ? 1 : 0;
    if (best === null || score > best.score) best = { id: r.id, score };
  }
  return best?.id ?? null;
}
