import { describe, expect, it } from 'vitest';
import type { SafetyAlert } from './contract.js';
import { checkDuplicateTherapy } from './checker.js';

const summary = (alerts: SafetyAlert[]): string[][] => alerts.map((a) => [a.ingredients.join('+'), a.severity, a.ruleId]);

describe('checkDuplicateTherapy', () => {
  it('flags two drugs of one therapeutic class', () => {
    expect(summary(checkDuplicateTherapy(['sertraline', 'citalopram']))).toEqual([['citalopram+sertraline', 'moderate', 'duplicate-class-ssri']]);
    expect(summary(checkDuplicateTherapy(['ibuprofen'], ['naproxen']))).toEqual([['ibuprofen+naproxen', 'moderate', 'duplicate-class-nsaid']]);
    expect(summary(checkDuplicateTherapy(['celecoxib'], ['diclofenac']))).toEqual([['celecoxib+diclofenac', 'moderate', 'duplicate-class-nsaid']]);
  });

  it('uses the class severity: two anticoagulants and two P2Y12 inhibitors are major', () => {
    expect(summary(checkDuplicateTherapy(['apixaban'], ['warfarin']))).toEqual([['apixaban+warfarin', 'major', 'duplicate-class-anticoagulant']]);
    const p2y12 = checkDuplicateTherapy(['ticagrelor'], ['clopidogrel']);
    expect(p2y12[0]?.severity).toBe('major');
    expect(p2y12[0]?.requiresOverride).toBe(true);
  });

  it('flags the same ingredient arriving in two products', () => {
    expect(summary(checkDuplicateTherapy(['co-codamol'], ['paracetamol']))).toEqual([['paracetamol', 'moderate', 'duplicate-same-ingredient']]);
    expect(summary(checkDuplicateTherapy(['paracetamol', 'co-dydramol']))).toEqual([['paracetamol', 'moderate', 'duplicate-same-ingredient']]);
  });

  it('does not flag intended combinations from different classes', () => {
    expect(checkDuplicateTherapy(['aspirin', 'clopidogrel'])).toEqual([]);
    expect(checkDuplicateTherapy(['insulin glargine', 'insulin aspart'])).toEqual([]);
    expect(checkDuplicateTherapy(['isosorbide mononitrate', 'glyceryl trinitrate'])).toEqual([]);
    expect(checkDuplicateTherapy(['metformin', 'gliclazide', 'sitagliptin'])).toEqual([]);
  });

  it('does not re-report duplicates among medicines already being taken', () => {
    expect(checkDuplicateTherapy(['amoxicillin'], ['omeprazole', 'lansoprazole'])).toEqual([]);
  });
});
