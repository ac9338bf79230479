// Hand-written sig cases (what is not understood): each states the exact FHIR R4 Dosage expected.
import { describe, it } from 'vitest';
import { dose, expectCase, route, timing } from './test-helpers.js';
import type { SigCase } from './test-helpers.js';

const cases: SigCase[] = [
  {
    sig: 'Take 2 tablets by mouth now, then 1 tablet daily for 4 days',
    dosage: {
      ...dose(2, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      additionalInstruction: [{ text: 'immediately' }],
    },
    warnings: ['sig.multipleInstructions', 'sig.textLeftOver'],
    unparsed: ['then 1 tablet daily for 4 days'],
  },
  {
    sig: 'Take 1 tablet by mouth daily, 2 tablets at bedtime',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
    warnings: ['sig.multipleInstructions', 'sig.textLeftOver'],
    unparsed: ['2 tablets at bedtime'],
  },
  {
    sig: '1 tab po bid po tid',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
    warnings: ['sig.conflictingFrequency', 'sig.textLeftOver'],
    unparsed: ['tid'],
  },
  {
    sig: 'Take 1 tablet by mouth QM',
    dosage: { ...dose(1, 'tablet'), ...route('oral'), method: { text: 'Take' } },
    warnings: ['sig.ambiguousAbbreviation', 'sig.textLeftOver'],
    unparsed: ['QM'],
  },
  {
    sig: 'Take 1 tablet biweekly',
    dosage: { ...dose(1, 'tablet'), method: { text: 'Take' } },
    warnings: ['sig.ambiguousAbbreviation', 'sig.textLeftOver'],
    unparsed: ['biweekly'],
  },
  {
    sig: '1 tab OD',
    dosage: { ...dose(1, 'tablet'), ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD') },
    warnings: ['sig.ambiguousAbbreviation'],
  },
  { sig: 'Take medication OD', error: 'sig.unparseable' },
  { sig: '1x3', error: 'sig.unparseable' },
  { sig: 'hello world', error: 'sig.unparseable' },
  {
    sig: 'Take 1 tablet by mouth daily; patient to call office',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
    warnings: ['sig.textLeftOver'],
    unparsed: ['call office'],
  },
  {
    sig: 'take 1 tablet of lisinopril 10 mg by mouth daily',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
    warnings: ['sig.productNamed'],
  },
  {
    sig: 'Take 1 tablet (25 mg) by mouth daily',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
    warnings: ['sig.strengthInDirections'],
  },
  {
    sig: '1 tab po daily #30',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
    warnings: ['sig.dispenseQuantityInDirections'],
  },
  {
    sig: 'Tkae 1 tabet by mouth twice a day',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
    warnings: ['sig.spellingCorrected', 'sig.spellingCorrected'],
  },
];

describe('parseSig: what is not understood', () => {
  it.each(cases)('says what it could not read, warns, and never guesses: "$sig"', (c) => expectCase(c));
});
