// Grammar rules for how often a dose is taken: frequencies in plain English and Latin, intervals
// ("q4-6h", "every other day"), and the shorthands that are named but never guessed.
import { readNumber, readRange } from './read-number.js';
import { addWhen, fragmentText, setFrequency, warn, word } from './parser-state.js';
import type { Match, Parser, Rule } from './parser-state.js';
import type { Token } from './tokenize.js';
import type { UnitsOfTime } from './types.js';
import {
  AMBIGUOUS_FREQUENCY_WORDS,
  FREQUENCY_WORDS,
  PER_PERIOD_WORDS,
  TIME_UNIT_WORDS,
  TIMES_WORDS,
} from './vocabulary/timing.js';
import type { Frequency } from './vocabulary/timing.js';

type Span<T> = T & { length: number };

/** "a day", "per day", "each week", "/day", "daily", "in 24 hours": the period after "N times". */
function readPerPeriod(
  toks: readonly Token[],
  i: number,
): Span<{ period: number; unit: UnitsOfTime }> | undefined {
  const t = toks[i]?.text ?? '';
  const single = PER_PERIOD_WORDS[t];
  if (single !== undefined) return { period: 1, unit: single, length: 1 };
  let k = i;
  if (t === 'in' && toks[k + 1]?.text === 'a') k += 2;
  else if (['a', 'per', 'each', 'every', '/', 'an', 'in'].includes(t)) k += 1;
  else if (t === 'x' && toks[k + 1]?.text === '/') k += 2;
  if (k === i) return undefined;
  const n = toks[k]?.kind === 'num' ? readNumber(toks, k) : undefined;
  const unitAt = n === undefined ? k : k + n.length;
  const unit = TIME_UNIT_WORDS[toks[unitAt]?.text ?? ''];
  if (unit === undefined || (unit === 's' && n === undefined)) return undefined;
  return { period: n?.value ?? 1, unit, length: unitAt + 1 - i };
}

/** After "every"/"q": "6 hours", "4-6 h", "other day", "week", "0.5 h" (→ 30 min). */
function readInterval(
  toks: readonly Token[],
  i: number,
): Span<{ period: number; periodMax?: number; unit: UnitsOfTime }> | undefined {
  if (toks[i]?.text === 'other') {
    const unit = TIME_UNIT_WORDS[toks[i + 1]?.text ?? ''];
    return unit === undefined ? undefined : { period: 2, unit, length: 2 };
  }
  const r = readRange(toks, i);
  const unitAt = r === undefined ? i : i + r.length;
  const unit = TIME_UNIT_WORDS[toks[unitAt]?.text ?? ''];
  if (unit === undefined) return undefined;
  const length = unitAt + 1 - i;
  if (r === undefined) return { period: 1, unit, length };
  if (r.low <= 0) return undefined;
  const whole = Number.isInteger(r.low) && (r.high === undefined || Number.isInteger(r.high));
  if (
    !whole &&
    unit === 'h' &&
    Number.isInteger(r.low * 60) &&
    (r.high === undefined || Number.isInteger(r.high * 60))
  ) {
    return r.high === undefined
      ? { period: r.low * 60, unit: 'min', length }
      : { period: r.low * 60, periodMax: r.high * 60, unit: 'min', length };
  }
  if (!whole) return undefined;
  return r.high === undefined
    ? { period: r.low, unit, length }
    : { period: r.low, periodMax: r.high, unit, length };
}

const INTERVAL_LEADS = new Set(['every', 'each', 'q', 'qq', 'per']);

function frequencyMatch(p: Parser, i: number, length: number, f: Frequency, caution?: string): Match {
  return {
    length,
    apply: (pp) => {
      const ok = setFrequency(pp, f, i, length);
      if (ok && caution !== undefined)
        warn(pp, 'sig.ismpErrorProne', caution, fragmentText(pp, i, i + length));
      return ok;
    },
  };
}

