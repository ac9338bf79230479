// Grammar rules for what is given: dose and unit, a product named in the directions, auxiliary
// instructions, maximum dose, negated clauses and the start of a second instruction.
import { readNumber, readRange } from './read-number.js';
import { fragmentText, stopHere, warn, word } from './parser-state.js';
import { isRoutePhrase } from './rules-route.js';
import type { Match, Parser, Rule } from './parser-state.js';
import { phraseTable } from './phrase.js';
import type { UnitsOfTime } from './types.js';
import type { RouteKey } from './vocabulary/routes.js';
import { frequencyRule } from './rules-frequency.js';
import {
  daysRule,
  durationRule,
  eventRule,
  mealRule,
  singleDoseRule,
  timeOfDayRule,
} from './rules-timing.js';
import { PER_PERIOD_WORDS, TIME_UNIT_WORDS } from './vocabulary/timing.js';
import { UNIT_WORDS, UNITS } from './vocabulary/units.js';
import type { UnitKey } from './vocabulary/units.js';
import { FILLERS, INSTRUCTION_PHRASES, VERBS } from './vocabulary/words.js';

const SEQUENCE_PHRASES: Record<string, true> = {
  then: true,
  'and then': true,
  'followed by': true,
  'after that': true,
  thereafter: true,
  'and than': true,
  'and thereafter': true,
};
const sequenceTable = phraseTable(SEQUENCE_PHRASES);

/** "... then 1 tablet daily": a second instruction, which one Dosage cannot hold. */
export const sequenceRule: Rule = (p, i) => {
  const m = sequenceTable(p.toks, i);
  if (m === undefined) return undefined;
  return { length: m.length, apply: (pp) => (stopHere(pp, i), false) };
};

/** "disp #30", "qty 30": a dispensing quantity written into the directions. */
export const dispenseRule: Rule = (p, i) => {
  const t = word(p, i);
  let k = i;
  if (['disp', 'dispense', 'qty', 'quantity', 'dispensed'].includes(t)) k += 1;
  if (word(p, k) === ':') k += 1;
  if (word(p, k) === '#') k += 1;
  if (k === i || p.toks[k]?.kind !== 'num') return undefined;
  k += 1;
  if (UNIT_WORDS[word(p, k)] !== undefined) k += 1;
  return {
    length: k - i,
    apply: (pp) =>
      warn(
        pp,
        'sig.dispenseQuantityInDirections',
        'a dispensing quantity is written in the directions; it is not part of the dose',
        fragmentText(pp, i, k),
      ),
  };
};

type ReadDose = {
  low: number;
  high?: number;
  unit?: UnitKey;
  length: number;
  caution?: string;
  route?: RouteKey;
  trailingZero: boolean;
  nakedDecimal: boolean;
};

function readDose(p: Parser, i: number): ReadDose | undefined {
  const t = word(p, i);
  if ((t === 'a' || t === 'an') && UNIT_WORDS[word(p, i + 1)] !== undefined) {
    const u = UNIT_WORDS[word(p, i + 1)];
    if (u !== undefined && UNITS[u.unit].kind === 'count')
      return { low: 1, unit: u.unit, length: 2, trailingZero: false, nakedDecimal: false };
  }
  const r = readRange(p.toks, i);
  if (r === undefined || r.low <= 0 || r.low > 1e7) return undefined;
  let k = i + r.length;
  // "half a tablet", "one half of a tablet"
  if (r.high === undefined && r.low === 0.5 && word(p, k) === 'of') k += 1;
  if (
    r.high === undefined &&
    r.low === 0.5 &&
    (word(p, k) === 'a' || word(p, k) === 'an') &&
    UNIT_WORDS[word(p, k + 1)] !== undefined
  )
    k += 1;
  let scale = 1;
  if ((word(p, k) === 'm' || word(p, k) === 'million') && UNIT_WORDS[word(p, k + 1)]?.unit === 'unit') {
    scale = 1_000_000;
    k += 1;
  }
  let u = UNIT_WORDS[word(p, k)];
  let unitLength = 1;
  if (word(p, k) === 'international' && word(p, k + 1) === 'units') {
    u = { unit: 'unit' };
    unitLength = 2;
  }
  const base = { trailingZero: r.trailingZero, nakedDecimal: r.nakedDecimal };
  const low = Math.round(r.low * scale * 1e6) / 1e6;
  const high = r.high === undefined ? undefined : Math.round(r.high * scale * 1e6) / 1e6;
  if (u === undefined)
    return high === undefined ? { ...base, low, length: r.length } : { ...base, low, high, length: r.length };
  const out: ReadDose = { ...base, low, unit: u.unit, length: k + unitLength - i };
  if (high !== undefined) out.high = high;
  if (u.caution !== undefined) out.caution = u.caution;
  if (u.route !== undefined) out.route = u.route;
  return out;
}

