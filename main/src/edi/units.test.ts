import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, readDecimal, sameAmount } from './decimal.js';
import { toNdc11, toX12Text } from './index.js';
import { gtinFrom, itemIds } from './product-ids.js';
import { x12TextSchema } from './contract.js';

describe('decimals without floats', () => {
  it('writes minor units at an exponent', () => {
    expect([
      decimalText(925, 2),
      decimalText(5, 2),
      decimalText(1500, 0),
      decimalText(-125, 4),
      decimalText(0, 3),
    ]).toEqual(['9.25', '0.05', '1500', '-0.0125', '0.000']);
  });

  it('reads X12 decimals, including a leading or trailing point, and refuses anything else', () => {
    expect(readDecimal('.5')).toEqual({ minor: 5n, exponent: 1, digits: 1 });
    expect(readDecimal('12.')).toEqual({ minor: 12n, exponent: 0, digits: 2 });
    expect(readDecimal('-0.50')).toEqual({ minor: -50n, exponent: 2, digits: 2 });
    for (const bad of ['', '.', '-', '1e3', '1,5', ' 1', '1.2.3', '+1'])
      expect(readDecimal(bad), bad).toBeNull();
  });

  it('reads back exactly what it writes, for any amount and exponent', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 8 }),
        (minor, exponent) => {
          const read = readDecimal(decimalText(minor, exponent));
          expect(read?.minor).toBe(minor);
          expect(read?.exponent).toBe(exponent);
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });

  it('compares amounts across exponents', () => {
    expect(sameAmount({ minor: 925, exponent: 2 }, { minor: 92500, exponent: 4 })).toBe(true);
    expect(sameAmount({ minor: 925, exponent: 2 }, { minor: 92501, exponent: 4 })).toBe(false);
  });
});

describe('product identifiers', () => {
  it('turns every printed NDC layout into the 11-digit 5-4-2 form', () => {
    expect(toNdc11('1234-5678-90')).toBe('01234567890');
    expect(toNdc11('12345-678-90')).toBe('12345067890');
    expect(toNdc11('12345-6789-0')).toBe('12345678900');
    expect(toNdc11('12345-6789-01')).toBe('12345678901');
    expect(toNdc11('12345678901')).toBe('12345678901');
    expect(toNdc11('1234567890')).toBeNull();
    expect(toNdc11('1234567890', '5-3-2')).toBe('12345067890');
    expect(toNdc11('123-456-7890')).toBeNull();
  });

  it('reads GTINs by qualifier and length, refusing a wrong check digit', () => {
    expect(gtinFrom('UP', '036000291452')).toBe('00036000291452');
    expect(gtinFrom('EN', '9780446360265')).toBe('09780446360265');
    expect(gtinFrom('UK', '05012345678900')).toBe('05012345678900');
    expect(gtinFrom('UP', '036000291453')).toBeNull();
    expect(gtinFrom('UP', '9780446360265')).toBeNull();
    expect(gtinFrom('VN', '036000291452')).toBeNull();
  });

  it('prefers VN over VP for the supplier number and reads N1-N4 NDC qualifiers', () => {
    expect(
      itemIds([
        { qualifier: 'VP', id: 'P-1' },
        { qualifier: 'VN', id: 'V-1' },
        { qualifier: 'N1', id: '1234567890' },
        { qualifier: 'BP', id: 'B-1' },
      ]),
    ).toEqual({ gtin: null, ndc: '01234567890', supplierSku: 'V-1', buyerItemId: 'B-1' });
  });
});

describe('toX12Text', () => {
  it('strips accents, replaces separators and collapses spaces', () => {
    expect(toX12Text('  Ibuprofène 200 mg ~ 24 cp*  ', 80)).toBe('Ibuprofene 200 mg - 24 cp-');
    expect(toX12Text('Straße Ærø', 80)).toBe('Strasse AEro');
    expect(toX12Text('Paracétamol 500 mg', 11)).toBe('Paracetamol');
    expect(toX12Text('abc', 0)).toBe('');
  });

  it('always gives text the order contract accepts (or nothing)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40, unit: 'grapheme' }),
        fc.integer({ min: 1, max: 30 }),
        (text, max) => {
          const out = toX12Text(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          if (out !== '') expect(x12TextSchema(1, max).safeParse(out).success).toBe(true);
        },
      ),
      { seed: 12, numRuns: 500 },
    );
  });
});
