// Hand-written sig cases (as needed, ranges, durations and maximum dose): each states the exact FHIR R4 Dosage expected.
import { describe, it } from 'vitest';
import { bounds, dose, doseRange, expectCase, maxPer, route, timing } from './test-helpers.js';
import type { SigCase } from './test-helpers.js';

const cases: SigCase[] = [
  {
    sig: '1-2 tablets by mouth every 4 to 6 hours as needed for pain',
    dosage: {
      ...doseRange(1, 2, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' }),
      asNeededCodeableConcept: { text: 'pain' },
    },
  },
  {
    sig: '1 or 2 tablets every 6 hours as needed',
    dosage: {
      ...doseRange(1, 2, 'tablet'),
      ...timing({ frequency: 1, period: 6, periodUnit: 'h' }, 'Q6H'),
      asNeededBoolean: true,
    },
  },
  {
    sig: 'Take 1 tablet by mouth as needed',
    dosage: { ...dose(1, 'tablet'), ...route('oral'), method: { text: 'Take' }, asNeededBoolean: true },
  },
  {
    sig: 'Take 1 tablet by mouth every 6 hours as needed for pain',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 6, periodUnit: 'h' }, 'Q6H'),
      asNeededCodeableConcept: { text: 'pain' },
    },
  },
  {
    sig: 'Take 1 tablet by mouth every 6 hours prn nausea or vomiting',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 6, periodUnit: 'h' }, 'Q6H'),
      asNeededCodeableConcept: { text: 'nausea or vomiting' },
    },
  },
  {
    sig: '1 tab po tid prn anxiety',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 3, period: 1, periodUnit: 'd' }, 'TID'),
      asNeededCodeableConcept: { text: 'anxiety' },
    },
  },
  {
    sig: 'Take 1 tablet by mouth daily for 10 days',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ boundsDuration: bounds(10, 'd'), frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
  },
  {
    sig: 'Take 1 capsule by mouth three times daily x 10 days',
    dosage: {
      ...dose(1, 'capsule'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ boundsDuration: bounds(10, 'd'), frequency: 3, period: 1, periodUnit: 'd' }, 'TID'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth daily for 2 weeks',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ boundsDuration: bounds(2, 'wk'), frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth daily for 1 month',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ boundsDuration: bounds(1, 'mo'), frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth every 8 hours for 3 doses',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ count: 3, frequency: 1, period: 8, periodUnit: 'h' }, 'Q8H'),
    },
  },
  {
    sig: 'Take 1-2 tablets by mouth every 4-6 hours as needed for pain, not to exceed 8 tablets in 24 hours',
    dosage: {
      ...doseRange(1, 2, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' }),
      asNeededCodeableConcept: { text: 'pain' },
      ...maxPer(8, 'tablet', 24, 'h'),
    },
  },
  {
    sig: 'Take 2 tablets by mouth every 6 hours as needed. Do not exceed 8 tablets per day',
    dosage: {
      ...dose(2, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 6, periodUnit: 'h' }, 'Q6H'),
      asNeededBoolean: true,
      ...maxPer(8, 'tablet', 1, 'd'),
    },
  },
  {
    sig: 'Take 1 tablet every 4 hours as needed, max 6 per day',
    dosage: {
      ...dose(1, 'tablet'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 4, periodUnit: 'h' }, 'Q4H'),
      asNeededBoolean: true,
      ...maxPer(6, 'tablet', 1, 'd'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth daily with food',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
      additionalInstruction: [{ text: 'with food' }],
    },
  },
  {
    sig: 'Take 1 tablet by mouth daily on an empty stomach',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
      additionalInstruction: [{ text: 'on an empty stomach' }],
    },
  },
  {
    sig: 'Take 1 capsule by mouth daily, do not crush or chew',
    dosage: {
      ...dose(1, 'capsule'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
      additionalInstruction: [{ text: 'do not crush or chew' }],
    },
  },
  {
    sig: 'Take 1 tablet by mouth daily for blood pressure',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
      patientInstruction: 'for blood pressure',
    },
  },
  {
    sig: 'Use as directed',
    dosage: { method: { text: 'Use' }, additionalInstruction: [{ text: 'as directed' }] },
  },
  {
    sig: 'Take as directed',
    dosage: { method: { text: 'Take' }, additionalInstruction: [{ text: 'as directed' }] },
  },
];

describe('parseSig: as needed, ranges, durations and maximum dose', () => {
  it.each(cases)('keeps ranges as ranges and reads as-needed reasons, durations and limits: "$sig"', (c) =>
    expectCase(c),
  );
});
