// The public sig cases of shared/data/sig run as a suite. Their expectations are partial and heuristic,
// so each case where this parser differs is listed below with the reason; the suite fails if a listed
// case starts to agree (the list must then shrink) or an unlisted one starts to differ.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSig } from './parse-sig.js';
import { checkEz, checkParsigs } from './public-cases.js';
import type { EzCase, ParsigsCase } from './public-cases.js';

const data = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../../../shared/data/sig/${name}`, import.meta.url), 'utf8'));

const ez = data('ezmedicationinput_parser_spec_cases.json') as EzCase[];
const parsigs = data('parsigs_test_cases.json') as ParsigsCase[];

type Kind = 'declinedAmbiguous' | 'declinedInference' | 'wrongExpectation' | 'parserGap';

const AMBIGUOUS_X =
  'the "1x3" shorthand is read as dose × times a day and as times a day × dose: named, not guessed';
const OD =
  '"OD" is "right eye" (US, ISMP error-prone) and "once daily" (elsewhere); with another eye, a drop or no dose form named, the parser will not choose';
const MEAL_DASH =
  '"1-0-1" doses-by-time-of-day notation is not read: unequal doses per time need several Dosages';

/** Index in the file → [input, kind, why]. The input is checked so that a reordered file is noticed. */
const EZ_DIFFERENCES: Record<number, [string, Kind, string]> = {
  0: ['1x3 po pc', 'declinedAmbiguous', AMBIGUOUS_X],
  1: ['1.5x3', 'declinedAmbiguous', AMBIGUOUS_X],
  2: ['1.5 x3', 'declinedAmbiguous', AMBIGUOUS_X],
  4: ['1-0-1', 'parserGap', MEAL_DASH],
  6: ['10-12-0 ac', 'parserGap', MEAL_DASH],
  10: ['1 poc', 'parserGap', 'the run-together "poc" (po + c) is not read'],
  25: ['1x3 OD', 'declinedAmbiguous', AMBIGUOUS_X],
  26: ['1x3 OD', 'declinedAmbiguous', AMBIGUOUS_X],
  29: [
    '1 od',
    'wrongExpectation',
    'expects once daily and the ophthalmic route together for an inhalation product; the parser reads once daily only',
  ],
  30: ['1 drop OD OD', 'declinedAmbiguous', OD],
  32: ['Take medication OD', 'declinedAmbiguous', OD],
  33: ['1 drop OS OD', 'declinedAmbiguous', OD],
  34: ['1 drop to OS OD', 'declinedAmbiguous', OD],
  35: ['1 drop to left eye od', 'declinedAmbiguous', OD],
  36: ['1 drop to forehead od', 'declinedAmbiguous', OD],
  37: ['1 drop od to left eye', 'declinedAmbiguous', OD],
  38: [
    '1 drop od to skin',
    'wrongExpectation',
    'expects the ophthalmic route for drops written "to skin"; also an OD the parser will not choose for',
  ],
  39: ['1 drop od to hair', 'declinedAmbiguous', OD],
  48: ['OD OD', 'declinedAmbiguous', OD],
  49: ['1 drop td od', 'declinedAmbiguous', OD],
  50: ['1 drop sc od', 'declinedAmbiguous', OD],
  58: [
    'apply to right arm 5 a day',
    'parserGap',
    '"N a day" without "times" is not read (it could be a dose of N a day)',
  ],
  64: [
    '1 td daily',
    'declinedInference',
    'expects the unit "patch" inferred from the route; no unit is written',
  ],
  65: [
    '1 pr q12h',
    'declinedInference',
    'expects the unit "suppository" inferred from the route; no unit is written',
  ],
  70: ['10-0-10 units sc ac', 'parserGap', MEAL_DASH],
  77: [
    '1 tab suppository',
    'declinedInference',
    'expects the rectal route from the word "suppository"; vaginal suppositories exist',
  ],
  78: [
    '11 tabs suppo',
    'declinedInference',
    'expects the rectal route from the word "suppo"; vaginal suppositories exist',
  ],
  83: ['1*3 po ac', 'declinedAmbiguous', AMBIGUOUS_X],
  112: ['1x2 subcutaneous', 'declinedAmbiguous', AMBIGUOUS_X],
  113: [
    'q12h',
    'wrongExpectation',
    'expects Timing.code Q12H, which is not in the FHIR R4 timing-abbreviation value set (Q1H-Q4H, Q6H, Q8H); the repeat carries it',
  ],
  127: [
    '1 tab po once daily จ-ศ, 1.5 tabs po once daily เสา-อา',
    'parserGap',
    'Thai day names are not read, and the second dose is a second instruction',
  ],
  129: [
    'q 2 mo',
    'wrongExpectation',
    'expects Timing.code Q2MO, which is not in the FHIR R4 timing-abbreviation value set; the repeat carries it',
  ],
  133: [
    '1 po pm',
    'wrongExpectation',
    'expects Timing.code PM, defined as "every afternoon"; "pm" in a sig means evening, read as when EVE with no code',
  ],
  155: [
    '1 po ad',
    'declinedAmbiguous',
    '"AD" is "right ear" (ISMP error-prone) and "alternate days"; the parser will not choose',
  ],
  226: [
    '0.05 mL VOD q1mo',
    'parserGap',
    'the non-standard "VOD" intravitreal shorthand is not read ("IVT OD" and "IVTOD" are)',
  ],
  227: [
    '0.05 mL VOS q1mo',
    'parserGap',
    'the non-standard "VOS" intravitreal shorthand is not read ("IVT OS" and "IVTOS" are)',
  ],
  246: ['1x2', 'declinedAmbiguous', AMBIGUOUS_X],
  259: ['apply before bed at lesion', 'wrongExpectation', 'expects twice a day; "before bed" is once a day'],
  271: ['po tid', 'declinedInference', 'expects a dose of 1 tablet; no dose is written'],
};

const PARSIGS_DIFFERENCES: Record<number, [string, Kind, string]> = {
  8: [
    'Take 1 codeine 3 times a day',
    'declinedInference',
    'expects "codeine" as the drug; a bare word after a number is not taken for a product (it could be a unit)',
  ],
};

const ezRows = ez.map((c, index) => ({ index, c, outcome: checkEz(c) }));
const ezCompared = ezRows.filter((r) => r.outcome.compared.length > 0);
const psRows = parsigs.map((c, index) => ({ index, c, outcome: checkParsigs(c) }));

describe('public cases: ezmedicationinput parser spec', () => {
  it('lists only cases that exist, by their input', () => {
    for (const [index, [input]] of Object.entries(EZ_DIFFERENCES))
      expect(ez[Number(index)]?.input).toBe(input);
  });

  it.each(ezCompared.filter((r) => EZ_DIFFERENCES[r.index] === undefined))(
    'agrees with the expectation of #$index "$c.input"',
    ({ outcome }) => expect(outcome.mismatches).toEqual([]),
  );

  it.each(ezCompared.filter((r) => EZ_DIFFERENCES[r.index] !== undefined))(
    'differs for the documented reason on #$index "$c.input"',
    ({ outcome }) => expect(outcome.mismatches.length).toBeGreaterThan(0),
  );

  it('tallies 96 agreeing and 39 differing of the 135 cases with structured expectations', () => {
    const kinds: Record<Kind, number> = {
      declinedAmbiguous: 0,
      declinedInference: 0,
      wrongExpectation: 0,
      parserGap: 0,
    };
    for (const [, kind] of Object.values(EZ_DIFFERENCES)) kinds[kind] += 1;
    expect({
      cases: ez.length,
      compared: ezCompared.length,
      differing: Object.keys(EZ_DIFFERENCES).length,
      kinds,
    }).toEqual({
      cases: 287,
      compared: 135,
      differing: 39,
      kinds: { declinedAmbiguous: 20, declinedInference: 5, wrongExpectation: 6, parserGap: 8 },
    });
  });

  it('returns a result, never a fault, for every input of the file', () => {
    for (const c of ez) {
      const r = parseSig(c.input);
      expect(r.ok || r.error.code !== 'sig.parserFault').toBe(true);
    }
  });
});

describe('public cases: parsigs', () => {
  it.each(psRows.filter((r) => r.c.expected !== null && PARSIGS_DIFFERENCES[r.index] === undefined))(
    'agrees with the expectation of #$index "$c.sig"',
    ({ outcome }) => expect(outcome.mismatches).toEqual([]),
  );

  it.each(psRows.filter((r) => PARSIGS_DIFFERENCES[r.index] !== undefined))(
    'differs for the documented reason on #$index "$c.sig"',
    ({ c, index, outcome }) => {
      expect(c.sig).toBe(PARSIGS_DIFFERENCES[index]?.[0]);
      expect(outcome.mismatches.length).toBeGreaterThan(0);
    },
  );

  it.each(psRows.filter((r) => r.c.expected === null))(
    'reads only the first step of the multi-step directions #$index "$c.sig" and says so',
    ({ c }) => {
      const r = parseSig(c.sig);
      if (!r.ok) throw new Error(r.error.code);
      expect(r.value.warnings.map((w) => w.code)).toContain('sig.multipleInstructions');
      expect(r.value.unparsed.at(-1)?.text).toMatch(/^then /);
      expect(r.value.confidence).toBeLessThanOrEqual(0.5);
    },
  );
});