export const frequencyRule: Rule = (p, i) => {
  const toks = p.toks;
  const t = word(p, i);

  const fw = FREQUENCY_WORDS[t];
  if (fw !== undefined) {
    const { caution, ...f } = fw;
    if (f.when !== undefined) {
      const when = f.when;
      return {
        length: 1,
        apply: (pp) => {
          addWhen(pp, when);
          if (caution !== undefined) warn(pp, 'sig.ismpErrorProne', caution, fragmentText(pp, i, i + 1));
        },
      };
    }
    return frequencyMatch(p, i, 1, f, caution);
  }

  // "up to 4 times a day"
  if (t === 'up' && word(p, i + 1) === 'to') {
    const n = readNumber(toks, i + 2);
    if (n !== undefined && Number.isInteger(n.value) && n.value >= 1) {
      let k = i + 2 + n.length;
      if (['times', 'time', 'x'].includes(word(p, k))) k += 1;
      const per = readPerPeriod(toks, k);
      if (per !== undefined) {
        const f: Frequency = { frequency: 1, period: per.period, periodUnit: per.unit };
        if (n.value > 1) f.frequencyMax = n.value;
        return frequencyMatch(p, i, k + per.length - i, f);
      }
    }
  }

  // "once"/"twice"/"thrice" [a day | daily | every 6 hours]; "one time every 8 hours"
  const timesWord = TIMES_WORDS[t];
  const oneTime = t === 'one' && word(p, i + 1) === 'time' ? 2 : 0;
  if (timesWord !== undefined || oneTime > 0) {
    const k = i + (oneTime || 1);
    const per = readPerPeriod(toks, k);
    if (per !== undefined) {
      return frequencyMatch(p, i, k + per.length - i, {
        frequency: timesWord ?? 1,
        period: per.period,
        periodUnit: per.unit,
      });
    }
    if ((timesWord === 1 || oneTime > 0) && INTERVAL_LEADS.has(word(p, k))) {
      const iv = readInterval(toks, k + 1);
      if (iv !== undefined) return intervalMatch(p, i, k + 1 + iv.length - i, iv);
    }
  }

  // "3 times a day", "1-2 times daily", "2x/day", "3/day", "2 times per week"
  if (toks[i]?.kind === 'num' || toks[i]?.kind === 'word') {
    const r = readRange(toks, i);
    if (
      r !== undefined &&
      Number.isInteger(r.low) &&
      r.low >= 1 &&
      (r.high === undefined || Number.isInteger(r.high))
    ) {
      let k = i + r.length;
      const timesToken = ['times', 'time', 'x', 'tims'].includes(word(p, k));
      if (timesToken) k += 1;
      if (timesToken || word(p, k) === '/') {
        const per = readPerPeriod(toks, k);
        if (per !== undefined) {
          const f: Frequency = { frequency: r.low, period: per.period, periodUnit: per.unit };
          if (r.high !== undefined) f.frequencyMax = r.high;
          return frequencyMatch(p, i, k + per.length - i, f);
        }
      }
    }
  }

  // "every 6 hours", "q4-6h", "every other day", "q 2 wk", "each day"
  if (INTERVAL_LEADS.has(t)) {
    const iv = readInterval(toks, i + 1);
    if (iv !== undefined) return intervalMatch(p, i, 1 + iv.length, iv);
  }
  return undefined;
};

function intervalMatch(
  p: Parser,
  i: number,
  length: number,
  iv: { period: number; periodMax?: number; unit: UnitsOfTime },
): Match {
  const f: Frequency = { frequency: 1, period: iv.period, periodUnit: iv.unit };
  if (iv.periodMax !== undefined) f.periodMax = iv.periodMax;
  return frequencyMatch(p, i, length, f);
}

/** Words read two ways (QM, biweekly): named in a warning and left unparsed, never guessed. */
export const ambiguousFrequencyRule: Rule = (p, i) => {
  const why = AMBIGUOUS_FREQUENCY_WORDS[word(p, i)];
  if (why === undefined) return undefined;
  return {
    length: 1,
    apply: (pp) => (warn(pp, 'sig.ambiguousAbbreviation', why, fragmentText(pp, i, i + 1)), false),
  };
};

/** "1x3", "1-0-1": European shorthands read several ways; named and left unparsed. */
export const shorthandRule: Rule = (p, i) => {
  const toks = p.toks;
  if (toks[i]?.kind !== 'num') return undefined;
  if (
    word(p, i + 1) === 'x' &&
    toks[i + 2]?.kind === 'num' &&
    TIME_UNIT_WORDS[word(p, i + 3)] === undefined
  ) {
    const why = `"${fragmentText(p, i, i + 3)}" is read as "dose × times a day" and as "times a day × dose"; write both out`;
    return {
      length: 3,
      apply: (pp) => (warn(pp, 'sig.ambiguousAbbreviation', why, fragmentText(pp, i, i + 3)), false),
    };
  }
  if (
    word(p, i + 1) === '-' &&
    toks[i + 2]?.kind === 'num' &&
    word(p, i + 3) === '-' &&
    toks[i + 4]?.kind === 'num'
  ) {
    let end = i + 5;
    if (word(p, end) === '-' && toks[end + 1]?.kind === 'num') end += 2;
    const why = `"${fragmentText(p, i, end)}" (doses by time of day) is not read; write each time out`;
    return {
      length: end - i,
      apply: (pp) => (warn(pp, 'sig.ambiguousAbbreviation', why, fragmentText(pp, i, end)), false),
    };
  }
  return undefined;
};
