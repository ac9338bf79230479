import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatMoney, minorDigits, minorToDecimalString } from './money.js';

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
