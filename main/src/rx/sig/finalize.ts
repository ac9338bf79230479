// Turns what the rules read into a FHIR R4 Dosage, resolves "OD" once the whole sig is known, and
// measures what was left over. Nothing is filled in that the directions did not say.
import { fragmentText, warn } from './parser-state.js';
import type { Builder, Parser } from './parser-state.js';
import { GTS_ABBREVIATION, UCUM } from './types.js';
import type {
  CodeableConcept,
  Dosage,
  EventTiming,
  Quantity,
  SigFragment,
  Timing,
  TimingRepeat,
} from './types.js';
import { routeConcept, siteConcept, SITES } from './vocabulary/routes.js';
import type { RouteKey } from './vocabulary/routes.js';
import { DAILY_EVENTS, EVENT_ORDER, UNIT_OF_TIME_NAME, WEEK } from './vocabulary/timing.js';
import { UNITS } from './vocabulary/units.js';
import type { UnitKey } from './vocabulary/units.js';

const SYSTEMIC_ROUTES = new Set<RouteKey>([
  'oral',
  'sublingual',
  'buccal',
  'rectal',
  'vaginal',
  'subcutaneous',
  'intramuscular',
  'intravenous',
  'transdermal',
  'inhaled',
  'nasal',
]);

/** "OD": right eye with eye drops, once daily with tablets (never both, never a guess between them). */
export function resolveOd(p: Parser): void {
  const b = p.b;
  for (const i of b.pendingOd) {
    const text = fragmentText(p, i, i + 1);
    const unit = b.dose?.unit;
    const route = b.route ?? b.verbRoute;
    const eye =
      unit === 'drop' ||
      route === 'ophthalmic' ||
      route === 'intravitreal' ||
      (b.site !== undefined && SITES[b.site].route === 'ophthalmic');
    const systemic =
      (unit !== undefined && unit !== 'drop' && UNITS[unit].kind === 'count') ||
      (route !== undefined && SYSTEMIC_ROUTES.has(route));
    if (eye && !systemic && (b.site === undefined || b.site === 'rightEye')) {
      b.site = 'rightEye';
      warn(
        p,
        'sig.ismpErrorProne',
        '"OD" is on the ISMP list of error-prone abbreviations (eye/ear mix-ups); read as "right eye" — confirm',
        text,
      );
    } else if (systemic && !eye && b.freq === undefined) {
      b.freq = { frequency: 1, period: 1, periodUnit: 'd' };
      warn(
        p,
        'sig.ambiguousAbbreviation',
        '"OD" means "right eye" in the US and "once daily" elsewhere; read as "once daily" because the dose cannot go in an eye — confirm',
        text,
      );
    } else {
      p.state[i] = 'none';
      warn(
        p,
        'sig.ambiguousAbbreviation',
        '"OD" means "right eye" and "once daily"; the directions do not say which',
        text,
      );
    }
  }
}

export function quantity(value: number, unit: UnitKey | undefined): Quantity {
  if (unit === undefined) return { value };
  const u = UNITS[unit];
  return { value, unit: u.name, system: UCUM, code: u.code };
}

const timeQuantity = (value: number, unit: keyof typeof UNIT_OF_TIME_NAME): Quantity => ({
  value,
  unit: UNIT_OF_TIME_NAME[unit][value === 1 ? 0 : 1],
  system: UCUM,
  code: unit,
});

function timingCode(r: TimingRepeat): string | undefined {
  if (r.frequencyMax !== undefined || r.periodMax !== undefined || r.timeOfDay !== undefined)
    return undefined;
  // Days of the week refine a weekly or monthly rhythm ("weekly on Friday") but not a daily one.
  if (r.dayOfWeek !== undefined && r.periodUnit !== 'wk') return undefined;
  const f = r.frequency ?? 1;
  const when = r.when ?? [];
  if (r.periodUnit === 'd' && r.period === 1) {
    if (f === 1 && when.length === 1 && when[0] === 'MORN') return 'AM';
    if (f === 1 && when.length === 1 && when[0] === 'HS') return 'BED';
    return ['QD', 'BID', 'TID', 'QID'][f - 1];
  }
  if (f !== 1) return undefined;
  if (r.periodUnit === 'd' && r.period === 2) return 'QOD';
  if (r.periodUnit === 'h' && [1, 2, 3, 4, 6, 8].includes(r.period ?? 0)) return `Q${r.period}H`;
  if (r.periodUnit === 'wk' && r.period === 1) return 'WK';
  if (r.periodUnit === 'mo' && r.period === 1) return 'MO';
  return undefined;
}

