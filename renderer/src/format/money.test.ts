import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatMoney, minorDigits, minorToDecimalString, parseMoneyInput } from './money.js';

describe('minorToDecimalString', () => {
  it('places the decimal point by the currency digits without arithmetic', () => {
    expect(minorToDecimalString(1999, 2)).toBe('19.99');
    expect(minorToDecimalString(5, 2)).toBe('0.05');
    expect(minorToDecimalString(-5, 2)).toBe('-0.05');
    expect(minorToDecimalString(0, 2)).toBe('0.00');
    expect(minorToDecimalString(150, 0)).toBe('150');
    expect(minorToDecimalString(1234, 3)).toBe('1.234');
  });

  it('keeps every digit of large amounts that a float would round', () => {
    expect(minorToDecimalString(9007199254740991, 2)).toBe('90071992547409.91');
  });

  it('round-trips: removing the point gives back the integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(0, 2, 3), (minor, digits) => {
        const text = minorToDecimalString(minor, digits);
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(minor));
      }),
    );
  });

  it('refuses fractions of a minor unit', () => {
    expect(() => minorToDecimalString(1.5, 2)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('uses the currency minor digits from Intl', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('formats in the language of the screen', () => {
    expect(formatMoney(1999, 'EUR', 'en')).toBe('€19.99');
    expect(formatMoney(1999, 'EUR', 'de').replace(/\s/g, ' ')).toBe('19,99 €');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney(1234, 'KWD', 'en').replace(/\s/g, ' ')).toBe('KWD 1.234');
  });
});

describe('parseMoneyInput', () => {
  it('reads a point or a comma as the decimal separator and pads the minor digits', () => {
    expect(parseMoneyInput('12.5', 2)).toEqual({ ok: true, minor: 1250, decimal: '12.50' });
    expect(parseMoneyInput('12,50', 2)).toEqual({ ok: true, minor: 1250, decimal: '12.50' });
    expect(parseMoneyInput(' 7 ', 2)).toEqual({ ok: true, minor: 700, decimal: '7.00' });
    expect(parseMoneyInput('.5', 2)).toEqual({ ok: true, minor: 50, decimal: '0.50' });
    expect(parseMoneyInput('1500', 0)).toEqual({ ok: true, minor: 1500, decimal: '1500' });
    expect(parseMoneyInput('1.234', 3)).toEqual({ ok: true, minor: 1234, decimal: '1.234' });
  });

  it('accepts trailing zeros beyond the currency digits but refuses a fraction of a minor unit', () => {
    expect(parseMoneyInput('12.500', 2)).toEqual({ ok: true, minor: 1250, decimal: '12.50' });
    expect(parseMoneyInput('12.505', 2)).toEqual({ ok: false, problem: 'tooManyDecimals' });
    expect(parseMoneyInput('5.5', 0)).toEqual({ ok: false, problem: 'tooManyDecimals' });
  });

  it('refuses what is not an amount instead of guessing', () => {
    expect(parseMoneyInput('', 2)).toEqual({ ok: false, problem: 'empty' });
    expect(parseMoneyInput('1.234,56', 2)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseMoneyInput('12a', 2)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseMoneyInput('.', 2)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseMoneyInput('1e3', 2)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseMoneyInput('-3', 2)).toEqual({ ok: false, problem: 'negative' });
    expect(parseMoneyInput('-3', 2, { allowNegative: true })).toEqual({ ok: true, minor: -300, decimal: '-3.00' });
    expect(parseMoneyInput('99999999999999999', 2)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('round-trips every amount it formats, without float error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), fc.constantFrom(0, 2, 3), fc.boolean(), (minor, digits, comma) => {
        const text = minorToDecimalString(minor, digits);
        const parsed = parseMoneyInput(comma ? text.replace('.', ',') : text, digits);
        expect(parsed).toEqual({ ok: true, minor, decimal: text });
      }),
    );
  });
});
