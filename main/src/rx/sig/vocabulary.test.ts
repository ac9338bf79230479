// The shared sig vocabulary (shared/data/sig) checked entry by entry against what this parser reads.
// The TSV asks to be verified: every row must have a reading here, and the corrections are asserted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSig } from './parse-sig.js';
import type { Dosage, SigParse } from './types.js';

const shared = (name: string): string =>
  readFileSync(new URL(`../../../../../shared/data/sig/${name}`, import.meta.url), 'utf8');

function parse(sig: string): SigParse {
  const r = parseSig(sig);
  if (!r.ok) throw new Error(`${sig}: ${r.error.code}`);
  return r.value;
}

const repeatOf = (sig: string): unknown => parse(sig).dosage.timing?.repeat;
const codeOf = (sig: string): string | undefined => parse(sig).dosage.timing?.code?.coding?.[0]?.code;
const routeOf = (d: Dosage): string | undefined => d.route?.coding?.[0]?.code;
const warningsOf = (sig: string): string[] => parse(sig).warnings.map((w) => w.code);

describe('parsigs Latin frequencies', () => {
  const table = JSON.parse(shared('parsigs_latin_frequency.json')) as Record<
    string,
    { frequencyType: string; interval: number; times: number }
  >;
  const unit: Record<string, string> = { Hour: 'h', Day: 'd', Week: 'wk' };

  it.each(Object.entries(table))('reads "1 tab %s" as the table says', (abbr, f) => {
    expect(repeatOf(`1 tab ${abbr}`)).toEqual({
      frequency: f.times,
      period: f.interval,
      periodUnit: unit[f.frequencyType],
    });
  });
});

