import { describe, expect, it } from 'vitest';
import type { TaxRuleSet } from './contract.js';
import { exampleTaxRuleSets, ukLikeVatRules } from './example-rule-sets.js';
import { validateTaxRuleSet } from './tax-rules.js';

const withCategories = (categories: TaxRuleSet['categories']): TaxRuleSet => ({
  ...ukLikeVatRules,
  categories,
});
const codeOf = (value: unknown): string | null => {
  const result = validateTaxRuleSet(value);
  return result.ok ? null : result.error.code;
};

describe('validateTaxRuleSet', () => {
  it('accepts every example rule set', () => {
    for (const rules of exampleTaxRuleSets)
      expect(validateTaxRuleSet(rules), rules.id).toMatchObject({ ok: true });
  });

  it('refuses a malformed set and says where', () => {
    const result = validateTaxRuleSet({ ...ukLikeVatRules, pricing: 'gross' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('money.invalidRuleSet');
      expect(JSON.stringify(result.error.details)).toContain('pricing');
    }
  });

  it('refuses a rate written as a float-looking or out-of-range value', () => {
    const rate = (ratePercent: string) =>
      withCategories({
        standard: { treatment: 'standard', components: [{ code: 'VAT', name: 'VAT', ratePercent }] },
      });
    expect(codeOf(rate('0.2e2'))).toBe('money.invalidRuleSet');
    expect(codeOf(rate('-5'))).toBe('money.invalidRuleSet');
    expect(codeOf(rate('100.5'))).toBe('money.invalidRuleSet');
    expect(codeOf(rate('100'))).toBeNull();
  });

  it('keeps exempt and zero-rated apart: exempt has no components, zero-rated only 0% ones', () => {
    expect(
      codeOf(
        withCategories({
          exempt: { treatment: 'exempt', components: [{ code: 'VAT', name: 'VAT', ratePercent: '0' }] },
        }),
      ),
    ).toBe('money.invalidRuleSet');
    expect(codeOf(withCategories({ zero: { treatment: 'zero-rated', components: [] } }))).toBe(
      'money.invalidRuleSet',
    );
    expect(
      codeOf(
        withCategories({
          zero: { treatment: 'zero-rated', components: [{ code: 'VAT', name: 'VAT', ratePercent: '5' }] },
        }),
      ),
    ).toBe('money.invalidRuleSet');
    expect(
      codeOf(
        withCategories({
          standard: { treatment: 'standard', components: [{ code: 'VAT', name: 'VAT', ratePercent: '0' }] },
        }),
      ),
    ).toBe('money.invalidRuleSet');
  });

  it('refuses a compound first component, a repeated component and an empty set', () => {
    expect(
      codeOf(
        withCategories({
          standard: {
            treatment: 'standard',
            components: [{ code: 'QST', name: 'QST', ratePercent: '9.5', compound: true }],
          },
        }),
      ),
    ).toBe('money.invalidRuleSet');
    const twice = { code: 'VAT', name: 'VAT', ratePercent: '5' };
    expect(codeOf(withCategories({ standard: { treatment: 'standard', components: [twice, twice] } }))).toBe(
      'money.invalidRuleSet',
    );
    expect(codeOf(withCategories({}))).toBe('money.invalidRuleSet');
  });

  it('refuses a rule set in a currency the till does not know', () => {
    expect(codeOf({ ...ukLikeVatRules, currency: 'XYZ' })).toBe('money.unknownCurrency');
  });
});
