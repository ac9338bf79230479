// A product before pricing, stock and made-up barcodes are added: each source module produces drafts, and
// the catalog builder completes them in one place so that every source follows the same rules.

import type { DemoProduct } from '../demo-catalog-types.js';

/** How a product is priced: counter medicines, generics, branded and specialty medicines differ by orders of magnitude. */
export type PriceClass = 'counter' | 'generic' | 'brand' | 'specialty' | 'biologic' | 'vaccine' | 'insulin';

export type DraftProduct = Omit<DemoProduct, 'priceMinor' | 'costMinor' | 'batches'> & {
  priceClass: PriceClass;
};

/** 'micrograms' → 'MCG' and so on, for SKUs that stay short and readable. */
export const skuPart = (text: string): string =>
  text
    .toUpperCase()
    .replace(/MICROGRAMS?/g, 'MCG')
    .replace(/NANOGRAMS?/g, 'NG')
    .replace(/MILLION UNITS/g, 'MU')
    .replace(/UNITS?/g, 'U')
    .replace(/HOURS?/g, 'H')
    .replace(/%/g, 'PCT')
    .replace(/\//g, '-')
    .replace(/[^A-Z0-9.-]+/g, '');
