// Assembles the demo catalog from the three sources and completes every product the same way: unique SKUs,
// made-up GTINs only from the restricted-circulation range and never equal to a real one, prices, stock.
// The output text is byte-for-byte deterministic: same inputs, same file.

import type { DemoCatalog, DemoProduct } from '../demo-catalog-types.js';
import { makeBatches } from './batches.js';
import { buildDailyMedProducts, type SplDocument } from './dailymed-products.js';
import { buildDmdProducts } from './dmd-products.js';
import { parseLookup, parseVtms } from './dmd-xml.js';
import type { DraftProduct } from './draft.js';
import { restrictedGtin14 } from './gtin.js';
import { buildOpenFdaProducts, parseOtcReads } from './openfda-products.js';
import { priceProduct } from './pricing.js';
import { hashString } from './prng.js';

export type DemoCatalogInputs = {
  /** dm+d f_vtm2 XML */
  vtmXml: string;
  /** dm+d f_lookup2 XML */
  lookupXml: string;
  /** coderxio/dailymed-api test.json */
  splJson: string;
  /** openFDA otc-bars.labeled.csv */
  otcCsv: string;
};

export type DemoCatalogReport = {
  perSource: Record<string, number>;
  perLegalCategory: Record<string, number>;
  dmdCuratedVtms: number;
  dmdDefaultedVtms: number;
  dmdSkipped: Record<string, number>;
  dailyMedKitComponents: string[];
  dailyMedDuplicatePackages: string[];
  openFdaRejected: Record<string, number>;
  openFdaNamedFromImage: number;
  otcDroppedAsDailyMedDuplicate: number;
};

export const DEMO_SOURCES: DemoCatalog['generatedFrom'] = [
  {
    source: 'NHS Dictionary of medicines and devices (dm+d), April 2019: VTM, ingredient and lookup files',
    licence: 'Open Government Licence v3.0',
    attribution:
      'Contains information from the NHS Business Services Authority (NHSBSA) dm+d, licensed under the Open Government Licence v3.0; files as published in ebmdatalab/openprescribing test data',
  },
  {
    source: 'DailyMed structured product labels, 100-label subset (coderxio/dailymed-api test data)',
    licence: 'MIT',
    attribution:
      'Copyright (c) 2020 CodeRx; label data originally from the U.S. National Library of Medicine DailyMed',
  },
  {
    source: 'openFDA OTC carton barcode reads (otc-bars.labeled.csv)',
    licence: 'CC0 1.0',
    attribution: 'openFDA, U.S. Food and Drug Administration',
  },
];

export const DEMO_TAX_CATEGORIES: DemoCatalog['taxCategories'] = [
  { code: 'standard', name: 'Standard rate: over-the-counter and general sales items' },
  { code: 'reduced', name: 'Reduced rate: nicotine replacement and contraceptives sold over the counter' },
  { code: 'zero', name: 'Zero rate: prescription medicines dispensed' },
  { code: 'exempt', name: 'Exempt: vaccines given as a health service' },
];

const SOURCE_ORDER = { dmd: 0, dailymed: 1, openfda: 2 } as const;

const uniqueSkus = (drafts: DraftProduct[]): void => {
  const seen = new Map<string, number>();
  for (const d of drafts) {
    const n = (seen.get(d.sku) ?? 0) + 1;
    seen.set(d.sku, n);
    if (n > 1) d.sku = `${d.sku}-${n}`;
  }
};

const assignRestrictedGtins = (drafts: DraftProduct[]): void => {
  const taken = new Set(drafts.flatMap((d) => d.gtins));
  for (const d of [...drafts].sort((a, b) => (a.sku < b.sku ? -1 : 1))) {
    if (d.gtins.length > 0) continue;
    let serial =
      ((hashString(`gtin-a:${d.sku}`) % 100000) * 100000 + (hashString(`gtin-b:${d.sku}`) % 100000)) % 1e10;
    let gtin = restrictedGtin14(serial);
    while (taken.has(gtin)) {
      serial = (serial + 1) % 1e10;
      gtin = restrictedGtin14(serial);
    }
    taken.add(gtin);
    d.gtins = [gtin];
  }
};

const complete = (d: DraftProduct): DemoProduct => {
  const { priceMinor, costMinor } = priceProduct(d);
  return {
    sku: d.sku,
    name: d.name,
    brand: d.brand,
    ingredients: d.ingredients.map((i) => ({ name: i.name, strength: i.strength })),
    strength: d.strength,
    form: d.form,
    route: d.route,
    packSize: d.packSize,
    unit: d.unit,
    legalCategory: d.legalCategory,
    schedule: d.schedule,
    taxCategory: d.taxCategory,
    priceMinor,
    costMinor,
    gtins: d.gtins,
    ndc: d.ndc,
    source: d.source,
    batches: makeBatches(d),
  };
};

const count = (values: string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const v of [...values].sort()) out[v] = (out[v] ?? 0) + 1;
  return out;
};

export const buildDemoCatalog = (
  inputs: DemoCatalogInputs,
): { catalog: DemoCatalog; report: DemoCatalogReport } => {
  const dmd = buildDmdProducts(
    parseVtms(inputs.vtmXml),
    parseLookup(inputs.lookupXml, 'CONTROL_DRUG_CATEGORY'),
  );
  const spl = JSON.parse(inputs.splJson) as { results: SplDocument[] };
  const dailyMed = buildDailyMedProducts(spl.results);
  const openFda = buildOpenFdaProducts(parseOtcReads(inputs.otcCsv));
  const dailyMedGtins = new Set(dailyMed.products.flatMap((p) => p.gtins));
  const otc = openFda.products.filter((p) => !p.gtins.some((g) => dailyMedGtins.has(g)));
  const drafts = [...dmd.products, ...dailyMed.products, ...otc];
  drafts.sort(
    (a, b) =>
      SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] ||
      a.name.localeCompare(b.name, 'en') ||
      (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0),
  );
  uniqueSkus(drafts);
  assignRestrictedGtins(drafts);
  const products = drafts.map(complete);
  return {
    catalog: { generatedFrom: DEMO_SOURCES, taxCategories: DEMO_TAX_CATEGORIES, products },
    report: {
      perSource: count(products.map((p) => p.source)),
      perLegalCategory: count(products.map((p) => p.legalCategory)),
      dmdCuratedVtms: dmd.curatedVtms,
      dmdDefaultedVtms: dmd.defaultedVtms,
      dmdSkipped: count(dmd.skipped.map((s) => s.reason)),
      dailyMedKitComponents: dailyMed.kitComponents,
      dailyMedDuplicatePackages: dailyMed.duplicatePackages,
      openFdaRejected: count(openFda.rejected.map((r) => r.reason)),
      openFdaNamedFromImage: openFda.namedFromImage,
      otcDroppedAsDailyMedDuplicate: openFda.products.length - otc.length,
    },
  };
};

/** Compact JSON with one product per line, so the committed file stays small and its diffs readable. */
export const serializeDemoCatalog = (catalog: DemoCatalog): string => {
  const head = `{"generatedFrom":${JSON.stringify(catalog.generatedFrom)},"taxCategories":${JSON.stringify(catalog.taxCategories)},"products":[\n`;
  return `${head}${catalog.products.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
};