function buildTiming(b: Builder): Timing | undefined {
  const r: TimingRepeat = {};
  if (b.bounds !== undefined) {
    const { value, unit } = b.bounds;
    r.boundsDuration = {
      value,
      unit: UNIT_OF_TIME_NAME[unit][value === 1 ? 0 : 1],
      system: UCUM,
      code: unit,
    };
  }
  if (b.count !== undefined) r.count = b.count;
  // "every morning before breakfast" is one event, not two: the meal-anchored event is the more precise.
  const has = (...ws: EventTiming[]): boolean => ws.some((w) => b.when.includes(w));
  const when = b.when
    .filter(
      (w) =>
        !(w === 'MORN' && has('ACM', 'CM', 'PCM')) &&
        !(w === 'EVE' && has('ACV', 'CV', 'PCV')) &&
        !(w === 'NIGHT' && has('HS')),
    )
    .sort((x, y) => EVENT_ORDER.indexOf(x) - EVENT_ORDER.indexOf(y));
  let freq = b.freq;
  // Day-part events and clock times each stand for one administration a day ("at bedtime" is nightly);
  // generic meal events do not, since the number of meals is not written.
  const daily = when.every((w) => DAILY_EVENTS.has(w));
  if (freq === undefined && daily && when.length + b.times.length > 0) {
    freq = { frequency: when.length + b.times.length, period: 1, periodUnit: 'd' };
  }
  if (freq === undefined && b.days.length > 0 && when.length === 0) {
    freq = { frequency: 1, period: 1, periodUnit: 'd' };
  }
  if (freq !== undefined) {
    r.frequency = freq.frequency;
    if (freq.frequencyMax !== undefined) r.frequencyMax = freq.frequencyMax;
    r.period = freq.period;
    if (freq.periodMax !== undefined) r.periodMax = freq.periodMax;
    r.periodUnit = freq.periodUnit;
  }
  if (b.days.length > 0) r.dayOfWeek = [...b.days].sort((x, y) => WEEK.indexOf(x) - WEEK.indexOf(y));
  if (b.times.length > 0) r.timeOfDay = [...b.times].sort();
  if (when.length > 0) r.when = when as EventTiming[];
  if (b.offset !== undefined) r.offset = b.offset;
  if (Object.keys(r).length === 0) return undefined;
  const code = timingCode(r);
  return code === undefined
    ? { repeat: r }
    : { repeat: r, code: { coding: [{ system: GTS_ABBREVIATION, code }] } };
}

export function buildDosage(text: string, b: Builder): Dosage {
  const d: Dosage = { text };
  if (b.instructions.length > 0) d.additionalInstruction = b.instructions.map((t) => ({ text: t }));
  if (b.indication !== undefined && !(b.prn && b.prnReason === undefined))
    d.patientInstruction = `for ${b.indication}`;
  const timing = buildTiming(b);
  if (timing !== undefined) d.timing = timing;
  if (b.prn) {
    const reason = b.prnReason ?? b.indication;
    if (reason === undefined) d.asNeededBoolean = true;
    else d.asNeededCodeableConcept = { text: reason };
  }
  let site: CodeableConcept | undefined;
  if (b.site !== undefined) site = siteConcept(b.site);
  else if (b.siteText !== undefined) site = { text: b.siteText };
  if (site !== undefined) d.site = site;
  const routeKey =
    b.route ??
    (b.site !== undefined ? SITES[b.site].route : undefined) ??
    b.verbRoute ??
    (b.siteText !== undefined && b.route === undefined && ['Apply', 'Rub', 'Massage'].includes(b.method ?? '')
      ? 'topical'
      : undefined);
  // An inhaler "by mouth" is inhaled through the mouth: the respiratory route, not the oral one.
  const inhaled = routeKey === 'oral' && (b.verbRoute === 'inhaled' || b.dose?.unit === 'puff');
  if (routeKey !== undefined) d.route = routeConcept(inhaled ? 'inhaled' : routeKey);
  if (b.method !== undefined) d.method = { text: b.method };
  if (b.dose !== undefined) {
    const { low, high, unit } = b.dose;
    d.doseAndRate = [
      high === undefined
        ? { doseQuantity: quantity(low, unit) }
        : { doseRange: { low: quantity(low, unit), high: quantity(high, unit) } },
    ];
  }
  if (b.max !== undefined) {
    d.maxDosePerPeriod = {
      numerator: quantity(b.max.value, b.max.unit ?? b.dose?.unit),
      denominator: timeQuantity(b.max.perValue, b.max.perUnit),
    };
  }
  return d;
}

/** Consecutive unread tokens, trimmed of connecting words, as they were written. */
export function leftOver(p: Parser): SigFragment[] {
  const out: SigFragment[] = [];
  let k = 0;
  const n = p.toks.length;
  while (k < n) {
    if (p.state[k] !== 'none') {
      k++;
      continue;
    }
    let end = k;
    while (end < n && p.state[end] === 'none') end++;
    let a = k;
    let z = end;
    while (a < z && p.filler[a]) a++;
    while (z > a && p.filler[z - 1]) z--;
    if (z > a) {
      const start = p.toks[a]?.start ?? 0;
      const stop = p.toks[z - 1]?.end ?? start;
      out.push({ text: p.input.slice(start, stop), start, end: stop });
    }
    k = end;
  }
  return out;
}

export function hasContent(b: Builder): boolean {
  return (
    b.dose !== undefined ||
    b.freq !== undefined ||
    b.when.length > 0 ||
    b.days.length > 0 ||
    b.times.length > 0 ||
    b.route !== undefined ||
    b.site !== undefined ||
    b.siteText !== undefined ||
    b.prn ||
    b.bounds !== undefined ||
    b.count !== undefined ||
    b.max !== undefined ||
    b.instructions.length > 0
  );
}
