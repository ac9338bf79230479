// Grammar rules for when a dose is taken: meal and day-part events, days of the week, clock times,
// durations and dose counts.
import { readNumber } from './read-number.js';
import { addWhen, fragmentText, warn, word } from './parser-state.js';
import type { Parser, Rule } from './parser-state.js';
import { phraseTable } from './phrase.js';
import type { Token } from './tokenize.js';
import type { DayOfWeek, EventTiming, UnitsOfTime } from './types.js';
import {
  DAY_WORDS,
  EVENT_PHRASES,
  MEAL_WORDS,
  TIME_UNIT_WORDS,
  WEEK,
  mealTiming,
} from './vocabulary/timing.js';
import type { Meal, MealRelation } from './vocabulary/timing.js';

type Span<T> = T & { length: number };

const eventTable = phraseTable(EVENT_PHRASES);
const RELATION_WORDS: Record<string, MealRelation> = {
  ac: 'AC',
  before: 'AC',
  pc: 'PC',
  after: 'PC',
  with: 'C',
  cc: 'C',
  at: 'C',
};
const MEAL_JOIN = new Set([',', 'and', '&', '/', 'or']);

function readMeal(toks: readonly Token[], i: number): Span<{ meal: Meal }> | undefined {
  const two = `${toks[i]?.text ?? ''} ${toks[i + 1]?.text ?? ''}`;
  const m2 = MEAL_WORDS[two];
  if (m2 !== undefined) return { meal: m2, length: 2 };
  const m1 = MEAL_WORDS[toks[i]?.text ?? ''];
  return m1 === undefined ? undefined : { meal: m1, length: 1 };
}

/** "before breakfast", "pc breakfast, lunch and dinner", "with supper", "breakfast". */
export const mealRule: Rule = (p, i) => {
  const toks = p.toks;
  const rel = RELATION_WORDS[word(p, i)];
  let k = rel === undefined ? i : i + 1;
  if (word(p, k) === 'the') k += 1;
  const first = readMeal(toks, k);
  if (first === undefined) return undefined;
  const when: EventTiming[] = [mealTiming(rel ?? 'C', first.meal)];
  k += first.length;
  for (;;) {
    let j = k;
    while (MEAL_JOIN.has(word(p, j))) j += 1;
    const nextRel = RELATION_WORDS[word(p, j)];
    if (nextRel !== undefined && nextRel !== (rel ?? 'C')) break;
    if (nextRel !== undefined) j += 1;
    const next = readMeal(toks, j);
    if (next === undefined) break;
    when.push(mealTiming(rel ?? 'C', next.meal));
    k = j + next.length;
  }
  return { length: k - i, apply: (pp) => addWhen(pp, when) };
};

/** "30 minutes before breakfast", "1 hour before meals": an event with an offset in minutes. */
export const offsetRule: Rule = (p, i) => {
  const n = readNumber(p.toks, i);
  if (n === undefined) return undefined;
  const unit = TIME_UNIT_WORDS[word(p, i + n.length)];
  if (unit !== 'min' && unit !== 'h') return undefined;
  const relAt = i + n.length + 1;
  const rel = word(p, relAt);
  if (rel !== 'before' && rel !== 'after') return undefined;
  const minutes = unit === 'h' ? n.value * 60 : n.value;
  if (!Number.isInteger(minutes) || minutes <= 0) return undefined;
  const meal = mealRule(p, relAt);
  const event = meal === undefined ? eventTable(p.toks, relAt) : undefined;
  if (meal !== undefined) {
    return {
      length: relAt - i + meal.length,
      apply: (pp, at) => {
        if (pp.b.offset !== undefined && pp.b.offset !== minutes) return false;
        pp.b.offset = minutes;
        return meal.apply(pp, at);
      },
    };
  }
  if (
    event !== undefined &&
    (event.value.when === 'AC' || event.value.when === 'PC' || event.value.when === 'HS')
  ) {
    const when = event.value.when;
    return {
      length: relAt - i + event.length,
      apply: (pp) => {
        if (pp.b.offset !== undefined && pp.b.offset !== minutes) return false;
        pp.b.offset = minutes;
        addWhen(pp, [when]);
      },
    };
  }
  return undefined;
};

export const eventRule: Rule = (p, i) => {
  const m = eventTable(p.toks, i);
  if (m === undefined) return undefined;
  const { when, caution } = m.value;
  return {
    length: m.length,
    apply: (pp) => {
      addWhen(pp, [when]);
      if (caution !== undefined) warn(pp, 'sig.ismpErrorProne', caution, fragmentText(pp, i, i + m.length));
    },
  };
};

