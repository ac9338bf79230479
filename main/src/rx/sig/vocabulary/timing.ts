// Frequency abbreviations, event timings and calendar words. The Latin abbreviations are those of
// shared/data/sig (sig_abbreviations_facts.tsv, this project's, checked entry by entry; and
// parsigs_latin_frequency.json from royashcenazi/parsigs 0c4c4374, MIT, (c) 2023 royashcenazi);
// see README.md beside this folder for what was corrected and why.
import type { DayOfWeek, EventTiming, UnitsOfTime } from '../types.js';

export type Frequency = {
  frequency: number;
  frequencyMax?: number;
  period: number;
  periodMax?: number;
  periodUnit: UnitsOfTime;
  when?: EventTiming[];
};

export type FrequencyWord = Frequency & { caution?: string };

const QD_CAUTION =
  '"QD" is on the ISMP and Joint Commission do-not-use lists (read as QID); read as "daily" — confirm';
const QOD_CAUTION =
  '"QOD" is on the ISMP and Joint Commission do-not-use lists (read as QD or QID); read as "every other day" — confirm';
const HS_CAUTION =
  '"HS" is on the ISMP list of error-prone abbreviations (also "half-strength"); read as "at bedtime"';

const daily = (frequency: number, when?: EventTiming[]): Frequency =>
  when === undefined
    ? { frequency, period: 1, periodUnit: 'd' }
    : { frequency, period: 1, periodUnit: 'd', when };

/** Single-token frequency words and abbreviations (dots already removed by the tokenizer). */
export const FREQUENCY_WORDS: Record<string, FrequencyWord> = {
  qd: { ...daily(1), caution: QD_CAUTION },
  qday: daily(1),
  qdaily: daily(1),
  daily: daily(1),
  bid: daily(2),
  tid: daily(3),
  qid: daily(4),
  qod: { frequency: 1, period: 2, periodUnit: 'd', caution: QOD_CAUTION },
  qam: daily(1, ['MORN']),
  qmorning: daily(1, ['MORN']),
  qpm: daily(1, ['EVE']),
  qevening: daily(1, ['EVE']),
  qhs: { ...daily(1, ['HS']), caution: HS_CAUTION },
  hs: { ...daily(1, ['HS']), caution: HS_CAUTION },
  qbedtime: daily(1, ['HS']),
  qnight: daily(1, ['NIGHT']),
  nightly: daily(1, ['NIGHT']),
  qh: { frequency: 1, period: 1, periodUnit: 'h' },
  hourly: { frequency: 1, period: 1, periodUnit: 'h' },
  qw: { frequency: 1, period: 1, periodUnit: 'wk' },
  qwk: { frequency: 1, period: 1, periodUnit: 'wk' },
  qweek: { frequency: 1, period: 1, periodUnit: 'wk' },
  weekly: { frequency: 1, period: 1, periodUnit: 'wk' },
  biw: { frequency: 2, period: 1, periodUnit: 'wk' },
  tiw: { frequency: 3, period: 1, periodUnit: 'wk' },
  qiw: { frequency: 4, period: 1, periodUnit: 'wk' },
  fortnightly: { frequency: 1, period: 2, periodUnit: 'wk' },
  qmo: { frequency: 1, period: 1, periodUnit: 'mo' },
  qmonth: { frequency: 1, period: 1, periodUnit: 'mo' },
  monthly: { frequency: 1, period: 1, periodUnit: 'mo' },
  yearly: { frequency: 1, period: 1, periodUnit: 'a' },
  annually: { frequency: 1, period: 1, periodUnit: 'a' },
};

/** Words that look like frequencies but are read two ways; the parser names them and leaves them. */
export const AMBIGUOUS_FREQUENCY_WORDS: Record<string, string> = {
  qm: '"QM" is read as "every morning" (quaque mane) and as "monthly"; write "every morning" or "monthly"',
  biweekly: '"biweekly" is read as "twice a week" and as "every two weeks"; write which',
  bimonthly: '"bimonthly" is read as "twice a month" and as "every two months"; write which',
  semiweekly: '"semiweekly" is rarely used and easily misread; write "twice a week"',
  qn: '"QN" is read as "every night" and misread as "QH"; write "nightly" or "at bedtime"',
};

/** Words for "N times": once, twice, thrice. */
export const TIMES_WORDS: Record<string, number> = { once: 1, twice: 2, thrice: 3 };

/** Calendar units as written → FHIR UnitsOfTime. */
export const TIME_UNIT_WORDS: Record<string, UnitsOfTime> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  min: 'min',
  mins: 'min',
  minute: 'min',
  minutes: 'min',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'wk',
  wk: 'wk',
  wks: 'wk',
  week: 'wk',
  weeks: 'wk',
  mo: 'mo',
  mos: 'mo',
  mth: 'mo',
  mths: 'mo',
  month: 'mo',
  months: 'mo',
  y: 'a',
  yr: 'a',
  yrs: 'a',
  year: 'a',
  years: 'a',
};

/** "a day", "daily", "weekly": the period words after "N times". */
export const PER_PERIOD_WORDS: Record<string, UnitsOfTime> = {
  daily: 'd',
  weekly: 'wk',
  monthly: 'mo',
  hourly: 'h',
  nightly: 'd',
  yearly: 'a',
  annually: 'a',
};

