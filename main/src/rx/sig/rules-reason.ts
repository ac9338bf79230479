// As-needed directions and their reasons ("as needed for pain"), and indications ("for blood pressure").
// A reason is free text: it runs until punctuation or until another rule can read the words.
import type { Parser, Rule } from './parser-state.js';
import { fragmentText, word } from './parser-state.js';
import { phraseTable } from './phrase.js';
import { dispenseRule, doseRule, instructionRule, maxDoseRule, sequenceRule } from './rules-dose.js';
import { frequencyRule } from './rules-frequency.js';
import { routeRule, siteRule, verbRule } from './rules-route.js';
import {
  daysRule,
  durationRule,
  eventRule,
  mealRule,
  offsetRule,
  singleDoseRule,
  timeOfDayRule,
} from './rules-timing.js';
import { FILLERS } from './vocabulary/words.js';

const PRN_PHRASES: Record<string, true> = {
  prn: true,
  'as needed': true,
  'as need': true,
  'as necessary': true,
  'if needed': true,
  'when needed': true,
  'as required': true,
  'when required': true,
  'if required': true,
  'if necessary': true,
  'when necessary': true,
  'as needed basis': true,
  'on an as needed basis': true,
};
const prnTable = phraseTable(PRN_PHRASES);

// Rules that end a reason even at its first word.
const STRONG: Rule[] = [
  sequenceRule,
  dispenseRule,
  maxDoseRule,
  durationRule,
  timeOfDayRule,
  offsetRule,
  frequencyRule,
  daysRule,
  routeRule,
  doseRule,
  instructionRule,
];
// Rules that end a reason after its first word ("night sweats" is a reason; "pain at night" is not).
const WEAK: Rule[] = [mealRule, eventRule, verbRule, singleDoseRule, siteRule];

const STOP_PUNCT = new Set([',', ';', '.', '(', ')', ':', '[', ']']);
const MAX_REASON_WORDS = 10;

function isPrn(p: Parser, i: number): boolean {
  return prnTable(p.toks, i) !== undefined;
}

/** Reads a free-text reason from i; returns the index after it (== i when there is none). */
function readReason(p: Parser, i: number): number {
  let k = i;
  while (k < p.toks.length && k - i < MAX_REASON_WORDS) {
    const t = p.toks[k];
    if (t === undefined || STOP_PUNCT.has(t.text) || isPrn(p, k)) break;
    if (k === i && t.kind !== 'word') break;
    if (STRONG.some((r) => r(p, k) !== undefined)) break;
    if (k > i && WEAK.some((r) => r(p, k) !== undefined)) break;
    k += 1;
  }
  while (k > i && FILLERS.has(word(p, k - 1))) k -= 1;
  return k;
}

export const prnRule: Rule = (p, i) => {
  const m = prnTable(p.toks, i);
  if (m === undefined) return undefined;
  let k = i + m.length;
  let reasonStart = k;
  if (word(p, k) === 'for' || word(p, k) === ':') {
    reasonStart = k + (word(p, k + 1) === 'the' ? 2 : 1);
  }
  const reasonEnd = readReason(p, reasonStart);
  if (reasonEnd > reasonStart) k = reasonEnd;
  const reason = reasonEnd > reasonStart ? fragmentText(p, reasonStart, reasonEnd).toLowerCase() : undefined;
  return {
    length: k - i,
    apply: (pp) => {
      pp.b.prn = true;
      if (reason !== undefined) {
        if (pp.b.prnReason !== undefined && pp.b.prnReason !== reason) return false;
        pp.b.prnReason = reason;
      }
    },
  };
};

/** "for blood pressure", "for pain": why the medicine is taken. */
export const indicationRule: Rule = (p, i) => {
  if (word(p, i) !== 'for') return undefined;
  const start = i + (word(p, i + 1) === 'the' ? 2 : 1);
  const end = readReason(p, start);
  if (end === start) return undefined;
  const text = fragmentText(p, start, end).toLowerCase();
  return {
    length: end - i,
    apply: (pp) => {
      if (pp.b.indication !== undefined) return false;
      pp.b.indication = text;
    },
  };
};