const DAY_JOIN = new Set([',', 'and', '&', '/', 'or']);
const DAY_RANGE = new Set(['-', 'to', 'through', 'thru', '–']);
const DAY_GROUPS: Record<string, DayOfWeek[]> = {
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  weekday: ['mon', 'tue', 'wed', 'thu', 'fri'],
  weekends: ['sat', 'sun'],
  weekend: ['sat', 'sun'],
  mwf: ['mon', 'wed', 'fri'],
  'm w f': ['mon', 'wed', 'fri'],
  'm - w - f': ['mon', 'wed', 'fri'],
  'm / w / f': ['mon', 'wed', 'fri'],
  'm , w , f': ['mon', 'wed', 'fri'],
  'tu / th': ['tue', 'thu'],
  'tue / thu': ['tue', 'thu'],
  'sat / sun': ['sat', 'sun'],
};
const dayGroupTable = phraseTable(DAY_GROUPS);

function dayRange(from: DayOfWeek, to: DayOfWeek): DayOfWeek[] {
  const out: DayOfWeek[] = [];
  let k = WEEK.indexOf(from);
  for (let guard = 0; guard < 7; guard++) {
    const d = WEEK[k % 7];
    if (d === undefined) break;
    out.push(d);
    if (d === to) break;
    k += 1;
  }
  return out;
}

const EXCEPT_LEADS: Record<string, true> = {
  except: true,
  excluding: true,
  'except on': true,
  'but not on': true,
  'but not': true,
  'not on': true,
  skip: true,
  skipping: true,
};
const exceptTable = phraseTable(EXCEPT_LEADS);

/** "daily except Sunday": the days written are the days left out, so the complement is kept. */
export const exceptDaysRule: Rule = (p, i) => {
  const lead = exceptTable(p.toks, i);
  if (lead === undefined) return undefined;
  const list = daysRule(p, i + lead.length);
  if (list === undefined) return undefined;
  return {
    length: lead.length + list.length,
    apply: (pp, at) => {
      const before = [...pp.b.days];
      pp.b.days = [];
      list.apply(pp, at + lead.length);
      const excluded = pp.b.days;
      const base = before.length > 0 ? before : WEEK;
      pp.b.days = base.filter((d) => !excluded.includes(d));
      pp.b.timingSeen = true;
      return pp.b.days.length > 0;
    },
  };
};

/** "on Mon, Wed and Fri", "every Monday", "mon-fri", "M/W/F", "weekdays". */
export const daysRule: Rule = (p, i) => {
  let k = i;
  if (['on', 'every', 'each'].includes(word(p, k))) k += 1;
  const days: DayOfWeek[] = [];
  let matched = false;
  for (;;) {
    const group = dayGroupTable(p.toks, k);
    if (group !== undefined) {
      days.push(...group.value);
      k += group.length;
    } else {
      const d = DAY_WORDS[word(p, k)];
      if (d === undefined) break;
      const to = DAY_WORDS[word(p, k + 2)];
      if (DAY_RANGE.has(word(p, k + 1)) && to !== undefined) {
        days.push(...dayRange(d, to));
        k += 3;
      } else {
        days.push(d);
        k += 1;
      }
    }
    matched = true;
    let j = k;
    while (DAY_JOIN.has(word(p, j))) j += 1;
    if (j === k || (DAY_WORDS[word(p, j)] === undefined && dayGroupTable(p.toks, j) === undefined)) break;
    k = j;
  }
  if (!matched) return undefined;
  // A lone short day ("sun", "sat", "wed") is also an English word: it needs "on"/"every" or a list.
  const lone = days.length === 1 && k - i === 1 && (word(p, i).length <= 4 || word(p, i) === 'tues');
  if (lone) return undefined;
  return {
    length: k - i,
    apply: (pp) => {
      pp.b.timingSeen = true;
      for (const d of days) if (!pp.b.days.includes(d)) pp.b.days.push(d);
    },
  };
};

function readClock(p: Parser, i: number, prefixed: boolean): Span<{ time: string }> | undefined {
  const h = p.toks[i];
  // "14.00" after "at"
  if (prefixed && h?.kind === 'num' && /^\d{1,2}\.\d\d$/.test(h.text)) {
    const [hh, mm] = h.text.split('.').map(Number);
    if (hh !== undefined && mm !== undefined && hh < 24 && mm < 60) return { time: clock(hh, mm), length: 1 };
    return undefined;
  }
  if (h?.kind !== 'num' || h.value === undefined || !Number.isInteger(h.value) || /\./.test(h.text))
    return undefined;
  let hour = h.value;
  let minute = 0;
  let k = i + 1;
  let explicit = false;
  if (word(p, k) === ':' && p.toks[k + 1]?.kind === 'num' && /^\d\d$/.test(word(p, k + 1))) {
    minute = Number(word(p, k + 1));
    k += 2;
    explicit = true;
  }
  const ampm = word(p, k);
  if (ampm === 'am' || ampm === 'pm') {
    if (hour < 1 || hour > 12) return undefined;
    if (ampm === 'pm' && hour !== 12) hour += 12;
    if (ampm === 'am' && hour === 12) hour = 0;
    k += 1;
    explicit = true;
  }
  if (!explicit || hour > 23 || minute > 59) return undefined;
  return { time: clock(hour, minute), length: k - i };
}

