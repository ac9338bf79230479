// Hand-written sig cases (dose, unit and route): each states the exact FHIR R4 Dosage expected.
import { describe, it } from 'vitest';
import { bounds, dose, expectCase, route, site, timing } from './test-helpers.js';
import type { SigCase } from './test-helpers.js';

const cases: SigCase[] = [
  {
    sig: 'Take 1 tablet by mouth twice daily for 7 days',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ boundsDuration: bounds(7, 'd'), frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
  },
  {
    sig: 'Take 2 capsules by mouth three times a day',
    dosage: {
      ...dose(2, 'capsule'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 3, period: 1, periodUnit: 'd' }, 'TID'),
    },
  },
  {
    sig: 'Take one tablet by mouth once a day',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
  },
  {
    sig: 'Take two tablets by mouth at bedtime',
    dosage: {
      ...dose(2, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] }, 'BED'),
    },
  },
  {
    sig: 'Take half a tablet by mouth daily',
    dosage: {
      ...dose(0.5, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
  },
  {
    sig: 'Take 1/2 tablet by mouth every morning',
    dosage: {
      ...dose(0.5, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] }, 'AM'),
    },
  },
  {
    sig: 'Take 1.5 tablets by mouth daily',
    dosage: {
      ...dose(1.5, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
  },
  {
    sig: 'Take one and a half tablets by mouth twice a day',
    dosage: {
      ...dose(1.5, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
  },
  {
    sig: 'Take 10 mL by mouth every 8 hours',
    dosage: {
      ...dose(10, 'mL'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 8, periodUnit: 'h' }, 'Q8H'),
    },
  },
  {
    sig: 'Take 500 mg by mouth every 12 hours',
    dosage: {
      ...dose(500, 'mg'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 12, periodUnit: 'h' }),
    },
  },
  {
    sig: 'Take 5 mL by mouth twice a day',
    dosage: {
      ...dose(5, 'mL'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
  },
  {
    sig: 'Take 20 mg by mouth daily',
    dosage: {
      ...dose(20, 'mg'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
  },
  {
    sig: 'Inhale 2 puffs every 4 hours as needed for wheezing',
    dosage: {
      ...dose(2, 'puff'),
      ...route('inhaled'),
      method: { text: 'Inhale' },
      ...timing({ frequency: 1, period: 4, periodUnit: 'h' }, 'Q4H'),
      asNeededCodeableConcept: { text: 'wheezing' },
    },
  },
  {
    sig: 'Inhale 2 puffs by mouth twice daily, rinse mouth after use',
    dosage: {
      ...dose(2, 'puff'),
      ...route('inhaled'),
      method: { text: 'Inhale' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
      additionalInstruction: [{ text: 'rinse mouth after use' }],
    },
  },
  {
    sig: '2 puffs inh q4h prn sob',
    dosage: {
      ...dose(2, 'puff'),
      ...route('inhaled'),
      ...timing({ frequency: 1, period: 4, periodUnit: 'h' }, 'Q4H'),
      asNeededCodeableConcept: { text: 'sob' },
    },
  },
  {
    sig: 'Instill 1 drop in each eye twice daily',
    dosage: {
      ...dose(1, 'drop'),
      ...route('ophthalmic'),
      ...site('bothEyes'),
      method: { text: 'Instill' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
  },
  {
    sig: '1 gtt OU qhs',
    dosage: {
      ...dose(1, 'drop'),
      ...route('ophthalmic'),
      ...site('bothEyes'),
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] }, 'BED'),
    },
    warnings: ['sig.ismpErrorProne', 'sig.ismpErrorProne'],
  },
  {
    sig: '2 gtts OS tid',
    dosage: {
      ...dose(2, 'drop'),
      ...route('ophthalmic'),
      ...site('leftEye'),
      ...timing({ frequency: 3, period: 1, periodUnit: 'd' }, 'TID'),
    },
    warnings: ['sig.ismpErrorProne'],
  },
  {
    sig: '1 drop OD bid',
    dosage: {
      ...dose(1, 'drop'),
      ...route('ophthalmic'),
      ...site('rightEye'),
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
    warnings: ['sig.ismpErrorProne'],
  },
  {
    sig: '1 drop OD',
    dosage: { ...dose(1, 'drop'), ...route('ophthalmic'), ...site('rightEye') },
    warnings: ['sig.ismpErrorProne'],
  },
  {
    sig: 'Inject 10 units subcutaneously at bedtime',
    dosage: {
      ...dose(10, 'unit'),
      ...route('subcutaneous'),
      method: { text: 'Inject' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] }, 'BED'),
    },
  },
  {
    sig: '10 U sc ac',
    dosage: { ...dose(10, 'unit'), ...route('subcutaneous'), ...timing({ when: ['AC'] }) },
    warnings: ['sig.ismpErrorProne', 'sig.ismpErrorProne'],
  },
  {
    sig: 'Inject 1 mL IM once',
    dosage: {
      ...dose(1, 'mL'),
      ...route('intramuscular'),
      method: { text: 'Inject' },
      ...timing({ count: 1 }),
    },
  },
  {
    sig: 'Apply 1 patch every 72 hours',
    dosage: {
      ...dose(1, 'patch'),
      method: { text: 'Apply' },
      ...timing({ frequency: 1, period: 72, periodUnit: 'h' }),
    },
  },
  {
    sig: 'Apply 1 patch to skin every 7 days',
    dosage: {
      ...dose(1, 'patch'),
      ...route('topical'),
      site: { text: 'skin' },
      method: { text: 'Apply' },
      ...timing({ frequency: 1, period: 7, periodUnit: 'd' }),
    },
  },
  {
    sig: 'Use 2 sprays in each nostril once daily',
    dosage: {
      ...dose(2, 'spray'),
      ...route('nasal'),
      site: { text: 'each nostril' },
      method: { text: 'Use' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
  },
  {
    sig: '2 sprays each nostril bid prn congestion',
    dosage: {
      ...dose(2, 'spray'),
      ...route('nasal'),
      site: { text: 'each nostril' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
      asNeededCodeableConcept: { text: 'congestion' },
    },
  },
  {
    sig: 'Insert 1 suppository rectally at bedtime as needed for constipation',
    dosage: {
      ...dose(1, 'suppository'),
      ...route('rectal'),
      method: { text: 'Insert' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] }, 'BED'),
      asNeededCodeableConcept: { text: 'constipation' },
    },
  },
  {
    sig: 'Insert 1 applicatorful vaginally at bedtime for 7 days',
    dosage: {
      ...dose(1, 'applicatorful'),
      ...route('vaginal'),
      method: { text: 'Insert' },
      ...timing(
        { boundsDuration: bounds(7, 'd'), frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] },
        'BED',
      ),
    },
  },
  {
    sig: 'Place 1 tablet under the tongue every 5 minutes as needed for chest pain',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('sublingual'),
      method: { text: 'Place' },
      ...timing({ frequency: 1, period: 5, periodUnit: 'min' }),
      asNeededCodeableConcept: { text: 'chest pain' },
    },
  },
  {
    sig: '1 tab SL q5min prn chest pain',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('sublingual'),
      ...timing({ frequency: 1, period: 5, periodUnit: 'min' }),
      asNeededCodeableConcept: { text: 'chest pain' },
    },
  },
  {
    sig: 'Apply to affected area twice daily',
    dosage: {
      ...route('topical'),
      site: { text: 'affected area' },
      method: { text: 'Apply' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
  },
  {
    sig: 'Apply a thin layer to affected area twice daily',
    dosage: {
      ...route('topical'),
      site: { text: 'affected area' },
      method: { text: 'Apply' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
      additionalInstruction: [{ text: 'apply a thin layer' }],
    },
  },
  {
    sig: 'Apply topically to the scalp at bedtime',
    dosage: {
      ...route('topical'),
      site: { text: 'scalp' },
      method: { text: 'Apply' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] }, 'BED'),
    },
  },
  {
    sig: 'Take 1 teaspoon by mouth every 6 hours',
    dosage: {
      ...dose(1, 'teaspoon'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 6, periodUnit: 'h' }, 'Q6H'),
    },
    warnings: ['sig.householdMeasure'],
  },
  {
    sig: 'Take .5 mL by mouth daily',
    dosage: {
      ...dose(0.5, 'mL'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
    warnings: ['sig.ismpErrorProne'],
  },
  {
    sig: 'Take 1.0 tablet daily',
    dosage: {
      ...dose(1, 'tablet'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
    warnings: ['sig.ismpErrorProne'],
  },
];

describe('parseSig: dose, unit and route', () => {
  it.each(cases)('reads the dose, its unit and the route exactly: "$sig"', (c) => expectCase(c));
});
