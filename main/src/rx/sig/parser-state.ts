// The mutable state one parse builds up, and the rule shape every grammar rule follows: a rule only
// looks (match), and says what it would change (apply), so the PRN-reason reader can look ahead freely.
import type { Token } from './tokenize.js';
import type { DayOfWeek, EventTiming, SigWarning, SigWarningCode, UnitsOfTime } from './types.js';
import type { RouteKey, SiteKey } from './vocabulary/routes.js';
import type { Frequency } from './vocabulary/timing.js';
import type { UnitKey } from './vocabulary/units.js';

export type DoseState = { low: number; high?: number; unit?: UnitKey; firstToken: number; lastToken: number };

export type MaxState = {
  value: number;
  unit?: UnitKey;
  perValue: number;
  perUnit: UnitsOfTime;
};

export type Builder = {
  dose?: DoseState;
  method?: string;
  methodToken?: number;
  verbRoute?: RouteKey;
  route?: RouteKey;
  site?: SiteKey;
  siteText?: string;
  freq?: Frequency;
  when: EventTiming[];
  offset?: number;
  days: DayOfWeek[];
  times: string[];
  bounds?: { value: number; unit: UnitsOfTime };
  count?: number;
  prn: boolean;
  prnReason?: string;
  indication?: string;
  max?: MaxState;
  instructions: string[];
  product?: string;
  strength?: string;
  /** Token indexes of "OD", resolved once the whole sig is read (right eye or, for tablets, once daily). */
  pendingOd: number[];
  /** Whether timing has been read yet: a dose written after timing starts a second instruction. */
  timingSeen: boolean;
  warnings: SigWarning[];
  /** Token index from which the rest is a further instruction that this Dosage cannot hold. */
  stopAt?: number;
};

export type TokenState = 'none' | 'meaning' | 'filler';

export type Parser = {
  input: string;
  toks: Token[];
  state: TokenState[];
  /** Whether each token is a connecting word (FILLERS), whatever rule read it. */
  filler: boolean[];
  b: Builder;
};

/** Returns false when the builder refuses the reading (a conflict): the tokens then stay unparsed. */
export type Apply = (p: Parser, i: number) => boolean | void;
export type Match = { length: number; apply: Apply; filler?: boolean };
export type Rule = (p: Parser, i: number) => Match | undefined;

export function newBuilder(): Builder {
  return {
    when: [],
    days: [],
    times: [],
    prn: false,
    instructions: [],
    pendingOd: [],
    timingSeen: false,
    warnings: [],
  };
}

export const word = (p: Parser, i: number): string => p.toks[i]?.text ?? '';

export function fragmentText(p: Parser, from: number, to: number): string {
  const a = p.toks[from];
  const b = p.toks[to - 1];
  return a === undefined || b === undefined ? '' : p.input.slice(a.start, b.end);
}

export function warn(p: Parser, code: SigWarningCode, message: string, fragment?: string): void {
  if (p.b.warnings.some((w) => w.code === code && w.message === message)) return;
  p.b.warnings.push(fragment === undefined ? { code, message } : { code, message, fragment });
}

const DAYS_PER: Record<UnitsOfTime, number> = {
  s: 1 / 86400,
  min: 1 / 1440,
  h: 1 / 24,
  d: 1,
  wk: 7,
  mo: 30,
  a: 365,
};

export function periodInDays(period: number, unit: UnitsOfTime): number {
  return period * DAYS_PER[unit];
}

/** Two frequencies agree when they give the same number of administrations a day ("BID (every 12 hours)"). */
export function sameRate(a: Frequency, b: Frequency): boolean {
  const ra = (a.frequencyMax ?? a.frequency) / periodInDays(a.periodMax ?? a.period, a.periodUnit);
  const rb = (b.frequencyMax ?? b.frequency) / periodInDays(b.periodMax ?? b.period, b.periodUnit);
  const la = a.frequency / periodInDays(a.period, a.periodUnit);
  const lb = b.frequency / periodInDays(b.period, b.periodUnit);
  return Math.abs(ra - rb) < 1e-9 && Math.abs(la - lb) < 1e-9;
}

export function setFrequency(p: Parser, f: Frequency, from: number, length: number): boolean {
  const current = p.b.freq;
  p.b.timingSeen = true;
  if (current === undefined) {
    const { when, ...rest } = f;
    p.b.freq = rest;
    if (when !== undefined) addWhen(p, when);
    return true;
  }
  if (sameRate(current, f)) {
    if (f.when !== undefined) addWhen(p, f.when);
    return true;
  }
  warn(
    p,
    'sig.conflictingFrequency',
    'two different frequencies are written; the second was not used',
    fragmentText(p, from, from + length),
  );
  return false;
}

export function addWhen(p: Parser, when: readonly EventTiming[]): void {
  p.b.timingSeen = true;
  for (const w of when) if (!p.b.when.includes(w)) p.b.when.push(w);
}

/** Marks where a second instruction starts: the rest of the directions is left unparsed. */
export function stopHere(p: Parser, i: number): void {
  p.b.stopAt = i;
  warn(
    p,
    'sig.multipleInstructions',
    'the directions hold more than one instruction (a taper or a second dose); only the first was read',
    fragmentText(p, i, p.toks.length),
  );
}