const clock = (h: number, m: number): string =>
  `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;

/** "at 8 am", "@ 9:00, 21:00", "at 14.00". */
export const timeOfDayRule: Rule = (p, i) => {
  const prefixed = word(p, i) === 'at' || word(p, i) === '@';
  let k = prefixed ? i + 1 : i;
  const times: string[] = [];
  for (;;) {
    const c = readClock(p, k, prefixed);
    if (c === undefined) break;
    times.push(c.time);
    k += c.length;
    let j = k;
    while ([',', 'and', '&'].includes(word(p, j))) j += 1;
    if (readClock(p, j, prefixed) === undefined) break;
    k = j;
  }
  if (times.length === 0) return undefined;
  return {
    length: k - i,
    apply: (pp) => {
      pp.b.timingSeen = true;
      for (const t of times) if (!pp.b.times.includes(t)) pp.b.times.push(t);
    },
  };
};

const DURATION_LEADS = new Set(['for', 'x', '*', 'times', 'during', 'over', 'lasting']);
const COUNT_WORDS = new Set([
  'doses',
  'dose',
  'times',
  'time',
  'applications',
  'treatments',
  'administrations',
]);
const DURATION_UNITS = new Set<UnitsOfTime>(['h', 'd', 'wk', 'mo', 'a']);

/** "for 7 days", "x 10 days", "x7d", "for 2 weeks", "for the next 5 days", "for a month"; "x 3 doses". */
export const durationRule: Rule = (p, i) => {
  const lead = word(p, i);
  if (!DURATION_LEADS.has(lead)) return undefined;
  let k = i + 1;
  if (word(p, k) === 'the' && word(p, k + 1) === 'next') k += 2;
  else if (word(p, k) === 'next') k += 1;
  else if (word(p, k) === 'a' && word(p, k + 1) === 'total' && word(p, k + 2) === 'of') k += 3;
  const article = ['a', 'an', 'one'].includes(word(p, k)) && TIME_UNIT_WORDS[word(p, k + 1)] !== undefined;
  const n = article ? { value: 1, length: 1 } : readNumber(p.toks, k);
  if (n === undefined || n.value <= 0) return undefined;
  k += n.length;
  if (word(p, k) === 'more') k += 1;
  const unit = TIME_UNIT_WORDS[word(p, k)];
  if (unit !== undefined && DURATION_UNITS.has(unit) && Number.isInteger(n.value)) {
    const bounds = { value: n.value, unit };
    return { length: k + 1 - i, apply: (pp) => setBounds(pp, bounds) };
  }
  if (COUNT_WORDS.has(word(p, k)) && Number.isInteger(n.value) && lead !== 'during' && lead !== 'over') {
    const count = n.value;
    return { length: k + 1 - i, apply: (pp) => setCount(pp, count) };
  }
  // "q6h x4": a bare count after "x" only once a repeating frequency is known
  if (
    lead === 'x' &&
    Number.isInteger(n.value) &&
    unit === undefined &&
    p.b.freq !== undefined &&
    p.toks[i + 1]?.kind === 'num'
  ) {
    const count = n.value;
    return { length: k - i, apply: (pp) => setCount(pp, count) };
  }
  return undefined;
};

/** "10 days" written without "for", after the timing: a duration. */
export const bareDurationRule: Rule = (p, i) => {
  if (!p.b.timingSeen || p.toks[i]?.kind !== 'num') return undefined;
  const n = readNumber(p.toks, i);
  if (n === undefined || !Number.isInteger(n.value) || n.value <= 0) return undefined;
  const unit = TIME_UNIT_WORDS[word(p, i + n.length)];
  if (unit === undefined || unit === 'h' || !DURATION_UNITS.has(unit)) return undefined;
  const bounds = { value: n.value, unit };
  return { length: n.length + 1, apply: (pp) => setBounds(pp, bounds) };
};

function setBounds(p: Parser, bounds: { value: number; unit: UnitsOfTime }): boolean {
  if (p.b.bounds !== undefined) return p.b.bounds.value === bounds.value && p.b.bounds.unit === bounds.unit;
  p.b.bounds = bounds;
  return true;
}

function setCount(p: Parser, count: number): boolean {
  if (p.b.count !== undefined) return p.b.count === count;
  p.b.count = count;
  p.b.timingSeen = true;
  return true;
}

/** "once", "one time", "single dose", "stat", "x1": a single administration. */
export const singleDoseRule: Rule = (p, i) => {
  const t = word(p, i);
  let length = 0;
  if (t === 'once' || t === 'stat') length = 1;
  else if (t === 'one' && word(p, i + 1) === 'time') length = 2;
  else if ((t === 'single' || t === 'one') && word(p, i + 1) === 'dose') length = 2;
  else if (t === 'x' && word(p, i + 1) === '1' && TIME_UNIT_WORDS[word(p, i + 2)] === undefined) length = 2;
  if (length === 0) return undefined;
  return {
    length,
    apply: (pp) => {
      if (pp.b.freq !== undefined) return false;
      if (t === 'stat' && !pp.b.instructions.includes('immediately')) pp.b.instructions.push('immediately');
      return setCount(pp, 1);
    },
  };
};