export const UNIT_OF_TIME_NAME: Record<UnitsOfTime, [string, string]> = {
  s: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

export type Meal = 'M' | 'D' | 'V';

export const MEAL_WORDS: Record<string, Meal> = {
  breakfast: 'M',
  brkfst: 'M',
  brekkie: 'M',
  lunch: 'D',
  lunchtime: 'D',
  dinner: 'V',
  dinnertime: 'V',
  supper: 'V',
  suppertime: 'V',
  'evening meal': 'V',
};

export type MealRelation = 'AC' | 'PC' | 'C';

export const mealTiming = (rel: MealRelation, meal?: Meal): EventTiming =>
  (meal === undefined ? rel : `${rel}${meal}`) as EventTiming;

/** Event phrases as space-separated tokens. `daily` marks events that happen once a day. */
export const EVENT_PHRASES: Record<string, { when: EventTiming; caution?: string }> = {
  ac: { when: 'AC' },
  'before meals': { when: 'AC' },
  'before a meal': { when: 'AC' },
  'before each meal': { when: 'AC' },
  'before every meal': { when: 'AC' },
  'before food': { when: 'AC' },
  'before eating': { when: 'AC' },
  pc: { when: 'PC' },
  'after meals': { when: 'PC' },
  'after a meal': { when: 'PC' },
  'after each meal': { when: 'PC' },
  'after every meal': { when: 'PC' },
  'after food': { when: 'PC' },
  'after eating': { when: 'PC' },
  'with meals': { when: 'C' },
  'with a meal': { when: 'C' },
  'with each meal': { when: 'C' },
  'with every meal': { when: 'C' },
  'at meals': { when: 'C' },
  'at mealtimes': { when: 'C' },
  'with meal': { when: 'C' },
  wm: { when: 'C' },
  'in the morning': { when: 'MORN' },
  'every morning': { when: 'MORN' },
  'each morning': { when: 'MORN' },
  'in am': { when: 'MORN' },
  'in the am': { when: 'MORN' },
  am: { when: 'MORN' },
  morning: { when: 'MORN' },
  mornings: { when: 'MORN' },
  'early morning': { when: 'MORN' },
  'at noon': { when: 'NOON' },
  noon: { when: 'NOON' },
  midday: { when: 'NOON' },
  'at midday': { when: 'NOON' },
  'in the afternoon': { when: 'AFT' },
  'every afternoon': { when: 'AFT' },
  afternoon: { when: 'AFT' },
  'in the evening': { when: 'EVE' },
  'every evening': { when: 'EVE' },
  'each evening': { when: 'EVE' },
  'in the pm': { when: 'EVE' },
  'in pm': { when: 'EVE' },
  pm: { when: 'EVE' },
  evening: { when: 'EVE' },
  evenings: { when: 'EVE' },
  'at night': { when: 'NIGHT' },
  'every night': { when: 'NIGHT' },
  'each night': { when: 'NIGHT' },
  night: { when: 'NIGHT' },
  'at bedtime': { when: 'HS' },
  'at bed time': { when: 'HS' },
  'at bed': { when: 'HS' },
  'before bed': { when: 'HS' },
  'before bedtime': { when: 'HS' },
  'before sleep': { when: 'HS' },
  'before going to bed': { when: 'HS' },
  'every night at bedtime': { when: 'HS' },
  'nightly at bedtime': { when: 'HS' },
  'at hs': { when: 'HS' },
  bedtime: { when: 'HS' },
  'upon waking': { when: 'WAKE' },
  'on waking': { when: 'WAKE' },
  'upon rising': { when: 'WAKE' },
  'on rising': { when: 'WAKE' },
  'on awakening': { when: 'WAKE' },
  'upon awakening': { when: 'WAKE' },
};

/** Events that each stand for one administration a day when no other frequency is written. */
export const DAILY_EVENTS: ReadonlySet<EventTiming> = new Set<EventTiming>([
  'MORN',
  'NOON',
  'AFT',
  'EVE',
  'NIGHT',
  'HS',
  'WAKE',
  'CM',
  'CD',
  'CV',
  'ACM',
  'ACD',
  'ACV',
  'PCM',
  'PCD',
  'PCV',
]);

export const EVENT_ORDER: EventTiming[] = [
  'WAKE',
  'MORN',
  'ACM',
  'CM',
  'PCM',
  'NOON',
  'ACD',
  'CD',
  'PCD',
  'AFT',
  'EVE',
  'ACV',
  'CV',
  'PCV',
  'AC',
  'C',
  'PC',
  'NIGHT',
  'PHS',
  'HS',
];

export const DAY_WORDS: Record<string, DayOfWeek> = {
  mon: 'mon',
  monday: 'mon',
  mondays: 'mon',
  tue: 'tue',
  tues: 'tue',
  tuesday: 'tue',
  tuesdays: 'tue',
  tu: 'tue',
  wed: 'wed',
  weds: 'wed',
  wednesday: 'wed',
  wednesdays: 'wed',
  thu: 'thu',
  thur: 'thu',
  thurs: 'thu',
  thursday: 'thu',
  thursdays: 'thu',
  th: 'thu',
  fri: 'fri',
  friday: 'fri',
  fridays: 'fri',
  sat: 'sat',
  saturday: 'sat',
  saturdays: 'sat',
  sun: 'sun',
  sunday: 'sun',
  sundays: 'sun',
};

export const WEEK: DayOfWeek[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