/** Each TSV row → directions using it, and what this parser reads (with the correction, where the row was wrong). */
const TSV_READINGS: Record<string, () => void> = {
  QD: () => {
    expect(repeatOf('1 tab qd')).toEqual({ frequency: 1, period: 1, periodUnit: 'd' });
    expect(warningsOf('1 tab qd')).toEqual(['sig.ismpErrorProne']);
  },
  QOD: () => {
    expect(repeatOf('1 tab qod')).toEqual({ frequency: 1, period: 2, periodUnit: 'd' });
    expect(warningsOf('1 tab qod')).toEqual(['sig.ismpErrorProne']);
  },
  BID: () => expect(codeOf('1 tab bid')).toBe('BID'),
  TID: () => expect(codeOf('1 tab tid')).toBe('TID'),
  QID: () => expect(codeOf('1 tab qid')).toBe('QID'),
  'QAM / AM': () => {
    expect(repeatOf('1 tab qam')).toEqual({ frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] });
    expect(codeOf('1 tab am')).toBe('AM');
  },
  // Correction: v3 GTSAbbreviation PM is "every afternoon"; "qpm" in a sig is the evening, so when=EVE, no PM code.
  'QPM / PM': () => {
    expect(repeatOf('1 tab qpm')).toEqual({ frequency: 1, period: 1, periodUnit: 'd', when: ['EVE'] });
    expect(codeOf('1 tab pm')).toBe('QD');
  },
  'QHS / HS': () => {
    expect(repeatOf('1 tab qhs')).toEqual({ frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] });
    expect(codeOf('1 tab hs')).toBe('BED');
    expect(warningsOf('1 tab hs')).toEqual(['sig.ismpErrorProne']);
  },
  'Q1H..Q24H': () => {
    expect(codeOf('1 tab q1h')).toBe('Q1H');
    expect(codeOf('1 tab q8h')).toBe('Q8H');
    expect(codeOf('1 tab q24h')).toBeUndefined();
    expect(repeatOf('1 tab q24h')).toEqual({ frequency: 1, period: 24, periodUnit: 'h' });
  },
  'QW / QWK': () => expect(codeOf('1 tab qwk')).toBe('WK'),
  BIW: () => expect(repeatOf('1 tab biw')).toEqual({ frequency: 2, period: 1, periodUnit: 'wk' }),
  TIW: () => expect(repeatOf('1 tab tiw')).toEqual({ frequency: 3, period: 1, periodUnit: 'wk' }),
  // Correction: "QM" is also quaque mane (every morning); it is named as ambiguous and left unread.
  'QM / Q month': () => {
    expect(warningsOf('1 tab qm')).toEqual(['sig.ambiguousAbbreviation', 'sig.textLeftOver']);
    expect(codeOf('1 tab q month')).toBe('MO');
  },
  PRN: () => expect(parse('1 tab prn').dosage.asNeededBoolean).toBe(true),
  STAT: () => expect(repeatOf('1 tab stat')).toEqual({ count: 1 }),
  AC: () => expect(repeatOf('1 tab ac')).toEqual({ when: ['AC'] }),
  PC: () => expect(repeatOf('1 tab pc')).toEqual({ when: ['PC'] }),
  // Deviation: "cc" is also cubic centimetres (ISMP) and a lone "c" is too short to read; "with meals" and
  // "wm" are read as when=C.
  'CC / C': () => {
    expect(repeatOf('1 tab with meals')).toEqual({ when: ['C'] });
    expect(parse('5 cc po bid').dosage.doseAndRate).toEqual([
      { doseQuantity: { value: 5, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' } },
    ]);
    expect(parse('1 tab c').unparsed.map((f) => f.text)).toEqual(['c']);
  },
  PO: () => expect(routeOf(parse('1 tab po').dosage)).toBe('26643006'),
  SL: () => expect(routeOf(parse('1 tab sl').dosage)).toBe('37839007'),
  PR: () => expect(routeOf(parse('1 supp pr').dosage)).toBe('37161004'),
  PV: () => expect(routeOf(parse('1 tab pv').dosage)).toBe('16857009'),
  IM: () => expect(routeOf(parse('1 mL im').dosage)).toBe('78421000'),
  IV: () => expect(routeOf(parse('1 mL iv').dosage)).toBe('47625008'),
  'SC / SQ / SubQ': () => {
    for (const s of ['sc', 'sq', 'subq']) expect(routeOf(parse(`10 units ${s}`).dosage)).toBe('34206005');
    expect(warningsOf('10 units sq')).toEqual(['sig.ismpErrorProne']);
    expect(warningsOf('10 units subq')).toEqual([]);
  },
  TOP: () => expect(routeOf(parse('apply top bid').dosage)).toBe('6064005'),
  INH: () => expect(routeOf(parse('2 puffs inh bid').dosage)).toBe('447694001'),
  OD: () => {
    expect(parse('1 gtt od').dosage.site?.coding?.[0]?.code).toBe('18944008');
    expect(codeOf('1 tab od')).toBe('QD');
  },
  OS: () => expect(parse('1 gtt os').dosage.site?.coding?.[0]?.code).toBe('8966001'),
  OU: () => expect(parse('1 gtt ou').dosage.site?.coding?.[0]?.code).toBe('40638003'),
  // Read only where drops or the ear route are already known: "as" is also an English word.
  'AD / AS / AU': () => {
    expect(parse('2 gtts au bid').dosage.site?.coding?.[0]?.code).toBe('34338003');
    expect(parse('2 gtts as bid').dosage.site?.coding?.[0]?.code).toBe('89644007');
    expect(parse('1 tab as needed').dosage.asNeededBoolean).toBe(true);
  },
  'gtt / gtts': () =>
    expect(parse('2 gtts ou').dosage.doseAndRate?.[0]).toMatchObject({
      doseQuantity: { value: 2, unit: 'drop' },
    }),
  tab: () =>
    expect(parse('1 tab').dosage.doseAndRate?.[0]).toMatchObject({ doseQuantity: { unit: 'tablet' } }),
  cap: () =>
    expect(parse('1 cap').dosage.doseAndRate?.[0]).toMatchObject({ doseQuantity: { unit: 'capsule' } }),
  'mL / cc': () => expect(warningsOf('5 cc po')).toEqual(['sig.ismpErrorProne']),
  'U / IU': () => {
    expect(parse('10 u sc').dosage.doseAndRate?.[0]).toMatchObject({
      doseQuantity: { value: 10, unit: 'unit', code: '[iU]' },
    });
    expect(warningsOf('10 iu sc')).toEqual(['sig.ismpErrorProne', 'sig.ismpErrorProne']);
  },
  'UD / ut dict': () =>
    expect(parse('ut dict').dosage.additionalInstruction).toEqual([{ text: 'as directed' }]),
  'disp / #': () => expect(warningsOf('1 tab daily disp #30')).toEqual(['sig.dispenseQuantityInDirections']),
  sig: () => expect(parse('Sig: 1 tab daily').unparsed).toEqual([]),
  'x N d': () =>
    expect(repeatOf('1 tab daily x 5 d')).toMatchObject({ boundsDuration: { value: 5, code: 'd' } }),
};

describe('sig_abbreviations_facts.tsv', () => {
  const rows = shared('sig_abbreviations_facts.tsv')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0] ?? '');

  it('has a checked reading for every row, and no reading without a row', () => {
    expect([...rows].sort()).toEqual(Object.keys(TSV_READINGS).sort());
  });

  it.each(rows)('reads %s as verified', (abbr) => TSV_READINGS[abbr]?.());
});
