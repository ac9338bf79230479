// Properties that must hold for any rule set and basket: every figure reconciles to the minor unit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pricedBasketSchema,
  roundingModes,
  type BasketInput,
  type PricedBasket,
  type TaxCategoryRule,
  type TaxComponent,
  type TaxRuleSet,
} from './contract.js';
import { priceBasket } from './price-basket.js';

const runs = { seed: 4217, numRuns: 400 };
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** "0" to "30.999": integer part and up to three decimals, as rule sets spell them. */
const percent = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('', '5', '25', '975', '1'))
  .map(([whole, decimals]) => (decimals === '' ? String(whole) : `${whole}.${decimals}`));

const components = fc
  .array(fc.tuple(percent, fc.boolean()), { minLength: 0, maxLength: 3 })
  .map((entries): TaxComponent[] =>
    entries.map(([ratePercent, compound], index) => ({
      code: `T${index}`,
      name: `Tax ${index}`,
      ratePercent,
      ...(index > 0 && compound ? { compound: true } : {}),
    })),
  );

const categoryRule = components.map((list): TaxCategoryRule => {
  if (list.length === 0) return { treatment: 'exempt', components: [] };
  const taxed = list.some((component) => Number(component.ratePercent) > 0);
  return { treatment: taxed ? 'standard' : 'zero-rated', components: list };
});

const currencyCodes = ['JPY', 'EUR', 'KWD'] as const; // exponents 0, 2 and 3

const ruleSet = fc
  .record({
    currency: fc.constantFrom(...currencyCodes),
    pricing: fc.constantFrom('inclusive' as const, 'exclusive' as const),
    mode: fc.constantFrom(...roundingModes),
    level: fc.constantFrom('line' as const, 'invoice' as const),
    categories: fc.array(categoryRule, { minLength: 1, maxLength: 4 }),
  })
  .map(({ currency, pricing, mode, level, categories }): TaxRuleSet => ({
    id: 'generated',
    name: 'Generated',
    jurisdiction: 'XX',
    currency,
    pricing,
    rounding: { mode, level },
    categories: Object.fromEntries(categories.map((rule, index) => [`c${index}`, rule])),
  }));

const basketInput = ruleSet.chain((rules) => {
  const keys = Object.keys(rules.categories);
  const line = fc.record({
    unitPriceMinor: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 50_000_000 })),
    quantity: fc.integer({ min: 1, max: 60 }),
    taxCategory: fc.constantFrom(...keys),
    discountPercent: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
  });
  return fc
    .record({
      lines: fc.array(line, { minLength: 0, maxLength: 12 }),
      basketPercent: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ lines, basketPercent }): BasketInput => {
      const priced = lines.map((entry, index) => {
        const extended = entry.unitPriceMinor * entry.quantity;
        return {
          id: `line-${index}`,
          unitPriceMinor: entry.unitPriceMinor,
          quantity: entry.quantity,
          taxCategory: entry.taxCategory,
          discountMinor: Math.floor((extended * entry.discountPercent) / 100),
        };
      });
      const available = sum(
        priced.map((entry) => entry.unitPriceMinor * entry.quantity - entry.discountMinor),
      );
      return {
        currency: rules.currency,
        rules,
        lines: priced,
        basketDiscountMinor: Math.floor((available * basketPercent) / 100),
      };
    });
});

