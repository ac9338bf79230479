// Real OTC barcodes from openFDA's carton-image reads: each distinct EAN-13/UPC-A (or EAN-8) read with a
// valid check digit becomes one OTC product. Reads in GS1's restricted or coupon ranges, the all-zero code
// and GS1's documentation example are not product barcodes and are left out.

import type { DraftProduct } from './draft.js';
import { hasValidCheckDigit, toGtin14 } from './gtin.js';
import { findForm } from './forms.js';
import {
  brandOf,
  cleanImageName,
  guessFromName,
  isMeaningfulName,
  OTC_TEMPLATES,
  tidyCase,
  type OtcGuess,
} from './openfda-names.js';
import { hashString } from './prng.js';

export type OtcRead = { setId: string; imagePath: string; symbology: string; code: string };

export type OpenFdaResult = {
  products: DraftProduct[];
  rejected: { code: string; reason: string }[];
  namedFromImage: number;
};

/** The CSV has no header and no quoting: set id, image path, date, symbology, score, code, flag. */
export const parseOtcReads = (csv: string): OtcRead[] =>
  csv
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const cells = line.split(',');
      const tail = cells.slice(-5);
      return {
        setId: cells[0] ?? '',
        imagePath: cells.slice(1, cells.length - 5).join(','),
        symbology: tail[1] ?? '',
        code: (tail[3] ?? '').trim(),
      };
    });

const rejectReason = (read: OtcRead): string | null => {
  if (read.symbology !== 'EAN-13' && read.symbology !== 'EAN-8') return 'not an EAN/UPC symbology';
  if (!hasValidCheckDigit(read.code)) return 'bad check digit';
  if (/^0+$/.test(read.code)) return 'all zeros';
  const gtin13 = read.code.padStart(13, '0');
  if (read.code.length === 8 && /^[02]/.test(read.code)) return 'restricted EAN-8';
  if (/^(02|04|05|2\d|98|99)/.test(gtin13)) return 'restricted, in-store or coupon range';
  if (/^97[789]/.test(gtin13)) return 'ISBN/ISSN range';
  return null;
};

export const buildOpenFdaProducts = (reads: OtcRead[]): OpenFdaResult => {
  const names = new Map<string, string[]>();
  const rejected: OpenFdaResult['rejected'] = [];
  for (const read of reads) {
    if (read.code === '') continue;
    const reason = rejectReason(read);
    if (reason) {
      rejected.push({ code: read.code, reason });
      continue;
    }
    const gtin = toGtin14(read.code);
    if (gtin === null) continue;
    const list = names.get(gtin) ?? [];
    list.push(cleanImageName(read.imagePath.split('/').pop() ?? ''));
    names.set(gtin, list);
  }
  const products: DraftProduct[] = [];
  let namedFromImage = 0;
  for (const gtin of [...names.keys()].sort()) {
    const cleaned = (names.get(gtin) ?? []).map(tidyCase).sort();
    const fromImage = cleaned.find(isMeaningfulName);
    // A store brand alone ('Best Choice 44 519') does not say what the product is, so such reads get a template.
    const brand = fromImage ? brandOf(fromImage) : null;
    let name: string;
    let guess: OtcGuess;
    if (fromImage) {
      namedFromImage++;
      name = fromImage;
      guess = guessFromName(name);
    } else {
      const template = OTC_TEMPLATES[hashString(gtin) % OTC_TEMPLATES.length];
      if (!template) throw new Error('no OTC templates');
      ({ name, ...guess } = template);
    }
    const form = findForm(guess.form);
    if (!form) throw new Error(`unknown OTC form '${guess.form}'`);
    products.push({
      sku: `OTC-${gtin.replace(/^0+(?=\d{12})/, '')}`,
      name,
      brand,
      ingredients: guess.ingredients.map((n) => ({
        name: n,
        strength: guess.ingredients.length === 1 ? guess.strength : null,
      })),
      strength: guess.strength,
      form: form.form,
      route: form.route,
      packSize: guess.packSize,
      unit: guess.unit,
      legalCategory: 'otc',
      schedule: null,
      taxCategory: 'standard',
      gtins: [gtin],
      ndc: null,
      source: 'openfda',
      priceClass: 'counter',
    });
  }
  return { products, rejected, namedFromImage };
};
