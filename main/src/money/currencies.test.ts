import { describe, expect, it } from 'vitest';
import { currencyInfoSchema } from './contract.js';
import { currencies, getCurrency } from './currencies.js';

const required = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'JPY',
  'KWD',
  'BHD',
  'JOD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'CAD',
  'AUD',
  'ISK',
  'CLP',
];

describe('currency table', () => {
  it('holds every currency the checkout must handle, once, each a valid entry', () => {
    const codes = currencies.map((currency) => currency.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of required) expect(codes).toContain(code);
    for (const currency of currencies) expect(() => currencyInfoSchema.parse(currency)).not.toThrow();
  });

  it('agrees with the ICU currency data on every exponent except HUF, where ICU follows practice not ISO', () => {
    for (const currency of currencies) {
      const icu = new Intl.NumberFormat('en', {
        style: 'currency',
        currency: currency.code,
      }).resolvedOptions();
      const expected = currency.code === 'HUF' ? 0 : currency.exponent;
      expect(icu.maximumFractionDigits, currency.code).toBe(expected);
    }
  });

  it('knows where coins were withdrawn: CHF to 0.05, SEK and NOK to 1, DKK to 0.50, CLP to 10', () => {
    const cash = (code: string) => currencies.find((currency) => currency.code === code)?.cash;
    expect(cash('CHF')).toEqual({ incrementMinor: 5, mode: 'half-up' });
    expect(cash('SEK')).toEqual({ incrementMinor: 100, mode: 'half-up' });
    expect(cash('NOK')).toEqual({ incrementMinor: 100, mode: 'half-up' });
    expect(cash('DKK')).toEqual({ incrementMinor: 50, mode: 'half-up' });
    expect(cash('CLP')).toEqual({ incrementMinor: 10, mode: 'half-down' });
    expect(cash('EUR')).toEqual({ incrementMinor: 1, mode: 'half-up' });
  });

  it('answers an unknown code with money.unknownCurrency', () => {
    expect(getCurrency('KWD')).toMatchObject({ ok: true, value: { exponent: 3 } });
    const unknown = getCurrency('XXX');
    expect(unknown.ok ? null : unknown.error.code).toBe('money.unknownCurrency');
  });
});
