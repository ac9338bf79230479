// Real US products from the DailyMed subset: one demo product per distinct package NDC, with the GTIN that
// NDC-in-UPC gives it, its DEA schedule, and the form and strength from dailymed-facts.ts. Pack sizes are
// not in the subset: repackagers put the count in the package code (…-30 is 30 tablets), manufacturers use
// conventional codes (…-01 a bottle of 100), and anything else gets the form's usual pack.

import type { LegalCategory } from '../demo-catalog-types.js';
import { findForm } from './forms.js';
import { DAILYMED_FACTS } from './dailymed-facts.js';
import type { DraftProduct } from './draft.js';
import { ndcToGtin14 } from './gtin.js';

export type SplDocument = {
  labeler: string;
  products: { code: string; name: string; schedule?: string | null; packages: { code: string }[] }[];
};

export type DailyMedResult = {
  products: DraftProduct[];
  /** package codes listed under a kit that belong to another product (components, not sold alone) */
  kitComponents: string[];
  duplicatePackages: string[];
};

const REPACKAGER =
  /direct[ _]?rx|pd-rx|nucare|st\. mary|preferred pharm|asclemed|quality care|lake erie|contract pharmacy|denton|northwind|cardinal health|golden state/i;

const MANUFACTURER_COUNTS: Record<string, number> = {
  '01': 100,
  '05': 500,
  '10': 1000,
  '11': 90,
  '41': 100,
  '68': 90,
  '13': 30,
  '19': 30,
  '65': 100,
};

const nameKey = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, ' ');

const titleCase = (text: string): string =>
  /[a-z]/.test(text)
    ? text.trim()
    : text
        .trim()
        .toLowerCase()
        .replace(/\b[a-z]/g, (c) => c.toUpperCase());

const packSizeOf = (labeler: string, packageCode: string, unit: string, formName: string): number => {
  const suffix = packageCode.split('-')[2] ?? '';
  const n = Number(suffix);
  if (unit === 'tablet' || unit === 'capsule') {
    if (REPACKAGER.test(labeler) && suffix.length === 2 && n >= 4 && n <= 120) return n;
    return MANUFACTURER_COUNTS[suffix] ?? (n >= 20 && n <= 120 && n % 10 === 0 ? n : 30);
  }
  if (unit === 'g') return n >= 10 && n <= 120 ? n : 30;
  if (unit === 'mL') return formName === 'oral solution' || !(n >= 1 && n <= 120) ? 473 : n;
  if (unit === 'suppository' || unit === 'patch' || unit === 'plaster') return n >= 5 && n <= 30 ? n : 12;
  if (unit === 'dose') return 120;
  return 1;
};

export const buildDailyMedProducts = (documents: SplDocument[]): DailyMedResult => {
  const products: DraftProduct[] = [];
  const kitComponents: string[] = [];
  const duplicatePackages: string[] = [];
  const seen = new Set<string>();
  for (const doc of documents) {
    for (const product of doc.products) {
      const fact = DAILYMED_FACTS[nameKey(product.name)];
      if (!fact) throw new Error(`no DailyMed facts for '${product.name}'`);
      const formName = fact.forms?.[product.code] ?? fact.form;
      const form = findForm(formName);
      if (!form) throw new Error(`unknown form '${formName}' for '${product.name}'`);
      const strength = fact.strengths?.[product.code] ?? null;
      const schedule = product.schedule ? product.schedule.trim() : null;
      const legal: LegalCategory = schedule ? 'controlled' : 'rx';
      const unit = fact.unit ?? (formName === 'oral solution' ? 'mL' : form.unit);
      const generic = fact.ingredients.length > 0 ? fact.ingredients.join(' + ') : titleCase(product.name);
      const label = fact.brand ? `${fact.brand} (${generic})` : generic;
      const name = [label, strength, form.label].filter((s) => s !== null && s !== '').join(' ');
      for (const pkg of product.packages) {
        const code = pkg.code.trim();
        if (!code.startsWith(`${product.code}-`)) {
          kitComponents.push(code);
          continue;
        }
        if (seen.has(code)) {
          duplicatePackages.push(code);
          continue;
        }
        seen.add(code);
        const gtin = ndcToGtin14(code);
        if (gtin === null) throw new Error(`NDC package code '${code}' is not 10 digits`);
        const ingredientStrengths =
          fact.ingredients.length === 1 ? [strength] : fact.ingredients.map(() => null);
        products.push({
          sku: `NDC-${code}`,
          name,
          brand: fact.brand ?? null,
          ingredients: fact.ingredients.map((n, i) => ({
            name: n,
            strength: ingredientStrengths[i] ?? null,
          })),
          strength,
          form: form.form,
          route: fact.route ?? form.route,
          packSize: fact.packSize ?? packSizeOf(doc.labeler, code, unit, formName),
          unit,
          legalCategory: legal,
          schedule,
          taxCategory: 'zero',
          gtins: [gtin],
          ndc: code,
          source: 'dailymed',
          priceClass: fact.brand
            ? 'brand'
            : /tinib|lurbinectedin|docetaxel|deferasirox|teriflunomide|miglustat|bosentan/i.test(generic)
              ? 'specialty'
              : 'generic',
        });
      }
    }
  }
  return { products, kitComponents, duplicatePackages };
};
