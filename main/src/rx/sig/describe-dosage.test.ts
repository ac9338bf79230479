import { describe, expect, it } from 'vitest';
import { describeDosage, formatNumber } from './describe-dosage.js';
import { parseSig } from './parse-sig.js';

const LABELS: [string, string][] = [
  ['Take 1 tablet by mouth twice daily for 7 days', 'Take 1 tablet by mouth twice a day for 7 days'],
  [
    '1-2 tabs po q4-6h prn pain, not to exceed 8 tabs in 24 hours',
    'Take 1 to 2 tablets by mouth every 4 to 6 hours as needed for pain. Do not take more than 8 tablets in 24 hours',
  ],
  ['1 gtt OU bid', 'Instill 1 drop in both eyes twice a day'],
  ['1 drop OD qid', 'Instill 1 drop in the right eye 4 times a day'],
  ['Inhale 2 puffs q4h prn wheezing', 'Inhale 2 puffs every 4 hours as needed for wheezing'],
  ['Take 1/2 tablet by mouth every morning', 'Take 1/2 tablet by mouth in the morning'],
  ['Take 1 1/2 tablets po qhs', 'Take 1 1/2 tablets by mouth at bedtime'],
  ['Inject 10 units subcut ac and hs', 'Inject 10 units under the skin before meals and at bedtime'],
  [
    'Take 1 tablet by mouth on Monday, Wednesday and Friday',
    'Take 1 tablet by mouth on Monday, Wednesday and Friday',
  ],
  [
    'Take 1 tablet by mouth 30 minutes before breakfast',
    'Take 1 tablet by mouth 30 minutes before breakfast',
  ],
  ['Take 1 tablet by mouth at 8 am and 8 pm', 'Take 1 tablet by mouth at 8:00 AM and 8:00 PM'],
  ['Use 2 sprays in each nostril daily', 'Use 2 sprays in each nostril once a day'],
  [
    'Apply a thin layer to affected area twice daily',
    'Apply to the affected area twice a day. Apply a thin layer',
  ],
  [
    'Take 1 capsule by mouth daily with food, do not crush or chew',
    'Take 1 capsule by mouth once a day. Take with food. Do not crush or chew',
  ],
  ['Take 1 tablet every other day', 'Take 1 tablet every other day'],
  [
    'Take 1 tablet by mouth up to 4 times a day as needed for anxiety',
    'Take 1 tablet by mouth up to 4 times a day as needed for anxiety',
  ],
  ['Take 4 tablets by mouth once weekly', 'Take 4 tablets by mouth once a week'],
  ['Take 1 tablet monthly', 'Take 1 tablet once a month'],
  ['Take 1 tablet by mouth every 8 hours for 3 doses', 'Take 1 tablet by mouth every 8 hours for 3 doses'],
  ['Use as directed', 'Use as directed'],
  ['Inject 1 mL IM once', 'Inject 1 mL into the muscle once'],
  ['Take 1 tablet by mouth daily for blood pressure', 'Take 1 tablet by mouth once a day for blood pressure'],
  [
    'Take 1 tablet every 4 hours as needed, max 6 per day',
    'Take 1 tablet every 4 hours as needed. Do not take more than 6 tablets a day',
  ],
  [
    'Insert 1 suppository rectally every 12 hours as needed for nausea',
    'Insert 1 suppository rectally every 12 hours as needed for nausea',
  ],
  [
    'Take 2 tablets by mouth every 6 hours as needed. Do not exceed 8 tablets per day',
    'Take 2 tablets by mouth every 6 hours as needed. Do not take more than 8 tablets a day',
  ],
  ['Take 1 tablet by mouth every 2 weeks', 'Take 1 tablet by mouth every 2 weeks'],
];

describe('describeDosage', () => {
  it.each(LABELS)('renders the parsed "%s" in plain words', (sig, label) => {
    const r = parseSig(sig);
    if (!r.ok) throw new Error(r.error.code);
    expect(describeDosage(r.value.dosage)).toBe(label);
  });

  it('falls back to the written text when nothing structured is known', () => {
    expect(describeDosage({ text: 'see attached' })).toBe('see attached');
  });

  it('writes halves and quarters as fractions', () => {
    expect([0.5, 1.5, 0.25, 2.75, 3, 0.1].map(formatNumber)).toEqual([
      '1/2',
      '1 1/2',
      '1/4',
      '2 3/4',
      '3',
      '0.1',
    ]);
  });
});
