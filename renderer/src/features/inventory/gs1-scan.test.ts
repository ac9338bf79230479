import { describe, expect, it } from 'vitest';
import { GS } from '../checkout/wedge-detector.js';
import { expiryFromYymmdd, readPackScan } from './gs1-scan.js';

const today = new Date(Date.UTC(2026, 10, 27));

describe('reading a pack scan at receiving', () => {
  it('reads GTIN, expiry, batch and serial from a DataMatrix element string with GS after variable fields', () => {
    expect(readPackScan(`]d2010501000000001117271231${'10'}AB12${GS}21SER9`, today)).toEqual({
      gtin: '05010000000011',
      expiry: '2027-12-31',
      batch: 'AB12',
      serial: 'SER9',
    });
  });

  it('reads the same pack typed from the label with brackets', () => {
    expect(readPackScan('(01)05010000000011(17)280600(10)LOT-7', today)).toEqual({ gtin: '05010000000011', expiry: '2028-06-30', batch: 'LOT-7', serial: null });
  });

  it('refuses a wrong GTIN check digit and text that is no element string', () => {
    expect(readPackScan('010501000000001217271231', today)).toBeNull();
    expect(readPackScan('paracetamol', today)).toBeNull();
    expect(readPackScan('(01)05010000000011 and more', today)).toBeNull();
  });

  it('puts a two-digit year in the century nearest today and day 00 at the end of the month', () => {
    expect(expiryFromYymmdd('990131', today)).toBe('1999-01-31');
    expect(expiryFromYymmdd('760101', today)).toBe('2076-01-01');
    expect(expiryFromYymmdd('280200', today)).toBe('2028-02-29');
    expect(expiryFromYymmdd('271301', today)).toBeNull();
    expect(expiryFromYymmdd('270231', today)).toBeNull();
  });
});
