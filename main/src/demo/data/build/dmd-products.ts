// Turns dm+d generic medicines (VTMs) into demo products: curated presentations where the medicine is
// well known, a class default otherwise, and nothing for what a pharmacy counter would not stock.

import type { LegalCategory, TaxCategoryCode } from '../demo-catalog-types.js';
import { containerLabel } from './forms.js';
import {
  CO_NAME_INGREDIENTS,
  controlledDrugCode,
  defaultPresentations,
  isReducedRate,
} from './dmd-classify.js';
import type { DraftProduct, PriceClass } from './draft.js';
import { skuPart } from './draft.js';
import type { LookupEntry, Vtm } from './dmd-xml.js';
import { skipReason, type SkipReason } from './dmd-skip.js';
import { KNOWN_PRESENTATIONS_A_F } from './known-presentations-a-f.js';
import { KNOWN_PRESENTATIONS_G_O } from './known-presentations-g-o.js';
import { KNOWN_PRESENTATIONS_MORE } from './known-presentations-more.js';
import { KNOWN_PRESENTATIONS_P_Z } from './known-presentations-p-z.js';
import { parsePresentations, splitStrength, type Presentation } from './presentation.js';

const KNOWN: Record<string, string> = {
  ...KNOWN_PRESENTATIONS_A_F,
  ...KNOWN_PRESENTATIONS_G_O,
  ...KNOWN_PRESENTATIONS_P_Z,
  ...KNOWN_PRESENTATIONS_MORE,
};

export type DmdResult = {
  products: DraftProduct[];
  skipped: { name: string; reason: SkipReason }[];
  curatedVtms: number;
  defaultedVtms: number;
};

const SPECIALTY =
  /(tinib|ciclib|parib|rafenib|metinib|lisib|zomib|degib|toclax|lidomide|buvir|asvir|previr)$/;

const priceClassOf = (vtm: string, p: Presentation, legal: LegalCategory): PriceClass => {
  const n = vtm.toLowerCase();
  if (legal === 'gsl' || legal === 'pharmacy') return 'counter';
  if (n.includes('vaccine')) return 'vaccine';
  if (n.startsWith('insulin')) return 'insulin';
  if (SPECIALTY.test(n)) return 'specialty';
  if (p.form.form.includes('injection') && ['pen', 'syringe'].includes(p.unit)) return 'biologic';
  return 'generic';
};

const productName = (vtm: string, p: Presentation): string => {
  const container = containerLabel(p.unit);
  const injection = p.form.form.includes('injection');
  let label = injection && container ? `${p.form.label} ${container}` : p.form.label;
  if (p.form.form === 'liquid' && /\boil$/i.test(vtm)) label = '';
  return [vtm, p.strength, label].filter((s) => s !== null && s !== '').join(' ');
};

const taxOf = (vtm: string, legal: LegalCategory): TaxCategoryCode => {
  if (legal === 'rx' || legal === 'controlled')
    return vtm.toLowerCase().includes('vaccine') ? 'exempt' : 'zero';
  return isReducedRate(vtm) ? 'reduced' : 'standard';
};

export const buildDmdProducts = (vtms: Vtm[], cdCategories: LookupEntry[]): DmdResult => {
  const scheduleByCode = new Map(cdCategories.map((c) => [c.code, c.description]));
  const products: DraftProduct[] = [];
  const skipped: DmdResult['skipped'] = [];
  let curatedVtms = 0;
  let defaultedVtms = 0;
  const sorted = [...vtms].sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  for (const vtm of sorted) {
    const reason = skipReason(vtm.name, vtm.invalid);
    if (reason) {
      skipped.push({ name: vtm.name, reason });
      continue;
    }
    const curated = KNOWN[vtm.name];
    if (curated) curatedVtms++;
    else defaultedVtms++;
    const ingredientNames = CO_NAME_INGREDIENTS[vtm.name] ?? vtm.name.split(' + ').map((s) => s.trim());
    const ownCd = controlledDrugCode(vtm.name);
    for (const p of parsePresentations(curated ?? defaultPresentations(vtm.name))) {
      let legal: LegalCategory;
      let schedule: string | null = null;
      if (p.legal === 'cd' || (p.legal === 'pom' && ownCd !== null)) {
        const code = p.cdCode ?? ownCd;
        if (code === null) throw new Error(`${vtm.name} is marked controlled but has no schedule`);
        const description = scheduleByCode.get(code);
        if (!description) throw new Error(`unknown controlled-drug category ${code} for ${vtm.name}`);
        legal = 'controlled';
        schedule = description;
      } else {
        legal = p.legal === 'gsl' ? 'gsl' : p.legal === 'p' ? 'pharmacy' : 'rx';
      }
      const strengths = splitStrength(p.strength, ingredientNames.length);
      products.push({
        sku: ['DMD', vtm.id, p.strength ? skuPart(p.strength) : null, p.form.code, `${p.packSize}`]
          .filter((s) => s !== null)
          .join('-'),
        name: productName(vtm.name, p),
        brand: null,
        ingredients: ingredientNames.map((name, i) => ({ name, strength: strengths[i] ?? null })),
        strength: p.strength,
        form: p.form.form,
        route: p.route,
        packSize: p.packSize,
        unit: p.unit,
        legalCategory: legal,
        schedule,
        taxCategory: taxOf(vtm.name, legal),
        gtins: [],
        ndc: null,
        source: 'dmd',
        priceClass: priceClassOf(vtm.name, p, legal),
      });
    }
  }
  return { products, skipped, curatedVtms, defaultedVtms };
};
