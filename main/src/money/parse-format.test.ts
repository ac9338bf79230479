import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMinor } from './amount.js';
import { formatMinor, parseMinor, toDecimalString } from './parse-format.js';
import type { MoneyResult } from './result.js';

const codeOf = (result: MoneyResult<unknown>): string | null => (result.ok ? null : result.error.code);
const spaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('parseMinor', () => {
  it.each([
    ['12.34', 'EUR', 1234],
    ['0.05', 'CHF', 5],
    ['-0.01', 'USD', -1],
    ['12', 'EUR', 1200],
    ['1.230', 'EUR', 123],
    ['1500', 'JPY', 1500],
    ['1.5', 'KWD', 1500],
    ['0.001', 'BHD', 1],
    ['90071992547409.91', 'EUR', Number.MAX_SAFE_INTEGER],
  ])('reads %s %s as %d minor units', (text, currency, expected) => {
    expect(parseMinor(text, currency)).toEqual({ ok: true, value: expected });
  });

  it('refuses more decimals than the currency has: 1.234 EUR, 100.5 JPY, 1.2345 KWD', () => {
    expect(codeOf(parseMinor('1.234', 'EUR'))).toBe('money.tooManyDecimals');
    expect(codeOf(parseMinor('100.5', 'JPY'))).toBe('money.tooManyDecimals');
    expect(codeOf(parseMinor('1.2345', 'KWD'))).toBe('money.tooManyDecimals');
  });

  it.each(['', '1,00', '1e3', ' 1', '1.', '.5', '+1', '1 000', 'NaN', '0x10', '١٢'])(
    'refuses %j as not a plain decimal',
    (text) => expect(codeOf(parseMinor(text, 'EUR'))).toBe('money.invalidDecimal'),
  );

  it('refuses an amount beyond the safe integer range rather than rounding it', () => {
    expect(codeOf(parseMinor('90071992547409.92', 'EUR'))).toBe('money.overflow');
  });

  it('refuses a currency it does not know, including a lower-case code', () => {
    expect(codeOf(parseMinor('1', 'XYZ'))).toBe('money.unknownCurrency');
    expect(codeOf(parseMinor('1', 'eur'))).toBe('money.unknownCurrency');
  });

  it('round-trips every safe amount through its decimal spelling for exponents 0, 2 and 3', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('JPY', 'EUR', 'KWD'),
        (amount, currency) => {
          const text = toDecimalString(amount, currency);
          if (!text.ok) return false;
          const back = parseMinor(text.value, currency);
          return back.ok && back.value === amount;
        },
      ),
      { seed: 4217, numRuns: 1000 },
    );
  });
});

describe('toDecimalString', () => {
  it('spells minor units exactly with the currency exponent', () => {
    expect(toDecimalString(5, 'CHF')).toEqual({ ok: true, value: '0.05' });
    expect(toDecimalString(-1234, 'EUR')).toEqual({ ok: true, value: '-12.34' });
    expect(toDecimalString(1, 'KWD')).toEqual({ ok: true, value: '0.001' });
    expect(toDecimalString(1500, 'JPY')).toEqual({ ok: true, value: '1500' });
  });
});

describe('formatMinor', () => {
  it('formats for display in the locale, with the currency decimals', () => {
    const cases: [number, string, string, string][] = [
      [1234, 'EUR', 'de-DE', '12,34 €'],
      [1234, 'EUR', 'en-IE', '€12.34'],
      [1235, 'CHF', 'de-CH', 'CHF 12.35'],
      [1234, 'KWD', 'en-US', 'KWD 1.234'],
      [1234, 'GBP', 'en-GB', '£12.34'],
      [-1234, 'USD', 'en-US', '-$12.34'],
    ];
    for (const [amount, currency, locale, expected] of cases) {
      const result = formatMinor(amount, currency, locale);
      expect(result.ok ? spaces(result.value) : result.error.code).toBe(expected);
    }
  });

  it('shows yen without decimals and forint with the ISO two', () => {
    const yen = formatMinor(1234, 'JPY', 'en-US');
    expect(yen.ok ? yen.value : null).toBe('¥1,234');
    const forint = formatMinor(123456, 'HUF', 'en-US');
    expect(forint.ok ? spaces(forint.value) : null).toBe('HUF 1,234.56');
  });

  it('formats the largest safe amount exactly, digit for digit', () => {
    const result = formatMinor(Number.MAX_SAFE_INTEGER, 'EUR', 'en-US');
    expect(result.ok ? result.value : null).toBe('€90,071,992,547,409.91');
  });

  it('can drop the decimals of a whole amount and show the code', () => {
    const result = formatMinor(500, 'CHF', 'en-US', { stripWholeDecimals: true, currencyDisplay: 'code' });
    expect(result.ok ? spaces(result.value) : null).toBe('CHF 5');
  });

  it('refuses non-integer, unsafe, unknown-currency and bad-locale input with codes', () => {
    expect(codeOf(formatMinor(12.5, 'EUR', 'en'))).toBe('money.notInteger');
    expect(codeOf(formatMinor(Number.NaN, 'EUR', 'en'))).toBe('money.notInteger');
    expect(codeOf(formatMinor(2 ** 60, 'EUR', 'en'))).toBe('money.overflow');
    expect(codeOf(formatMinor(1, 'ABC', 'en'))).toBe('money.unknownCurrency');
    expect(codeOf(formatMinor(1, 'EUR', 'not a locale!'))).toBe('money.invalidLocale');
  });
});

describe('checkMinor', () => {
  it('accepts safe integers and tells non-integers from unsafe ones', () => {
    expect(checkMinor(-42)).toEqual({ ok: true, value: -42 });
    expect(codeOf(checkMinor(0.1))).toBe('money.notInteger');
    expect(codeOf(checkMinor('12'))).toBe('money.notInteger');
    expect(codeOf(checkMinor(Number.POSITIVE_INFINITY))).toBe('money.notInteger');
    expect(codeOf(checkMinor(Number.MAX_SAFE_INTEGER + 1))).toBe('money.overflow');
  });
});
