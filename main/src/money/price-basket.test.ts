import { describe, expect, it } from 'vitest';
import { pricedBasketSchema, type BasketInput, type BasketLineInput } from './contract.js';
import { germanLikeVatRules, ukLikeVatRules } from './example-rule-sets.js';
import { priceBasket } from './price-basket.js';

const line = (overrides: Partial<BasketLineInput> = {}): BasketLineInput => ({
  id: 'l1',
  unitPriceMinor: 100,
  quantity: 1,
  taxCategory: 'standard',
  ...overrides,
});
const basket = (overrides: Partial<BasketInput> = {}): BasketInput => ({
  currency: 'GBP',
  rules: ukLikeVatRules,
  lines: [line()],
  ...overrides,
});
const codeOf = (input: BasketInput): string | null => {
  const result = priceBasket(input);
  return result.ok ? null : result.error.code;
};

describe('priceBasket input checks', () => {
  it('prices an empty basket at zero with an empty breakdown', () => {
    const result = priceBasket(basket({ lines: [] }));
    expect(result).toMatchObject({
      ok: true,
      value: { lines: [], breakdown: [], totals: { grossMinor: 0, taxMinor: 0 } },
    });
  });

  it('returns a basket that satisfies its own contract schema', () => {
    const result = priceBasket(basket({ lines: [line(), line({ id: 'l2', taxCategory: 'exempt' })] }));
    expect(result.ok && pricedBasketSchema.safeParse(result.value).success).toBe(true);
  });

  it('refuses prices that are not safe integers of minor units', () => {
    expect(codeOf(basket({ lines: [line({ unitPriceMinor: 1.5 })] }))).toBe('money.notInteger');
    expect(codeOf(basket({ lines: [line({ unitPriceMinor: -1 })] }))).toBe('money.negativeAmount');
    expect(codeOf(basket({ lines: [line({ unitPriceMinor: 2 ** 53 })] }))).toBe('money.overflow');
  });

  it('refuses a line total or a basket total past the safe range instead of losing units', () => {
    const big = Number.MAX_SAFE_INTEGER - 1;
    expect(codeOf(basket({ lines: [line({ unitPriceMinor: big, quantity: 2 })] }))).toBe('money.overflow');
    expect(
      codeOf(basket({ lines: [line({ unitPriceMinor: big }), line({ id: 'l2', unitPriceMinor: big })] })),
    ).toBe('money.overflow');
  });

  it('refuses a quantity that is not a whole number of at least one', () => {
    expect(codeOf(basket({ lines: [line({ quantity: 0 })] }))).toBe('money.invalidQuantity');
    expect(codeOf(basket({ lines: [line({ quantity: 1.5 })] }))).toBe('money.invalidQuantity');
    expect(codeOf(basket({ lines: [line({ quantity: -2 })] }))).toBe('money.invalidQuantity');
  });

  it('refuses a category the rule set does not define', () => {
    const result = priceBasket(basket({ lines: [line({ taxCategory: 'luxury' })] }));
    expect(result.ok ? null : result.error).toMatchObject({
      code: 'money.unknownTaxCategory',
      details: { taxCategory: 'luxury', ruleSetId: 'gb-vat-2011' },
    });
  });

  it('refuses discounts larger than what they discount', () => {
    expect(codeOf(basket({ lines: [line({ discountMinor: 101 })] }))).toBe('money.invalidDiscount');
    expect(codeOf(basket({ lines: [line({ discountMinor: 40 })], basketDiscountMinor: 61 }))).toBe(
      'money.invalidDiscount',
    );
    expect(codeOf(basket({ lines: [line({ discountMinor: 40 })], basketDiscountMinor: 60 }))).toBeNull();
  });

  it('refuses duplicate or empty line ids, since the checkout refers to lines by id', () => {
    expect(codeOf(basket({ lines: [line(), line()] }))).toBe('money.invalidLine');
    expect(codeOf(basket({ lines: [line({ id: '' })] }))).toBe('money.invalidLine');
  });

  it('refuses a rule set for another currency, an unknown currency and a broken rule set', () => {
    expect(codeOf(basket({ rules: germanLikeVatRules }))).toBe('money.currencyMismatch');
    expect(codeOf(basket({ currency: 'GBX' }))).toBe('money.unknownCurrency');
    expect(
      codeOf(
        basket({ rules: { ...ukLikeVatRules, rounding: { mode: 'nearest' as 'half-up', level: 'line' } } }),
      ),
    ).toBe('money.invalidRuleSet');
  });

  it('applies a line discount before tax: 3 × 4.99 less 1.00 under 20% VAT is 13.97 with 2.33 VAT', () => {
    const result = priceBasket(
      basket({ lines: [line({ unitPriceMinor: 499, quantity: 3, discountMinor: 100 })] }),
    );
    // 1397 × 20/120 = 232.83 → 233
    expect(result).toMatchObject({
      ok: true,
      value: { lines: [{ amountMinor: 1397, taxMinor: 233, netMinor: 1164 }] },
    });
  });
});

describe('priceBasket on untyped input', () => {
  it('refuses a line that is not an object instead of throwing', () => {
    const input = basket({ lines: [null as unknown as BasketLineInput] });
    expect(codeOf(input)).toBe('money.invalidLine');
  });
});

describe('priceBasket and the compiled rule set it keeps', () => {
  it('prices a changed rule set afresh: a new rate is never served from the kept compilation', () => {
    const first = priceBasket(basket({ lines: [line({ unitPriceMinor: 1200 })] }));
    const raised = structuredClone(ukLikeVatRules);
    const standard = raised.categories['standard'];
    if (!standard || !standard.components[0]) throw new Error('the example has a standard rate');
    standard.components[0].ratePercent = '25';
    const second = priceBasket(basket({ rules: raised, lines: [line({ unitPriceMinor: 1200 })] }));
    const again = priceBasket(basket({ lines: [line({ unitPriceMinor: 1200 })] }));
    expect(first.ok && second.ok && again.ok).toBe(true);
    if (!first.ok || !second.ok || !again.ok) return;
    expect(second.value.totals.taxMinor).not.toBe(first.value.totals.taxMinor);
    expect(again.value).toEqual(first.value);
  });

  it('still refuses a malformed rule set every time it is offered', () => {
    const broken = { ...ukLikeVatRules, categories: {} };
    expect(codeOf(basket({ rules: broken }))).toBe('money.invalidRuleSet');
    expect(codeOf(basket({ rules: broken }))).toBe('money.invalidRuleSet');
  });
});
