// Fuzzing (DESIGN: every parser of outside input): directions come from OCR and keyboards, so no string
// may make the parser throw, fault, or return a result that contradicts its own text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysSupply } from './days-supply.js';
import { describeDosage } from './describe-dosage.js';
import { MAX_SIG_LENGTH, parseSig } from './parse-sig.js';
import type { SigResult } from './types.js';

const WORDS = [
  'take',
  'tab',
  'tablets',
  '1',
  '2',
  '1/2',
  '1.5',
  '.5',
  '1-2',
  'po',
  'by',
  'mouth',
  'bid',
  'tid',
  'qid',
  'qd',
  'qod',
  'q',
  'q4-6h',
  'q6h',
  'every',
  'other',
  'day',
  'hours',
  'prn',
  'as',
  'needed',
  'for',
  'pain',
  'x',
  '7',
  'days',
  'weeks',
  'od',
  'os',
  'ou',
  'ad',
  'as',
  'gtt',
  'drop',
  'puffs',
  'inhale',
  'sc',
  'units',
  'u',
  'at',
  'bedtime',
  'hs',
  'ac',
  'pc',
  'with',
  'meals',
  'mon',
  'wed',
  'fri',
  '-',
  '/',
  ',',
  ';',
  '(',
  ')',
  'then',
  'not',
  'to',
  'exceed',
  '8',
  'in',
  '24',
  'max',
  'once',
  'twice',
  'times',
  'a',
  'week',
  'monthly',
  'of',
  'amoxicillin',
  '500',
  'mg',
  'ml',
  'tsp',
  'apply',
  'affected',
  'area',
  '#30',
  '9:00',
  'am',
  'pm',
  'up',
  'half',
  'one',
  'and',
  'breakfast',
  'before',
  '30',
  'minutes',
  'stat',
  'ivtod',
  'q.o.d.',
  'p.r.n.',
];

const sigLike = fc.array(fc.constantFrom(...WORDS), { maxLength: 25 }).map((ws) => ws.join(' '));

function checkResult(input: string, r: SigResult): void {
  if (!r.ok) {
    expect(r.error.code).not.toBe('sig.parserFault');
    expect(r.error.details.text).toBe(input);
    return;
  }
  const { dosage, unparsed, confidence } = r.value;
  expect(confidence).toBeGreaterThanOrEqual(0);
  expect(confidence).toBeLessThanOrEqual(1);
  for (const f of unparsed) expect(input.slice(f.start, f.end)).toBe(f.text);
  expect(typeof describeDosage(dosage)).toBe('string');
  const ds = daysSupply(30, dosage);
  if (ds.days !== null) expect(Number.isInteger(ds.days) && ds.days >= 1).toBe(true);
  expect(JSON.parse(JSON.stringify(dosage))).toEqual(dosage);
}

describe('parseSig fuzzing', () => {
  it('never throws or faults on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => checkResult(s, parseSig(s))),
      { seed: 20240601, numRuns: 3000 },
    );
  });

  it('never throws or faults on arbitrary Unicode, including astral and combining characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (s) => checkResult(s, parseSig(s))),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('never throws or faults on shuffled pharmacy vocabulary', () => {
    fc.assert(
      fc.property(sigLike, (s) => checkResult(s, parseSig(s))),
      { seed: 11, numRuns: 5000 },
    );
  });

  it('refuses directions over the length limit with the text kept', () => {
    const long = 'take 1 tablet daily '.repeat(60);
    expect(long.length).toBeGreaterThan(MAX_SIG_LENGTH);
    const r = parseSig(long);
    expect(r.ok ? 'ok' : r.error).toEqual({
      code: 'sig.tooLong',
      message: `directions longer than ${MAX_SIG_LENGTH} characters are not parsed`,
      details: { text: long },
    });
  });

  it('refuses empty and blank directions', () => {
    for (const s of ['', '   ', '\n\t'])
      expect(parseSig(s)).toMatchObject({ ok: false, error: { code: 'sig.empty' } });
  });
});