export const doseRule: Rule = (p, i) => {
  const d = readDose(p, i);
  if (d === undefined) return undefined;
  // "10 minutes", "2 days": a number of time units is never a dose.
  if (d.unit === undefined && TIME_UNIT_WORDS[word(p, i + d.length)] !== undefined) return undefined;
  if ((d.unit === undefined || d.unit === 'dose') && p.b.dose !== undefined) return undefined;
  return { length: d.length, apply: (pp) => setDose(pp, d, i) };
};

function setDose(p: Parser, d: ReadDose, i: number): boolean {
  const text = fragmentText(p, i, i + d.length);
  const current = p.b.dose;
  const kind = d.unit === undefined ? undefined : UNITS[d.unit].kind;
  if (current !== undefined) {
    const currentKind = current.unit === undefined ? undefined : UNITS[current.unit].kind;
    if (currentKind === 'count' && kind === 'mass' && p.b.strength === undefined) {
      p.b.strength = text;
      warn(
        p,
        'sig.strengthInDirections',
        `a strength (${text}) is written in the directions; check it against the product`,
        text,
      );
      return true;
    }
    if (currentKind === 'mass' && kind === 'count' && !p.b.timingSeen && p.b.strength === undefined) {
      p.b.strength = fragmentText(p, current.firstToken, current.lastToken + 1);
      warn(
        p,
        'sig.strengthInDirections',
        `a strength (${p.b.strength}) is written in the directions; check it against the product`,
        p.b.strength,
      );
    } else if (
      current.low === d.low &&
      current.high === d.high &&
      current.unit === d.unit &&
      !p.b.timingSeen
    ) {
      return true;
    } else {
      stopHere(p, i);
      return false;
    }
  }
  p.b.dose = { low: d.low, unit: d.unit, firstToken: i, lastToken: i + d.length - 1 };
  if (d.route !== undefined && p.b.verbRoute === undefined) p.b.verbRoute = d.route;
  if (d.high !== undefined) p.b.dose.high = d.high;
  if (d.caution !== undefined) warn(p, 'sig.ismpErrorProne', d.caution, text);
  if (d.trailingZero)
    warn(
      p,
      'sig.ismpErrorProne',
      'a trailing zero ("1.0") is on the ISMP error-prone list (read as 10)',
      text,
    );
  if (d.nakedDecimal)
    warn(
      p,
      'sig.ismpErrorProne',
      'a naked decimal (".5") is on the ISMP error-prone list (read as 5); write 0.5',
      text,
    );
  if (d.unit === 'teaspoon' || d.unit === 'tablespoon') {
    warn(
      p,
      'sig.householdMeasure',
      'household measures are error-prone: dispense an oral syringe and label in mL (1 teaspoon = 5 mL, 1 tablespoon = 15 mL)',
      text,
    );
  }
  return true;
}

const STRENGTH_UNITS = new Set<UnitKey>(['mg', 'mcg', 'g', 'unit', 'mEq', 'mL']);

/** "2 tablets of amoxicillin 500mg": the product named after the dose; noted, never matched here. */
export const productRule: Rule = (p, i) => {
  if (word(p, i) !== 'of' || p.b.dose === undefined || p.b.dose.lastToken !== i - 1) return undefined;
  if (p.b.dose.unit === undefined || UNITS[p.b.dose.unit].kind !== 'count') return undefined;
  let k = i + 1;
  const nameStart = k;
  while (k < nameStart + 3 && p.toks[k]?.kind === 'word' && isFreeWord(p, k)) k += 1;
  if (k === nameStart) return undefined;
  const name = fragmentText(p, nameStart, k).toLowerCase();
  let strength: string | undefined;
  const n = readNumber(p.toks, k);
  const u = n === undefined ? undefined : UNIT_WORDS[word(p, k + n.length)];
  if (n !== undefined && u !== undefined && STRENGTH_UNITS.has(u.unit)) {
    let end = k + n.length + 1;
    if (word(p, end) === '/' && p.toks[end + 1]?.kind === 'num' && UNIT_WORDS[word(p, end + 2)] !== undefined)
      end += 3;
    strength = fragmentText(p, k, end);
    k = end;
  }
  return {
    length: k - i,
    apply: (pp) => {
      pp.b.product = name;
      if (strength !== undefined) pp.b.strength = strength;
      warn(
        pp,
        'sig.productNamed',
        `the directions name a product ("${fragmentText(pp, nameStart, k)}"); check it against the item dispensed`,
      );
    },
  };
};

const PRODUCT_STOPS: Rule[] = [
  frequencyRule,
  durationRule,
  eventRule,
  mealRule,
  daysRule,
  timeOfDayRule,
  singleDoseRule,
];

/** A word that no rule reads: part of a product name. */
function isFreeWord(p: Parser, k: number): boolean {
  const t = word(p, k);
  if (
    FILLERS.has(t) ||
    VERBS[t] !== undefined ||
    UNIT_WORDS[t] !== undefined ||
    TIME_UNIT_WORDS[t] !== undefined
  )
    return false;
  if (t === 'as' || t === 'prn' || t === 'if' || t === 'when' || t === 'for') return false;
  if (isRoutePhrase(p, k) || sequenceTable(p.toks, k) !== undefined) return false;
  return !PRODUCT_STOPS.some((r) => r(p, k) !== undefined);
}

