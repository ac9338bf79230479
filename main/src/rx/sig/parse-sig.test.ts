import { describe, expect, it } from 'vitest';
import { parseSig } from './parse-sig.js';
import { correctWord } from './spelling.js';
import { tokenize } from './tokenize.js';
import type { SigParse } from './types.js';

function parse(sig: string, doseUnit?: string): SigParse {
  const r = parseSig(sig, doseUnit === undefined ? {} : { doseUnit });
  if (!r.ok) throw new Error(`${sig}: ${r.error.code}`);
  return r.value;
}

describe('parseSig', () => {
  it('reports left-over text with its place in the original directions', () => {
    const sig = 'Take 1 tablet by mouth daily; patient to call office';
    const { unparsed } = parse(sig);
    expect(unparsed).toEqual([{ text: 'call office', start: 41, end: 52 }]);
    expect(sig.slice(41, 52)).toBe('call office');
  });

  it('returns a coded error that keeps the text when nothing can be read', () => {
    expect(parseSig('hello world')).toEqual({
      ok: false,
      error: {
        code: 'sig.unparseable',
        message: 'no dose, timing, route or instruction could be read from the directions',
        details: { text: 'hello world', unparsed: [{ text: 'hello world', start: 0, end: 11 }] },
      },
    });
  });

  it('lowers the confidence with each word it could not read', () => {
    const a = parse('Take 1 tablet by mouth daily').confidence;
    const b = parse('Take 1 tablet by mouth daily with grapefruit').confidence;
    const c = parse('Take 1 tablet by mouth daily with grapefruit juice at lunchtime sometimes').confidence;
    expect(a).toBe(1);
    expect(b).toBeLessThan(a);
    expect(c).toBeLessThan(b);
  });

  it('takes the unit from the dispensed product only for a bare number, and says so', () => {
    const bare = parse('1 po bid', 'tablet');
    expect(bare.dosage.doseAndRate).toEqual([
      { doseQuantity: { value: 1, unit: 'tablet', system: 'http://unitsofmeasure.org', code: '{tablet}' } },
    ]);
    expect(bare.warnings.map((w) => w.code)).toEqual(['sig.doseUnitFromProduct']);
    expect(parse('2 capsules po bid', 'tablet').dosage.doseAndRate?.[0]).toMatchObject({
      doseQuantity: { unit: 'capsule' },
    });
    expect(parse('1 po bid', 'no such unit').dosage.doseAndRate).toEqual([{ doseQuantity: { value: 1 } }]);
  });

  it('reads OD as once daily only when the dose cannot go in an eye, and with a warning', () => {
    expect(parse('1 tab po OD').dosage.timing?.repeat).toEqual({ frequency: 1, period: 1, periodUnit: 'd' });
    expect(parse('1 tab po OD').warnings[0]?.code).toBe('sig.ambiguousAbbreviation');
    expect(parse('1 gtt OD').dosage.timing).toBeUndefined();
  });

  it('corrects misspelt plain words with a warning and never touches abbreviations', () => {
    const r = parse('Tkae 1 tabet 3 tiems a day for 2 wekes');
    expect(r.dosage.timing?.repeat).toEqual({
      boundsDuration: { value: 2, unit: 'weeks', system: 'http://unitsofmeasure.org', code: 'wk' },
      frequency: 3,
      period: 1,
      periodUnit: 'd',
    });
    expect(r.warnings.filter((w) => w.code === 'sig.spellingCorrected').map((w) => w.fragment)).toEqual([
      'Tkae',
      'tabet',
      'tiems',
      'wekes',
    ]);
    expect(['bid', 'tid', 'qd', 'od', 'wake', 'apple'].map(correctWord)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(correctWord('dya')).toBe('day');
  });

  it('does not read English words as weekdays or clock times', () => {
    expect(parseSig('apply sunscreen before sun exposure').ok).toBe(false);
    expect(parse('apply to right arm 5 a day').dosage.timing).toBeUndefined();
  });

  it('splits dotted Latin abbreviations but keeps decimals', () => {
    expect(tokenize('q.4.h 1.5 p.r.n.').map((t) => t.text)).toEqual(['q', '4', 'h', '1.5', 'prn']);
  });

  it('reads a product named in the directions as a note, not as part of the Dosage', () => {
    const r = parse('Take 2 tabs of amoxicillin 500mg every 12 days for 10 days');
    expect(r.warnings.map((w) => w.code)).toEqual(['sig.productNamed']);
    expect(r.dosage.doseAndRate).toEqual([
      { doseQuantity: { value: 2, unit: 'tablet', system: 'http://unitsofmeasure.org', code: '{tablet}' } },
    ]);
    expect(r.dosage.timing?.repeat).toMatchObject({ frequency: 1, period: 12, periodUnit: 'd' });
  });

  it('stops at a second instruction instead of merging it into the first', () => {
    const r = parse('apply to scalp nightly and rinse in the morning');
    expect(r.dosage.timing?.repeat?.when).toEqual(['NIGHT']);
    expect(r.unparsed.map((f) => f.text)).toEqual(['rinse in the morning']);
    expect(r.confidence).toBeLessThanOrEqual(0.5);
  });

  it('keeps the original directions as Dosage.text, with spacing tidied', () => {
    expect(parse('  1 tab   po\tbid ').dosage.text).toBe('1 tab po bid');
  });

  it('keeps the days left after "except" rather than the days named', () => {
    expect(parse('Take 1 tablet by mouth daily except Sunday').dosage.timing?.repeat?.dayOfWeek).toEqual([
      'mon',
      'tue',
      'wed',
      'thu',
      'fri',
      'sat',
    ]);
    expect(parse('Take 1 tablet daily except on weekends').dosage.timing?.repeat?.dayOfWeek).toEqual([
      'mon',
      'tue',
      'wed',
      'thu',
      'fri',
    ]);
  });

  it('never reads a negated clause as an instruction to do it', () => {
    const r = parse('Take 1 tablet daily, do not take at bedtime');
    expect(r.dosage.timing?.repeat).toEqual({ frequency: 1, period: 1, periodUnit: 'd' });
    expect(r.unparsed.map((f) => f.text)).toEqual(['do not take at bedtime']);
    expect(r.warnings[0]?.code).toBe('sig.negationNotRead');
    expect(parseSig('Do not take at bedtime').ok).toBe(false);
  });

  it('reads "up to N times" as a frequency range and "up to N doses" as a count', () => {
    expect(parse('Take 1 tablet up to 3 times a day').dosage.timing?.repeat).toEqual({
      frequency: 1,
      frequencyMax: 3,
      period: 1,
      periodUnit: 'd',
    });
    const ntg = parse(
      'Dissolve 1 tablet under the tongue as needed for chest pain. May repeat every 5 minutes up to 3 doses',
    );
    expect(ntg.dosage.timing?.repeat).toEqual({ count: 3, frequency: 1, period: 5, periodUnit: 'min' });
    expect(ntg.unparsed).toEqual([]);
  });
});
