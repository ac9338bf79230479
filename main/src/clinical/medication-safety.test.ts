import { describe, expect, it } from 'vitest';
import { medicationSafetyReportSchema, severityRank } from './contract.js';
import { checkMedicationSafety } from './checker.js';

describe('checkMedicationSafety', () => {
  const report = checkMedicationSafety({
    newIngredients: ['clarithromycin', 'co-codamol', 'amoxicillin'],
    activeIngredients: ['simvastatin', 'warfarin', 'paracetamol', 'mystery herb'],
    allergies: ['penicillin', 'latex'],
    dailyDoses: [
      { ingredient: 'paracetamol', value: 3, unit: 'g' },
      { ingredient: 'paracetamol', value: 2000, unit: 'mg' },
      { ingredient: 'codeine', value: 3, unit: 'tabs' },
    ],
  });

  it('returns interactions, allergies, duplicates and dose alerts ranked worst first', () => {
    const kinds = new Set(report.alerts.map((a) => a.kind));
    expect(kinds).toEqual(new Set(['interaction', 'allergy', 'duplicate-therapy', 'dose-limit']));
    const ranks = report.alerts.map((a) => severityRank[a.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(report.highestSeverity).toBe('contraindicated');
    expect(report.alerts[0]?.kind).toBe('allergy');
  });

  it('gives each alert a reason and advice, and requires an override for major and contraindicated', () => {
    for (const alert of report.alerts) {
      expect(alert.reason.length).toBeGreaterThan(0);
      expect(alert.advice.length).toBeGreaterThan(0);
      expect(alert.requiresOverride).toBe(severityRank[alert.severity] >= severityRank.major);
    }
    expect(report.requiresOverride).toBe(true);
  });

  it('adds up the same ingredient from several products before checking the dose', () => {
    const dose = report.alerts.find((a) => a.kind === 'dose-limit');
    expect(dose?.reason).toContain('Combined daily dose (2 products) of paracetamol 5 g');
  });

  it('lists what it could not check', () => {
    expect(report.unrecognised).toEqual({ ingredients: ['mystery herb'], allergies: ['latex'] });
    expect(report.doseProblems).toEqual([{ ingredient: 'codeine', code: 'clinical.dose.badUnit', message: 'Unknown dose unit "tabs"; use mcg, mg or g.' }]);
  });

  it('matches its published schema and survives JSON', () => {
    expect(medicationSafetyReportSchema.parse(report)).toEqual(report);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('does not re-report interactions between medicines the patient already takes', () => {
    const onlyActive = checkMedicationSafety({ newIngredients: ['paracetamol'], activeIngredients: ['warfarin', 'ibuprofen'] });
    expect(onlyActive.alerts.map((a) => a.ruleId)).toEqual(['vka-paracetamol']);
  });

  it('returns an empty report for a safe dispense', () => {
    expect(checkMedicationSafety({ newIngredients: ['amoxicillin'], activeIngredients: ['paracetamol'], allergies: [] })).toEqual({
      alerts: [],
      requiresOverride: false,
      highestSeverity: null,
      unrecognised: { ingredients: [], allergies: [] },
      doseProblems: [],
    });
  });
});
