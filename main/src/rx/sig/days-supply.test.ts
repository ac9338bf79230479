import { describe, expect, it } from 'vitest';
import { daysSupply } from './days-supply.js';
import { parseSig } from './parse-sig.js';
import type { DaysSupplyOptions } from './days-supply.js';
import type { Dosage } from './types.js';

function dosageOf(sig: string): Dosage {
  const r = parseSig(sig);
  if (!r.ok) throw new Error(r.error.code);
  return r.value.dosage;
}

const days = (quantity: number, sig: string, options?: DaysSupplyOptions): number | null =>
  daysSupply(quantity, dosageOf(sig), options).days;

describe('daysSupply', () => {
  it.each([
    [60, 'Take 1 tablet by mouth twice daily', 30],
    [90, 'Take 1 tablet by mouth three times a day', 30],
    [30, 'Take 1 tablet by mouth at bedtime', 30],
    [15, 'Take 1 tablet by mouth every other day', 30],
    [4, 'Take 1 tablet by mouth once weekly', 28],
    [12, 'Take 1 tablet by mouth on Monday, Wednesday and Friday', 28],
    [8, 'Take 1 tablet twice weekly', 28],
    [30, 'Take 5 mL by mouth every 8 hours', 2],
    [45, 'Take 1 1/2 tablets by mouth once a day', 30],
    [28, 'Take 1 tablet by mouth before breakfast and at bedtime', 14],
    [10, 'Apply 1 patch every 72 hours', 30],
  ])('counts %i for "%s" as %i days', (quantity, sig, expected) => {
    expect(days(quantity, sig)).toBe(expected);
  });

  it('uses the top of a dose range and the shortest interval for as-needed directions without a maximum', () => {
    const r = daysSupply(36, dosageOf('1-2 tablets by mouth every 4-6 hours as needed for pain'));
    expect(r).toEqual({ days: 3, unitsPerDay: 12, basis: 'schedule', notes: [] });
  });

  it('uses the written maximum per period for as-needed directions', () => {
    const r = daysSupply(40, dosageOf('1-2 tabs po q4-6h prn pain, not to exceed 8 tablets in 24 hours'));
    expect(r).toEqual({ days: 5, unitsPerDay: 8, basis: 'maxDosePerPeriod', notes: [] });
  });

  it('reads a maximum given in doses as doses of the largest amount', () => {
    const r = daysSupply(
      24,
      dosageOf('Take 1-2 tablets every 4 hours as needed, no more than 4 doses per day'),
    );
    expect(r).toEqual({ days: 3, unitsPerDay: 8, basis: 'maxDosePerPeriod', notes: [] });
  });

  it('stops at the duration the directions give', () => {
    expect(daysSupply(30, dosageOf('Take 1 tablet by mouth twice daily for 7 days'))).toEqual({
      days: 7,
      unitsPerDay: 2,
      basis: 'schedule',
      notes: ['limited to the 7 days the directions give'],
    });
  });

  it('stops at the number of doses the directions give', () => {
    const r = daysSupply(20, dosageOf('Take 1 tablet by mouth every 8 hours for 3 doses'));
    expect(r.days).toBe(1);
  });

  it('counts "with meals" as three meals a day and says so', () => {
    expect(daysSupply(90, dosageOf('Take 1 capsule by mouth with meals'))).toEqual({
      days: 30,
      unitsPerDay: 3,
      basis: 'schedule',
      notes: ['"with/before/after meals" is counted as three meals a day'],
    });
  });

  it('counts a month as 30 days and says so', () => {
    expect(daysSupply(3, dosageOf('Take 1 tablet by mouth monthly'))).toEqual({
      days: 90,
      unitsPerDay: 0.033333,
      basis: 'schedule',
      notes: ['a month is counted as 30 days'],
    });
  });

  it('converts household measures to a quantity in mL', () => {
    expect(days(100, 'Take 1 teaspoon by mouth twice a day', { quantityUnit: 'mL' })).toBe(10);
    expect(days(150, 'Take 1 tablespoon by mouth daily', { quantityUnit: 'mL' })).toBe(10);
  });

  it('rounds down, and never below one day', () => {
    expect(days(59, 'Take 1 tablet by mouth twice daily')).toBe(29);
    expect(days(1, 'Take 2 tablets by mouth twice daily')).toBe(1);
  });

  it('counts a single dose as one day', () => {
    expect(daysSupply(1, dosageOf('Inject 1 mL IM once'))).toEqual({
      days: 1,
      unitsPerDay: 1,
      basis: 'count',
      notes: [],
    });
  });

  it('says why when the directions give no frequency', () => {
    expect(daysSupply(30, dosageOf('Take 1 tablet by mouth as needed'))).toEqual({
      days: null,
      reason: 'daysSupply.noFrequency',
      message: "days' supply cannot be computed: as-needed directions with no frequency and no maximum dose",
    });
    expect(daysSupply(30, dosageOf('Take 1 tablet by mouth')).days).toBeNull();
  });

  it('says why when the directions give no dose', () => {
    const r = daysSupply(30, dosageOf('Apply to affected area twice daily'));
    expect(r).toMatchObject({ days: null, reason: 'daysSupply.noDose' });
  });

  it('refuses a dose by weight against a quantity in tablets, and computes it in the same unit', () => {
    const dosage = dosageOf('Take 500 mg by mouth every 12 hours');
    expect(daysSupply(60, dosage)).toMatchObject({ days: null, reason: 'daysSupply.unitMismatch' });
    expect(daysSupply(10_000, dosage, { quantityUnit: 'mg' }).days).toBe(10);
    expect(daysSupply(60, dosage, { quantityUnit: 'tablet' })).toMatchObject({
      days: null,
      reason: 'daysSupply.unitMismatch',
    });
  });

  it('computes insulin units when the quantity is counted in units', () => {
    expect(days(300, 'Inject 10 units subcutaneously at bedtime', { quantityUnit: 'units' })).toBe(30);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the quantity %s', (q) => {
    expect(daysSupply(q, dosageOf('Take 1 tablet daily'))).toMatchObject({
      days: null,
      reason: 'daysSupply.badQuantity',
    });
  });
});
