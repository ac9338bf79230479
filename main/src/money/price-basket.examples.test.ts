// Receipts worked out by hand (the arithmetic is in each comment), one per example jurisdiction.
import { describe, expect, it } from 'vitest';
import type { BasketInput, PricedBasket } from './contract.js';
import {
  canadianLikeCompoundRules,
  germanLikeVatRules,
  swissVatRules,
  ukLikeVatRules,
  usStateLikeSalesTaxRules,
} from './example-rule-sets.js';
import { priceBasket } from './price-basket.js';
import { settleTender } from './tender.js';

function price(input: BasketInput): PricedBasket {
  const result = priceBasket(input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const lineFigures = (basket: PricedBasket) =>
  basket.lines.map((line) => [line.id, line.netMinor, line.taxMinor, line.grossMinor]);
const rows = (basket: PricedBasket) =>
  basket.breakdown.map((row) => [row.key, row.netMinor, row.baseMinor, row.taxMinor]);

describe('UK-like VAT: inclusive, rounded per line', () => {
  const basket = price({
    currency: 'GBP',
    rules: ukLikeVatRules,
    lines: [
      { id: 'paracetamol', unitPriceMinor: 39, quantity: 2, taxCategory: 'standard' },
      { id: 'vitamins', unitPriceMinor: 499, quantity: 1, taxCategory: 'standard' },
      { id: 'private-rx', unitPriceMinor: 1250, quantity: 1, taxCategory: 'prescription' },
      { id: 'nicotine-patches', unitPriceMinor: 1500, quantity: 1, taxCategory: 'reduced' },
      { id: 'flu-jab', unitPriceMinor: 1400, quantity: 1, taxCategory: 'exempt' },
    ],
  });

  it('extracts VAT line by line: 78 × 20/120 = 13, 499 × 20/120 = 83.17 → 83, 1500 × 5/105 = 71.43 → 71', () => {
    expect(lineFigures(basket)).toEqual([
      ['paracetamol', 65, 13, 78],
      ['vitamins', 416, 83, 499],
      ['private-rx', 1250, 0, 1250],
      ['nicotine-patches', 1429, 71, 1500],
      ['flu-jab', 1400, 0, 1400],
    ]);
    expect(basket.totals).toMatchObject({ netMinor: 4560, taxMinor: 167, grossMinor: 4727 });
  });

  it('prints zero-rated prescriptions at 0% and the exempt service on a line of its own', () => {
    expect(rows(basket)).toEqual([
      ['VAT@20', 481, 481, 96],
      ['VAT@5', 1429, 1429, 71],
      ['VAT@0', 1250, 1250, 0],
      ['exempt', 1400, 1400, 0],
    ]);
    expect(basket.lines.map((line) => line.treatment)).toEqual([
      'standard',
      'standard',
      'zero-rated',
      'reduced',
      'exempt',
    ]);
  });
});

describe('German-like VAT: inclusive, rounded once per rate', () => {
  const basket = price({
    currency: 'EUR',
    rules: germanLikeVatRules,
    lines: [
      { id: 'ibuprofen', unitPriceMinor: 595, quantity: 2, taxCategory: 'standard' },
      { id: 'rx', unitPriceMinor: 2347, quantity: 1, taxCategory: 'prescription' },
      { id: 'tea', unitPriceMinor: 349, quantity: 1, taxCategory: 'reduced' },
      { id: 'baby-food', unitPriceMinor: 129, quantity: 3, taxCategory: 'reduced' },
    ],
  });

  it('works out 19% on 35.37 (5.6473 → 5.65) and 7% on 7.36 (0.4815 → 0.48)', () => {
    expect(rows(basket)).toEqual([
      ['MWST@19', 2972, 2972, 565],
      ['MWST@7', 688, 688, 48],
    ]);
    expect(basket.totals).toMatchObject({ netMinor: 3660, taxMinor: 613, grossMinor: 4273 });
  });

  it('hands the rounded tax back to the lines by largest remainder (190.09 + 374.91 → 190 + 375)', () => {
    expect(lineFigures(basket)).toEqual([
      ['ibuprofen', 1000, 190, 1190],
      ['rx', 1972, 375, 2347],
      ['tea', 326, 23, 349],
      ['baby-food', 362, 25, 387],
    ]);
  });

  it('differs from line rounding exactly where it should: three 0.05 lines carry 0.02 VAT, not 0.03', () => {
    const lines = ['a', 'b', 'c'].map((id) => ({
      id,
      unitPriceMinor: 5,
      quantity: 1,
      taxCategory: 'standard',
    }));
    const perInvoice = price({ currency: 'EUR', rules: germanLikeVatRules, lines });
    const perLine = price({
      currency: 'EUR',
      rules: { ...germanLikeVatRules, rounding: { mode: 'half-up', level: 'line' } },
      lines,
    });
    expect(perInvoice.totals.taxMinor).toBe(2); // 15 × 19/119 = 2.39
    expect(perLine.totals.taxMinor).toBe(3); // 5 × 19/119 = 0.80 → 1, three times
  });
});

describe('US state-like sales tax: exclusive, state plus local, Rx exempt', () => {
  const basket = price({
    currency: 'USD',
    rules: usStateLikeSalesTaxRules,
    lines: [
      { id: 'shampoo', unitPriceMinor: 749, quantity: 2, taxCategory: 'standard' },
      { id: 'cold-medicine', unitPriceMinor: 899, quantity: 1, taxCategory: 'standard' },
      { id: 'vitamins', unitPriceMinor: 1000, quantity: 1, taxCategory: 'reduced' },
      { id: 'rx', unitPriceMinor: 4500, quantity: 1, taxCategory: 'prescription' },
    ],
  });

  it('adds 6.25% state (23.97 → 1.498125 → 1.50) and 2% local (0.4794 → 0.48) on top, per invoice', () => {
    expect(
      basket.lines.map((line) => [line.id, line.taxes.map((tax) => tax.taxMinor), line.grossMinor]),
    ).toEqual([
      ['shampoo', [94, 30], 1622], // state 150 × 1498/2397 = 93.74 → 94; local 48 × 1498/2397 = 29.997 → 30
      ['cold-medicine', [56, 18], 973],
      ['vitamins', [10, 20], 1030],
      ['rx', [], 4500],
    ]);
    expect(basket.totals).toMatchObject({ netMinor: 7897, taxMinor: 228, grossMinor: 8125 });
  });

  it('puts local tax from both chains on one row and the exempt prescription apart', () => {
    expect(rows(basket)).toEqual([
      ['STATE@6.25', 2397, 2397, 150],
      ['STATE@1', 1000, 1000, 10],
      ['LOCAL@2', 3397, 3397, 68],
      ['exempt', 4500, 4500, 0],
    ]);
  });
});

describe('Switzerland: inclusive, per rate, a loyalty discount, CHF cash to 0.05', () => {
  const basket = price({
    currency: 'CHF',
    rules: swissVatRules,
    basketDiscountMinor: 202,
    lines: [
      { id: 'rx', unitPriceMinor: 3455, quantity: 1, taxCategory: 'prescription' },
      { id: 'throat-lozenges', unitPriceMinor: 1290, quantity: 1, taxCategory: 'reduced' },
      { id: 'sunscreen', unitPriceMinor: 1995, quantity: 1, taxCategory: 'standard' },
    ],
  });

  it('shares the CHF 2.02 discount by largest remainder: 103.55, 38.66, 59.79 → 103, 39, 60', () => {
    expect(basket.lines.map((line) => [line.id, line.basketDiscountMinor, line.amountMinor])).toEqual([
      ['rx', 103, 3352],
      ['throat-lozenges', 39, 1251],
      ['sunscreen', 60, 1935],
    ]);
  });

  it('extracts 2.6% from 46.03 (1.1664 → 1.17) and 8.1% from 19.35 (1.4499 → 1.45)', () => {
    expect(rows(basket)).toEqual([
      ['MWST@8.1', 1790, 1790, 145],
      ['MWST@2.6', 4486, 4486, 117],
    ]);
    expect(lineFigures(basket)).toEqual([
      ['rx', 3267, 85, 3352],
      ['throat-lozenges', 1219, 32, 1251],
      ['sunscreen', 1790, 145, 1935],
    ]);
    expect(basket.totals).toMatchObject({
      basketDiscountMinor: 202,
      netMinor: 6276,
      taxMinor: 262,
      grossMinor: 6538,
    });
  });

  it('rounds the cash due to CHF 65.40 and gives 34.60 change from a 100 note', () => {
    const paid = settleTender({
      currency: 'CHF',
      dueMinor: basket.totals.grossMinor,
      tenders: [{ kind: 'cash', currency: 'CHF', amountMinor: 10000 }],
    });
    expect(paid).toMatchObject({
      ok: true,
      value: { cashRoundingMinor: 2, amountToPayMinor: 6540, changeMinor: 3460, changeRoundingMinor: 0 },
    });
  });
});

describe('Canadian-like compound tax: QST charged on price plus GST', () => {
  const basket = price({
    currency: 'CAD',
    rules: canadianLikeCompoundRules,
    lines: [
      { id: 'toothpaste', unitPriceMinor: 399, quantity: 2, taxCategory: 'standard' },
      { id: 'allergy-tablets', unitPriceMinor: 1249, quantity: 1, taxCategory: 'standard' },
      { id: 'rx', unitPriceMinor: 3000, quantity: 1, taxCategory: 'prescription' },
    ],
  });

  it('charges GST 5% of 20.47 = 1.0235 → 1.02, then QST 9.5% of 21.49 = 2.04155 → 2.04', () => {
    expect(rows(basket)).toEqual([
      ['GST@5', 2047, 2047, 102],
      ['GST@0', 3000, 3000, 0],
      ['QST@9.5+', 2047, 2149, 204],
      ['QST@0+', 3000, 3000, 0],
    ]);
    expect(basket.totals).toMatchObject({ netMinor: 5047, taxMinor: 306, grossMinor: 5353 });
  });

  it('shows each line its compound base: 798 + 40 GST = 838 for QST', () => {
    expect(
      basket.lines.map((line) => [
        line.id,
        line.taxes.map((tax) => [tax.baseMinor, tax.taxMinor]),
        line.grossMinor,
      ]),
    ).toEqual([
      [
        'toothpaste',
        [
          [798, 40],
          [838, 80],
        ],
        918,
      ],
      [
        'allergy-tablets',
        [
          [1249, 62],
          [1311, 124],
        ],
        1435,
      ],
      [
        'rx',
        [
          [3000, 0],
          [3000, 0],
        ],
        3000,
      ],
    ]);
  });

  it('rounds each line on its own when the rule says line: 798 → GST 39.9 → 40, QST 9.5% of 838 = 79.61 → 80', () => {
    const perLine = price({
      currency: 'CAD',
      rules: { ...canadianLikeCompoundRules, rounding: { mode: 'half-up', level: 'line' } },
      lines: [{ id: 'toothpaste', unitPriceMinor: 399, quantity: 2, taxCategory: 'standard' }],
    });
    expect(perLine.lines[0]?.taxes.map((tax) => tax.taxMinor)).toEqual([40, 80]);
    expect(perLine.totals.grossMinor).toBe(918);
  });
});
