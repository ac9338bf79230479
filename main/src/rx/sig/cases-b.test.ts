// Hand-written sig cases (frequency and period): each states the exact FHIR R4 Dosage expected.
import { describe, it } from 'vitest';
import { bounds, dose, doseRange, expectCase, route, timing } from './test-helpers.js';
import type { SigCase } from './test-helpers.js';

const cases: SigCase[] = [
  {
    sig: '1 tab PO BID',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
  },
  {
    sig: '1 cap po qid',
    dosage: {
      ...dose(1, 'capsule'),
      ...route('oral'),
      ...timing({ frequency: 4, period: 1, periodUnit: 'd' }, 'QID'),
    },
  },
  {
    sig: '1 tab po qd',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 1, periodUnit: 'd' }, 'QD'),
    },
    warnings: ['sig.ismpErrorProne'],
  },
  {
    sig: '1 tab po QOD',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 2, periodUnit: 'd' }, 'QOD'),
    },
    warnings: ['sig.ismpErrorProne'],
  },
  {
    sig: '1 tab po every other day',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 2, periodUnit: 'd' }, 'QOD'),
    },
  },
  {
    sig: '1 tab po q.i.d.',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 4, period: 1, periodUnit: 'd' }, 'QID'),
    },
  },
  {
    sig: 'Take 1 tab p.o. b.i.d. x 5 d',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ boundsDuration: bounds(5, 'd'), frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth weekly',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'wk' }, 'WK'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth twice weekly',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'wk' }),
    },
  },
  {
    sig: 'Take 1 tablet by mouth once a month',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'mo' }, 'MO'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth every 8 hours',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 8, periodUnit: 'h' }, 'Q8H'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth every 72 hours',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 72, periodUnit: 'h' }),
    },
  },
  {
    sig: 'Take 1 tablet by mouth every 2 weeks',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 2, periodUnit: 'wk' }),
    },
  },
  {
    sig: 'Take 1 tablet by mouth every 3 months',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 3, periodUnit: 'mo' }),
    },
  },
  {
    sig: 'Take 1 tablet by mouth three times a day',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 3, period: 1, periodUnit: 'd' }, 'TID'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth 4 times daily',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 4, period: 1, periodUnit: 'd' }, 'QID'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth twice daily (every 12 hours)',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd' }, 'BID'),
    },
  },
  {
    sig: '1 tab po q6h',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 6, periodUnit: 'h' }, 'Q6H'),
    },
  },
  {
    sig: '1 tab po q4-6h prn pain',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' }),
      asNeededCodeableConcept: { text: 'pain' },
    },
  },
  {
    sig: 'Take 1 tablet by mouth up to 4 times a day as needed for pain',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, frequencyMax: 4, period: 1, periodUnit: 'd' }),
      asNeededCodeableConcept: { text: 'pain' },
    },
  },
  {
    sig: 'Take 1 to 2 tablets by mouth 1 to 2 times a day',
    dosage: {
      ...doseRange(1, 2, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, frequencyMax: 2, period: 1, periodUnit: 'd' }),
    },
  },
  {
    sig: 'Take 1 tablet by mouth in the morning',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] }, 'AM'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth in the evening',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['EVE'] }, 'QD'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth at bedtime',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] }, 'BED'),
    },
  },
  {
    sig: '1 tab po qhs',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] }, 'BED'),
    },
    warnings: ['sig.ismpErrorProne'],
  },
  {
    sig: '1 tab po qam',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] }, 'AM'),
    },
  },
  {
    sig: 'Take 1 capsule by mouth with meals',
    dosage: { ...dose(1, 'capsule'), ...route('oral'), method: { text: 'Take' }, ...timing({ when: ['C'] }) },
  },
  {
    sig: 'Take 1 tablet by mouth before meals',
    dosage: { ...dose(1, 'tablet'), ...route('oral'), method: { text: 'Take' }, ...timing({ when: ['AC'] }) },
  },
  {
    sig: '1 tab po ac',
    dosage: { ...dose(1, 'tablet'), ...route('oral'), ...timing({ when: ['AC'] }) },
  },
  {
    sig: '1 tab po pc',
    dosage: { ...dose(1, 'tablet'), ...route('oral'), ...timing({ when: ['PC'] }) },
  },
  {
    sig: '1 tab po twice a day after meals',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 2, period: 1, periodUnit: 'd', when: ['PC'] }, 'BID'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth before breakfast',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['ACM'] }, 'QD'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth every morning before breakfast',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['ACM'] }, 'QD'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth 30 minutes before breakfast',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['ACM'], offset: 30 }, 'QD'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth on Monday, Wednesday and Friday',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', dayOfWeek: ['mon', 'wed', 'fri'] }),
    },
  },
  {
    sig: 'Take 1 tablet by mouth Mon-Fri',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', dayOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'] }),
    },
  },
  {
    sig: '1 tab po weekly on Sunday',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['sun'] }, 'WK'),
    },
  },
  {
    sig: 'Take 4 tablets by mouth once weekly on Saturday',
    dosage: {
      ...dose(4, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['sat'] }, 'WK'),
    },
  },
  {
    sig: 'Take 1 tablet by mouth every Monday',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', dayOfWeek: ['mon'] }),
    },
  },
  {
    sig: 'Take 1 tablet by mouth at 8 am and 8 pm',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ frequency: 2, period: 1, periodUnit: 'd', timeOfDay: ['08:00:00', '20:00:00'] }),
    },
  },
  {
    sig: '1 tab po daily at 9:00',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      ...timing({ frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['09:00:00'] }),
    },
  },
  {
    sig: 'Take 1 capsule by mouth once',
    dosage: { ...dose(1, 'capsule'), ...route('oral'), method: { text: 'Take' }, ...timing({ count: 1 }) },
  },
  {
    sig: 'Take 1 tablet by mouth stat',
    dosage: {
      ...dose(1, 'tablet'),
      ...route('oral'),
      method: { text: 'Take' },
      ...timing({ count: 1 }),
      additionalInstruction: [{ text: 'immediately' }],
    },
  },
];

describe('parseSig: frequency and period', () => {
  it.each(cases)('reads frequencies, intervals and events into Timing.repeat: "$sig"', (c) => expectCase(c));
});