function priced(input: BasketInput): PricedBasket {
  const result = priceBasket(input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('priceBasket reconciles for any rule set, basket and exponent', () => {
  it('adds line nets, taxes and grosses up to the totals, and net + tax = gross on every line', () => {
    fc.assert(
      fc.property(basketInput, (input) => {
        const basket = priced(input);
        expect(sum(basket.lines.map((line) => line.grossMinor))).toBe(basket.totals.grossMinor);
        expect(sum(basket.lines.map((line) => line.netMinor))).toBe(basket.totals.netMinor);
        expect(sum(basket.lines.map((line) => line.taxMinor))).toBe(basket.totals.taxMinor);
        expect(basket.totals.netMinor + basket.totals.taxMinor).toBe(basket.totals.grossMinor);
        for (const line of basket.lines) {
          expect(line.netMinor + line.taxMinor).toBe(line.grossMinor);
          expect(sum(line.taxes.map((tax) => tax.taxMinor))).toBe(line.taxMinor);
          expect(line.netMinor).toBeGreaterThanOrEqual(0);
          expect(line.taxes.every((tax) => tax.taxMinor >= 0)).toBe(true);
        }
        expect(pricedBasketSchema.safeParse(basket).success).toBe(true);
      }),
      runs,
    );
  });

  it('makes the breakdown add up to the total tax, each row to its lines', () => {
    fc.assert(
      fc.property(basketInput, (input) => {
        const basket = priced(input);
        expect(sum(basket.breakdown.map((row) => row.taxMinor))).toBe(basket.totals.taxMinor);
        for (const row of basket.breakdown) {
          const taxes = basket.lines.flatMap((line) =>
            line.taxes.filter(
              (tax) => `${tax.code}@${tax.ratePercent}${tax.compound ? '+' : ''}` === row.key,
            ),
          );
          if (row.kind === 'exempt') {
            const exempt = basket.lines.filter((line) => line.taxes.length === 0);
            expect(row.netMinor).toBe(sum(exempt.map((line) => line.netMinor)));
            expect(row.taxMinor).toBe(0);
          } else {
            expect(row.taxMinor).toBe(sum(taxes.map((tax) => tax.taxMinor)));
            expect(row.baseMinor).toBe(sum(taxes.map((tax) => tax.baseMinor)));
          }
        }
        const exemptNet = sum(
          basket.lines.filter((line) => line.treatment === 'exempt').map((line) => line.netMinor),
        );
        const exemptRow = basket.breakdown.find((row) => row.kind === 'exempt');
        expect(exemptRow?.netMinor ?? 0).toBe(exemptNet);
      }),
      runs,
    );
  });

  it('allocates the basket discount exactly, each share within one unit of its proportion', () => {
    fc.assert(
      fc.property(basketInput, (input) => {
        const basket = priced(input);
        const discount = input.basketDiscountMinor ?? 0;
        expect(sum(basket.lines.map((line) => line.basketDiscountMinor))).toBe(discount);
        const afterLine = basket.lines.map((line) => line.extendedMinor - line.lineDiscountMinor);
        const available = BigInt(sum(afterLine));
        basket.lines.forEach((line, index) => {
          const weight = afterLine[index]!;
          expect(line.basketDiscountMinor).toBeLessThanOrEqual(weight);
          if (available > 0n) {
            const quota = BigInt(discount) * BigInt(weight);
            const floor = quota / available;
            expect(BigInt(line.basketDiscountMinor) - floor).toBeGreaterThanOrEqual(0n);
            expect(BigInt(line.basketDiscountMinor) - floor).toBeLessThanOrEqual(1n);
          }
          expect(line.amountMinor).toBe(weight - line.basketDiscountMinor);
        });
        expect(
          basket.totals.extendedMinor - basket.totals.lineDiscountMinor - basket.totals.basketDiscountMinor,
        ).toBe(sum(basket.lines.map((line) => line.amountMinor)));
      }),
      runs,
    );
  });

  it('keeps the shelf price whole: the gross under inclusive pricing, the net under exclusive', () => {
    fc.assert(
      fc.property(basketInput, (input) => {
        const basket = priced(input);
        for (const line of basket.lines) {
          expect(input.rules.pricing === 'inclusive' ? line.grossMinor : line.netMinor).toBe(
            line.amountMinor,
          );
        }
      }),
      runs,
    );
  });

  it('rounds line-level exclusive tax within one unit of the exact tax on the compound base', () => {
    const lineLevel = basketInput.filter(
      (input) => input.rules.pricing === 'exclusive' && input.rules.rounding.level === 'line',
    );
    fc.assert(
      fc.property(lineLevel, (input) => {
        const basket = priced(input);
        for (const line of basket.lines) {
          const rule = input.rules.categories[line.taxCategory]!;
          line.taxes.forEach((tax, index) => {
            const [whole, decimals = ''] = rule.components[index]!.ratePercent.split('.');
            const rateNum = BigInt(whole! + decimals);
            const rateDen = 100n * 10n ** BigInt(decimals.length);
            const exactTimesDen = BigInt(tax.baseMinor) * rateNum;
            const distance = BigInt(tax.taxMinor) * rateDen - exactTimesDen;
            expect(distance < rateDen && distance > -rateDen).toBe(true);
          });
        }
      }),
      runs,
    );
  });
});

describe('inclusive and exclusive round trips (one rate, rounding to nearest)', () => {
  const oneRate = fc.record({
    ratePercent: percent,
    mode: fc.constantFrom('half-up' as const, 'half-even' as const, 'half-down' as const),
    currency: fc.constantFrom(...currencyCodes),
    prices: fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 10 }),
  });
  const rulesFor = (
    pricing: 'inclusive' | 'exclusive',
    ratePercent: string,
    mode: TaxRuleSet['rounding']['mode'],
    currency: string,
  ): TaxRuleSet => ({
    id: `rt-${pricing}`,
    name: 'Round trip',
    jurisdiction: 'XX',
    currency,
    pricing,
    rounding: { mode, level: 'line' },
    categories: {
      taxed:
        Number(ratePercent) > 0
          ? { treatment: 'standard', components: [{ code: 'VAT', name: 'VAT', ratePercent }] }
          : { treatment: 'zero-rated', components: [{ code: 'VAT', name: 'VAT', ratePercent }] },
    },
  });
  const asLines = (prices: readonly number[]) =>
    prices.map((unitPriceMinor, index) => ({
      id: `l${index}`,
      unitPriceMinor,
      quantity: 1,
      taxCategory: 'taxed',
    }));

  it('gives back the same net and tax when an exclusive gross is priced as inclusive', () => {
    fc.assert(
      fc.property(oneRate, ({ ratePercent, mode, currency, prices }) => {
        const exclusive = priced({
          currency,
          rules: rulesFor('exclusive', ratePercent, mode, currency),
          lines: asLines(prices),
        });
        const grosses = exclusive.lines.map((line) => line.grossMinor);
        const inclusive = priced({
          currency,
          rules: rulesFor('inclusive', ratePercent, mode, currency),
          lines: asLines(grosses),
        });
        expect(inclusive.lines.map((line) => line.netMinor)).toEqual(
          exclusive.lines.map((line) => line.netMinor),
        );
        expect(inclusive.lines.map((line) => line.taxMinor)).toEqual(
          exclusive.lines.map((line) => line.taxMinor),
        );
      }),
      runs,
    );
  });

  it('lands within one unit of an inclusive price when its net is priced exclusive, and exactly on the way back', () => {
    fc.assert(
      fc.property(oneRate, ({ ratePercent, mode, currency, prices }) => {
        const inclusive = priced({
          currency,
          rules: rulesFor('inclusive', ratePercent, mode, currency),
          lines: asLines(prices),
        });
        const nets = inclusive.lines.map((line) => line.netMinor);
        const exclusive = priced({
          currency,
          rules: rulesFor('exclusive', ratePercent, mode, currency),
          lines: asLines(nets),
        });
        exclusive.lines.forEach((line, index) => {
          expect(Math.abs(line.grossMinor - prices[index]!)).toBeLessThanOrEqual(1);
        });
        const again = priced({
          currency,
          rules: rulesFor('inclusive', ratePercent, mode, currency),
          lines: asLines(exclusive.lines.map((line) => line.grossMinor)),
        });
        expect(again.lines.map((line) => line.netMinor)).toEqual(nets);
      }),
      runs,
    );
  });
});
