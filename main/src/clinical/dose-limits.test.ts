import { describe, expect, it } from 'vitest';
import { checkDoseLimit } from './checker.js';

describe('checkDoseLimit', () => {
  it('accepts a dose at the maximum and flags one above it as a major alert that needs an override', () => {
    expect(checkDoseLimit('paracetamol', { value: 4, unit: 'g' }).status).toBe('within-limit');
    const over = checkDoseLimit('paracetamol', { value: 6, unit: 'g' });
    expect(over.status).toBe('exceeds-limit');
    if (over.status !== 'exceeds-limit') return;
    expect(over.alert.severity).toBe('major');
    expect(over.alert.requiresOverride).toBe(true);
    expect(over.alert.reason).toContain('1.5 times');
  });

  it('converts between g, mg and mcg', () => {
    expect(checkDoseLimit('paracetamol', { value: 4000, unit: 'mg' }).status).toBe('within-limit');
    expect(checkDoseLimit('paracetamol', { value: 4001, unit: 'milligrams' }).status).toBe('exceeds-limit');
    expect(checkDoseLimit('tamsulosin', { value: 400, unit: 'mcg' }).status).toBe('within-limit');
    expect(checkDoseLimit('tamsulosin', { value: 4, unit: 'mg' }).status).toBe('exceeds-limit');
    expect(checkDoseLimit('dutasteride', { value: 500, unit: 'µg' }).status).toBe('within-limit');
  });

  it('catches a tenfold error', () => {
    expect(checkDoseLimit('citalopram', { value: 400, unit: 'mg' }).status).toBe('exceeds-limit');
    expect(checkDoseLimit('colchicine', { value: 5, unit: 'mg' }).status).toBe('no-limit-known');
  });

  it('says when weight, age, renal or hepatic function lowers the limit', () => {
    const result = checkDoseLimit('Citalopram hydrobromide', { value: 40, unit: 'mg' });
    expect(result.status).toBe('within-limit');
    if (result.status !== 'within-limit') return;
    expect(result.ingredient).toBe('citalopram');
    expect(result.limit.adjustFor).toContain('age');
    expect(result.limit.note).toContain('65');
    expect(result.limit.references.length).toBeGreaterThan(0);
  });

  it('reports unknown units, bad values and combination names as errors, not as passes', () => {
    expect(checkDoseLimit('paracetamol', { value: 8, unit: 'tablets' })).toMatchObject({ status: 'invalid-dose', error: { code: 'clinical.dose.badUnit' } });
    expect(checkDoseLimit('paracetamol', { value: -1, unit: 'g' })).toMatchObject({ status: 'invalid-dose', error: { code: 'clinical.dose.badValue' } });
    expect(checkDoseLimit('paracetamol', { value: Number.NaN, unit: 'g' })).toMatchObject({ status: 'invalid-dose' });
    expect(checkDoseLimit('co-codamol', { value: 8, unit: 'g' })).toMatchObject({ status: 'invalid-dose', error: { code: 'clinical.dose.notSingleIngredient' } });
  });

  it('says when no limit is known, and whether the ingredient was recognised', () => {
    expect(checkDoseLimit('warfarin', { value: 5, unit: 'mg' })).toEqual({ status: 'no-limit-known', ingredient: 'warfarin', recognised: true });
    expect(checkDoseLimit('unobtainium', { value: 5, unit: 'mg' })).toEqual({ status: 'no-limit-known', ingredient: 'unobtainium', recognised: false });
    expect(checkDoseLimit('paracetamol', { value: 1, unit: 'g' }, 'parenteral').status).toBe('no-limit-known');
  });
});
