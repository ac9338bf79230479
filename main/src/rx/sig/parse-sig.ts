// Parses prescription directions into a FHIR R4 Dosage. Rule: what is not understood is reported as
// left over (with its place in the text) and lowers the confidence; it is never guessed into the Dosage.
import { buildDosage, hasContent, leftOver, resolveOd } from './finalize.js';
import { newBuilder, warn } from './parser-state.js';
import type { Parser, Rule } from './parser-state.js';
import {
  dispenseRule,
  doseRule,
  fillerRule,
  instructionRule,
  maxDoseRule,
  negationRule,
  productRule,
  sequenceRule,
} from './rules-dose.js';
import { ambiguousFrequencyRule, frequencyRule, shorthandRule } from './rules-frequency.js';
import { indicationRule, prnRule } from './rules-reason.js';
import { formNounRule, routeRule, siteRule, verbRule } from './rules-route.js';
import {
  bareDurationRule,
  daysRule,
  durationRule,
  exceptDaysRule,
  eventRule,
  mealRule,
  offsetRule,
  singleDoseRule,
  timeOfDayRule,
} from './rules-timing.js';
import { correctSpelling } from './spelling.js';
import { tokenize } from './tokenize.js';
import type { ParseSigOptions, SigResult, SigWarningCode } from './types.js';
import { UNITS, unitFromName } from './vocabulary/units.js';
import { FILLERS } from './vocabulary/words.js';

/** Longest directions accepted: a sig is a line or two, and the limit bounds the work per call. */
export const MAX_SIG_LENGTH = 1000;

// Tried in this order at each position; the first that matches reads the words.
const RULES: Rule[] = [
  sequenceRule,
  dispenseRule,
  maxDoseRule,
  prnRule,
  durationRule,
  timeOfDayRule,
  offsetRule,
  shorthandRule,
  frequencyRule,
  singleDoseRule,
  ambiguousFrequencyRule,
  mealRule,
  eventRule,
  exceptDaysRule,
  daysRule,
  routeRule,
  instructionRule,
  negationRule,
  bareDurationRule,
  doseRule,
  productRule,
  verbRule,
  siteRule,
  indicationRule,
  formNounRule,
  fillerRule,
];

const PENALTY: Partial<Record<SigWarningCode, number>> = {
  'sig.ismpErrorProne': 0.95,
  'sig.ambiguousAbbreviation': 0.85,
  'sig.spellingCorrected': 0.9,
  'sig.conflictingDose': 0.8,
  'sig.conflictingFrequency': 0.8,
  'sig.conflictingRoute': 0.8,
  'sig.negationNotRead': 0.8,
  'sig.doseUnitFromProduct': 0.95,
};

function run(p: Parser): void {
  const n = p.toks.length;
  let i = 0;
  while (i < n && p.b.stopAt === undefined) {
    let advanced = false;
    for (const rule of RULES) {
      const m = rule(p, i);
      if (m === undefined) continue;
      const accepted = m.apply(p, i) !== false;
      if (accepted)
        for (let k = i; k < i + m.length; k++) p.state[k] = m.filler === true ? 'filler' : 'meaning';
      if (p.b.stopAt === undefined) i += m.length;
      advanced = true;
      break;
    }
    if (!advanced) i += 1;
  }
}

export function parseSig(text: string, options: ParseSigOptions = {}): SigResult {
  const input = typeof text === 'string' ? text : '';
  if (input.trim() === '')
    return {
      ok: false,
      error: { code: 'sig.empty', message: 'the directions are empty', details: { text: input } },
    };
  if (input.length > MAX_SIG_LENGTH) {
    return {
      ok: false,
      error: {
        code: 'sig.tooLong',
        message: `directions longer than ${MAX_SIG_LENGTH} characters are not parsed`,
        details: { text: input },
      },
    };
  }
  try {
    return parseText(input, options);
  } catch (e: unknown) {
    // A fault here is a parser bug (the fuzz test looks for this code); the caller still gets data, not a throw.
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: { code: 'sig.parserFault', message: `the parser failed: ${message}`, details: { text: input } },
    };
  }
}

function parseText(input: string, options: ParseSigOptions): SigResult {
  const toks = tokenize(input);
  const p: Parser = {
    input,
    toks,
    state: toks.map(() => 'none'),
    filler: toks.map((t) => FILLERS.has(t.text)),
    b: newBuilder(),
  };
  for (const c of correctSpelling(toks)) {
    warn(
      p,
      'sig.spellingCorrected',
      `read "${input.slice(c.start, c.end)}" as "${c.to}"`,
      input.slice(c.start, c.end),
    );
  }
  run(p);
  const b = p.b;
  if (b.dose !== undefined && b.dose.unit === undefined && options.doseUnit !== undefined) {
    const unit = unitFromName(options.doseUnit);
    if (unit !== undefined) {
      b.dose.unit = unit;
      warn(
        p,
        'sig.doseUnitFromProduct',
        `the directions give no unit; "${UNITS[unit].name}" was taken from the dispensed product`,
      );
    }
  }
  resolveOd(p);
  const unparsed = leftOver(p);
  if (!hasContent(b)) {
    return {
      ok: false,
      error: {
        code: 'sig.unparseable',
        message: 'no dose, timing, route or instruction could be read from the directions',
        details: { text: input, unparsed },
      },
    };
  }
  if (unparsed.length > 0) {
    warn(p, 'sig.textLeftOver', `not understood: ${unparsed.map((f) => `"${f.text}"`).join(', ')}`);
  }
  const dosage = buildDosage(input.trim().replace(/\s+/g, ' '), b);
  return { ok: true, value: { dosage, warnings: b.warnings, unparsed, confidence: confidence(p) } };
}

function confidence(p: Parser): number {
  let read = 0;
  let unread = 0;
  p.state.forEach((s, k) => {
    if (s === 'meaning') read++;
    else if (s === 'none' && !p.filler[k]) unread++;
  });
  let c = read + unread === 0 ? 0 : read / (read + unread);
  for (const w of p.b.warnings) c *= PENALTY[w.code] ?? 1;
  if (p.b.stopAt !== undefined) c = Math.min(c, 0.5);
  return Math.round(c * 100) / 100;
}
