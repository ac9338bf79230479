import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDuplicateTherapy, checkInteractions, checkMedicationSafety } from './checker.js';

// A pool rich in interacting drugs, with synonyms, salts, combination products and an unknown name.
const pool = [
  'warfarin', 'ibuprofen', 'naproxen', 'aspirin', 'clopidogrel', 'omeprazole', 'clarithromycin', 'simvastatin',
  'atorvastatin', 'sertraline', 'citalopram', 'tramadol', 'linezolid', 'phenelzine', 'sumatriptan', 'methadone',
  'haloperidol', 'ondansetron', 'amiodarone', 'digoxin', 'methotrexate', 'co-trimoxazole', 'trimethoprim',
  'spironolactone', 'ramipril', 'losartan', 'potassium chloride', 'sildenafil', 'isosorbide mononitrate', 'lithium',
  'bendroflumethiazide', 'allopurinol', 'azathioprine', 'rifampicin', 'tacrolimus', 'ciclosporin', 'itraconazole',
  'midazolam', 'colchicine', 'paracetamol', 'acetaminophen', 'amoxicillin', 'co-amoxiclav', 'metformin',
  'Sertraline Hydrochloride', "St John's wort", 'ethinylestradiol', 'carbamazepine', 'apixaban', 'morphine',
  'diazepam', 'pregabalin', 'levothyroxine', 'calcium carbonate', 'ciprofloxacin', 'tizanidine', 'unknownium',
];

const subsets = fc.shuffledSubarray(pool, { minLength: 0, maxLength: 20 });
const permutedPair = subsets.chain((list) =>
  fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
);
const seeds = { seed: 20250101, numRuns: 150 } as const;

const pairKey = (drugs: readonly [string, string], ruleId: string): string => `${[...drugs].sort().join('+')}#${ruleId}`;

describe('checkInteractions properties', () => {
  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(permutedPair, ([list, permuted]) => {
        expect(checkInteractions(permuted)).toEqual(checkInteractions(list));
      }),
      seeds,
    );
  });

  it('never reports the same pair and rule twice, and never pairs a drug with itself', () => {
    fc.assert(
      fc.property(subsets, (list) => {
        const found = checkInteractions(list);
        const keys = found.map((i) => pairKey(i.drugs, i.ruleId));
        expect(new Set(keys).size).toBe(keys.length);
        for (const i of found) expect(i.drugs[0]).not.toBe(i.drugs[1]);
      }),
      seeds,
    );
  });

  it('is the union of its pairwise checks (adding a drug never hides an interaction)', () => {
    fc.assert(
      fc.property(subsets, fc.constantFrom(...pool), (list, extra) => {
        const before = new Set(checkInteractions(list).map((i) => pairKey(i.drugs, i.ruleId)));
        const after = new Set(checkInteractions([...list, extra]).map((i) => pairKey(i.drugs, i.ruleId)));
        for (const key of before) expect(after.has(key)).toBe(true);
      }),
      seeds,
    );
  });

  it('is JSON-serialisable and deterministic across calls', () => {
    fc.assert(
      fc.property(subsets, (list) => {
        const first = checkInteractions(list);
        expect(JSON.parse(JSON.stringify(first))).toEqual(first);
        expect(checkInteractions(list)).toEqual(first);
      }),
      { ...seeds, numRuns: 50 },
    );
  });
});

describe('checkMedicationSafety and checkDuplicateTherapy properties', () => {
  it('do not depend on input order and never repeat an alert', () => {
    fc.assert(
      fc.property(subsets, subsets, fc.subarray(['penicillin', 'sulfa', 'codeine', 'NSAIDs', 'latex']), (fresh, active, allergies) => {
        const report = checkMedicationSafety({ newIngredients: fresh, activeIngredients: active, allergies });
        const reversed = checkMedicationSafety({ newIngredients: [...fresh].reverse(), activeIngredients: [...active].reverse(), allergies: [...allergies].reverse() });
        expect(reversed).toEqual(report);
        const ids = report.alerts.map((a) => a.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(checkDuplicateTherapy([...fresh].reverse(), [...active].reverse())).toEqual(checkDuplicateTherapy(fresh, active));
      }),
      seeds,
    );
  });

  it('mark an override exactly when some alert is major or contraindicated', () => {
    fc.assert(
      fc.property(subsets, subsets, (fresh, active) => {
        const report = checkMedicationSafety({ newIngredients: fresh, activeIngredients: active });
        const needed = report.alerts.some((a) => a.severity === 'major' || a.severity === 'contraindicated');
        expect(report.requiresOverride).toBe(needed);
      }),
      seeds,
    );
  });
});
