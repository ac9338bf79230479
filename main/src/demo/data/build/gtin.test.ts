import { describe, expect, it } from 'vitest';
import {
  gs1CheckDigit,
  hasValidCheckDigit,
  isRestrictedCirculation,
  ndc10,
  ndcToGtin14,
  restrictedGtin14,
  toGtin14,
} from './gtin.js';

describe('demo GTIN rules', () => {
  it('computes the GS1 check digit of a known EAN-13 and UPC-A', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1);
    expect(gs1CheckDigit('03600029145')).toBe(2);
    expect(hasValidCheckDigit('4006381333931')).toBe(true);
    expect(hasValidCheckDigit('4006381333932')).toBe(false);
  });

  it('reads the 10-digit NDC of 4-4-2, 5-3-2 and 5-4-1 package codes and rejects other shapes', () => {
    expect(ndc10('0071-1013-68')).toBe('0071101368');
    expect(ndc10('72189-071-30')).toBe('7218907130');
    expect(ndc10('68071-5282-1')).toBe('6807152821');
    expect(ndc10('68071-05282-1')).toBeNull();
    expect(ndc10('7218907130')).toBeNull();
  });

  it('packs an NDC as UPC-A number system 3 with its check digit, padded to 14 digits', () => {
    const gtin = ndcToGtin14('0071-1013-68');
    expect(gtin).toBe(`0030071101368${gs1CheckDigit('30071101368')}`);
    expect(hasValidCheckDigit(gtin ?? '')).toBe(true);
  });

  it('pads valid GTIN-8/12/13 to 14 digits and refuses bad check digits', () => {
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('036000291453')).toBeNull();
  });

  it('makes restricted-circulation GTINs that are valid and recognised as restricted', () => {
    for (const serial of [0, 1, 1234567890, 9999999999]) {
      const gtin = restrictedGtin14(serial);
      expect(gtin).toMatch(/^020\d{11}$/);
      expect(hasValidCheckDigit(gtin)).toBe(true);
      expect(isRestrictedCirculation(gtin)).toBe(true);
    }
    expect(isRestrictedCirculation('00036000291452')).toBe(false);
  });
});