const instructionTable = phraseTable(INSTRUCTION_PHRASES);

export const instructionRule: Rule = (p, i) => {
  const m = instructionTable(p.toks, i);
  if (m === undefined) return undefined;
  return {
    length: m.length,
    apply: (pp) => {
      if (!pp.b.instructions.includes(m.value)) pp.b.instructions.push(m.value);
    },
  };
};

const MAX_LEADS: Record<string, true> = {
  'not to exceed': true,
  'do not exceed': true,
  "don't exceed": true,
  'dont exceed': true,
  'not exceeding': true,
  'no more than': true,
  'not more than': true,
  'do not take more than': true,
  'do not use more than': true,
  nte: true,
  max: true,
  maximum: true,
  'max of': true,
  'maximum of': true,
  'max dose': true,
  'maximum dose': true,
  'max daily dose': true,
  'maximum daily dose': true,
  'up to a maximum of': true,
  'up to a max of': true,
  'up to': true,
};
const maxTable = phraseTable(MAX_LEADS);

function readMaxPeriod(
  p: Parser,
  k: number,
): { perValue: number; perUnit: UnitsOfTime; length: number } | undefined {
  let j = k;
  const lead = word(p, j);
  const single = PER_PERIOD_WORDS[lead];
  if (single !== undefined) return { perValue: 1, perUnit: single, length: 1 };
  if (lead === 'in' && word(p, j + 1) === 'any') j += 2;
  else if (['in', 'per', '/', 'every', 'each', 'a', 'within', 'an'].includes(lead)) j += 1;
  if (word(p, j) === 'a' || word(p, j) === 'each') j += 1;
  const n = p.toks[j]?.kind === 'num' ? readNumber(p.toks, j) : undefined;
  const at = n === undefined ? j : j + n.length;
  const unit = TIME_UNIT_WORDS[word(p, at)];
  if (unit === undefined || unit === 's') return undefined;
  if (word(p, at + 1) === 'period') return { perValue: n?.value ?? 1, perUnit: unit, length: at + 2 - k };
  return { perValue: n?.value ?? 1, perUnit: unit, length: at + 1 - k };
}

/** "not to exceed 8 tablets in 24 hours", "max 3 g/day", "no more than 4 doses per day". */
export const maxDoseRule: Rule = (p, i) => {
  const lead = maxTable(p.toks, i);
  if (lead === undefined) return undefined;
  let k = i + lead.length;
  if (word(p, k) === 'of') k += 1;
  const n = readNumber(p.toks, k);
  if (n === undefined || n.value <= 0) return undefined;
  k += n.length;
  let unit: UnitKey | undefined;
  const u = UNIT_WORDS[word(p, k)];
  if (u !== undefined) {
    unit = u.unit;
    k += 1;
  } else if (word(p, k) === 'times' || word(p, k) === 'x') {
    // "up to 4 times a day" is a frequency range, read by the frequency rule.
    if (lead.length === 2 && word(p, i) === 'up') return undefined;
    unit = 'dose';
    k += 1;
  }
  const per = readMaxPeriod(p, k);
  if (per === undefined) {
    // "max 3 doses" with no period: a limit on the number of administrations.
    if (unit !== 'dose' || !Number.isInteger(n.value)) return undefined;
    const count = n.value;
    return {
      length: k - i,
      apply: (pp) =>
        pp.b.count === undefined || pp.b.count === count ? ((pp.b.count = count), true) : false,
    };
  }
  const length = k + per.length - i;
  const value = n.value;
  return {
    length,
    apply: (pp) => {
      if (pp.b.max !== undefined) return false;
      pp.b.max =
        unit === undefined
          ? { value, perValue: per.perValue, perUnit: per.perUnit }
          : { value, unit, perValue: per.perValue, perUnit: per.perUnit };
    },
  };
};

const NEGATIONS: Record<string, true> = {
  not: true,
  no: true,
  never: true,
  avoid: true,
  'do not': true,
  "don't": true,
  dont: true,
  without: true,
};
const negationTable = phraseTable(NEGATIONS);
const CLAUSE_END = new Set([',', ';', '.', '(', ')']);

/** "do not take at bedtime": a negated clause is never read as if it were an instruction to do it. */
export const negationRule: Rule = (p, i) => {
  const m = negationTable(p.toks, i);
  if (m === undefined) return undefined;
  let k = i + m.length;
  while (k < p.toks.length && !CLAUSE_END.has(word(p, k))) k += 1;
  return {
    length: k - i,
    apply: (pp) => {
      warn(pp, 'sig.negationNotRead', 'a negated instruction is not read; check it', fragmentText(pp, i, k));
      return false;
    },
  };
};

export const fillerRule: Rule = (p, i): Match | undefined =>
  FILLERS.has(word(p, i)) ? { length: 1, filler: true, apply: () => undefined } : undefined;
