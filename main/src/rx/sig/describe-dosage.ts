// Renders a Dosage in plain words for labels ("Take 1 tablet by mouth twice a day for 7 days"),
// from the structured fields only, so that the label says what the pharmacist confirmed.
import type {
  CodeableConcept,
  Dosage,
  EventTiming,
  Quantity,
  Ratio,
  TimingRepeat,
  UnitsOfTime,
} from './types.js';
import { ROUTES, SITES } from './vocabulary/routes.js';
import type { RouteKey } from './vocabulary/routes.js';
import { DAILY_EVENTS, UNIT_OF_TIME_NAME } from './vocabulary/timing.js';
import { UNITS } from './vocabulary/units.js';

const VERB_BY_ROUTE: Record<RouteKey, string> = {
  oral: 'Take',
  sublingual: 'Place',
  buccal: 'Place',
  rectal: 'Insert',
  vaginal: 'Insert',
  topical: 'Apply',
  transdermal: 'Apply',
  inhaled: 'Inhale',
  ophthalmic: 'Instill',
  otic: 'Instill',
  nasal: 'Use',
  subcutaneous: 'Inject',
  intramuscular: 'Inject',
  intravenous: 'Inject',
  intravitreal: 'Inject',
};

const EVENT_WORDS: Record<EventTiming, string> = {
  MORN: 'in the morning',
  NOON: 'at noon',
  AFT: 'in the afternoon',
  EVE: 'in the evening',
  NIGHT: 'at night',
  PHS: 'after sleep',
  HS: 'at bedtime',
  WAKE: 'on waking',
  C: 'with meals',
  CM: 'with breakfast',
  CD: 'with lunch',
  CV: 'with dinner',
  AC: 'before meals',
  ACM: 'before breakfast',
  ACD: 'before lunch',
  ACV: 'before dinner',
  PC: 'after meals',
  PCM: 'after breakfast',
  PCD: 'after lunch',
  PCV: 'after dinner',
};

const DAY_NAMES: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const FRACTIONS: Record<string, string> = { '0.25': '1/4', '0.5': '1/2', '0.75': '3/4' };

export function formatNumber(n: number): string {
  const whole = Math.floor(n);
  const frac = FRACTIONS[String(Math.round((n - whole) * 100) / 100)];
  if (frac !== undefined) return whole === 0 ? frac : `${whole} ${frac}`;
  return String(Math.round(n * 1000) / 1000);
}

function unitWord(q: Quantity, plural: boolean): string {
  if (q.unit === undefined) return '';
  const u = Object.values(UNITS).find((x) => x.name === q.unit);
  if (u === undefined) return q.unit;
  return plural ? u.plural : u.name;
}

const quantityText = (q: Quantity): string =>
  [formatNumber(q.value), unitWord(q, q.value > 1)].filter(Boolean).join(' ');

export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

const timeName = (unit: UnitsOfTime, n: number): string => UNIT_OF_TIME_NAME[unit][n === 1 ? 0 : 1];

function timesWord(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function frequencyText(r: TimingRepeat, asNeeded: boolean): string | undefined {
  if (r.period === undefined || r.periodUnit === undefined) return undefined;
  const f = r.frequency ?? 1;
  const unit = r.periodUnit;
  const p = r.period;
  if (r.periodMax !== undefined) return `every ${p} to ${r.periodMax} ${timeName(unit, r.periodMax)}`;
  // "up to 4 times a day as needed" reads better than "1 to 4 times" where the lower bound is only nominal.
  const count =
    r.frequencyMax === undefined
      ? timesWord(f)
      : asNeeded && f === 1
        ? `up to ${r.frequencyMax} times`
        : `${f} to ${r.frequencyMax} times`;
  if (p === 1) {
    if (f === 1 && r.frequencyMax === undefined && (unit === 'h' || unit === 'min'))
      return `every ${timeName(unit, 1)}`;
    return `${count} a ${timeName(unit, 1)}`;
  }
  if (f === 1 && r.frequencyMax === undefined)
    return p === 2 && unit === 'd' ? 'every other day' : `every ${p} ${timeName(unit, p)}`;
  return `${count} every ${p} ${timeName(unit, p)}`;
}

function clockText(t: string): string {
  const [h = 0, m = 0] = t.split(':').map(Number);
  const suffix = h < 12 ? 'AM' : 'PM';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}:${String(m).padStart(2, '0')} ${suffix}`;
}

function timingText(r: TimingRepeat | undefined, asNeeded: boolean): string[] {
  if (r === undefined) return [];
  const parts: string[] = [];
  const when = r.when ?? [];
  const impliedByEvents =
    when.length > 0 &&
    when.every((w) => DAILY_EVENTS.has(w)) &&
    r.frequency === when.length &&
    r.period === 1 &&
    r.periodUnit === 'd' &&
    r.frequencyMax === undefined;
  const impliedByDays =
    (r.dayOfWeek?.length ?? 0) > 0 &&
    r.frequency === 1 &&
    r.period === 1 &&
    r.periodUnit === 'd' &&
    r.frequencyMax === undefined;
  const impliedByTimes =
    (r.timeOfDay?.length ?? 0) > 0 &&
    r.frequency === r.timeOfDay?.length &&
    r.period === 1 &&
    r.periodUnit === 'd';
  const freq = frequencyText(r, asNeeded);
  if (freq !== undefined && !impliedByEvents && !impliedByDays && !impliedByTimes) parts.push(freq);
  if (r.count !== undefined && freq === undefined) parts.push(r.count === 1 ? 'once' : `${r.count} times`);
  if (when.length > 0) {
    const words = when.map((w) => EVENT_WORDS[w]);
    if (r.offset !== undefined && when.length === 1) {
      const w = words[0] ?? '';
      const minutes =
        r.offset % 60 === 0
          ? `${r.offset / 60} ${r.offset === 60 ? 'hour' : 'hours'}`
          : `${r.offset} minutes`;
      parts.push(`${minutes} ${w.replace(/^at /, 'before ')}`);
    } else parts.push(list(words));
  }
  if (r.dayOfWeek !== undefined) parts.push(`on ${list(r.dayOfWeek.map((d) => DAY_NAMES[d] ?? d))}`);
  if (r.timeOfDay !== undefined) parts.push(`at ${list(r.timeOfDay.map(clockText))}`);
  return parts;
}

function routeKeyOf(c: CodeableConcept | undefined): RouteKey | undefined {
  const code = c?.coding?.[0]?.code;
  return (Object.keys(ROUTES) as RouteKey[]).find((k) => ROUTES[k].code === code);
}

function whereText(d: Dosage, route: RouteKey | undefined): string | undefined {
  const siteCode = d.site?.coding?.[0]?.code;
  const coded = Object.values(SITES).find((s) => s.code === siteCode);
  if (coded !== undefined) return coded.text.startsWith('both') ? `in ${coded.text}` : `in the ${coded.text}`;
  const siteText = d.site?.text;
  if (siteText !== undefined) {
    if (route === 'nasal' || route === 'ophthalmic' || route === 'otic')
      return `in ${siteText.startsWith('each') || siteText.startsWith('one') ? '' : 'the '}${siteText}`;
    return `to the ${siteText.replace(/^the /, '')}`;
  }
  if (route !== undefined) return ROUTES[route].text;
  return d.route?.text;
}

function maxText(m: Ratio, verb: string): string {
  const num = quantityText(m.numerator);
  const den = m.denominator;
  const per =
    den.value === 1 && den.code === 'd'
      ? 'a day'
      : `in ${den.value === 1 ? '' : `${den.value} `}${den.unit ?? den.code ?? ''}`.replace(/\s+/g, ' ');
  return `Do not ${verb === 'Take' ? 'take' : 'use'} more than ${num} ${per}`;
}

const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function describeDosage(dosage: Dosage): string {
  const route = routeKeyOf(dosage.route);
  const dr = dosage.doseAndRate?.[0];
  let dose: string | undefined;
  let unitName: string | undefined;
  if (dr !== undefined && 'doseQuantity' in dr) {
    dose = quantityText(dr.doseQuantity);
    unitName = dr.doseQuantity.unit;
  } else if (dr !== undefined) {
    const { low, high } = dr.doseRange;
    dose = `${formatNumber(low.value)} to ${quantityText(high)}`;
    unitName = high.unit;
  }
  const countable = ['tablet', 'capsule', 'pill'].includes(unitName ?? '');
  const verb =
    dosage.method?.text ??
    (route !== undefined
      ? VERB_BY_ROUTE[route]
      : unitName === 'puff'
        ? 'Inhale'
        : countable
          ? 'Take'
          : 'Use');
  const main: string[] = [verb];
  if (dose !== undefined) main.push(dose);
  const where = whereText(dosage, route);
  // "Inhale 2 puffs", not "Inhale 2 puffs by inhalation".
  if (where !== undefined && !(verb === 'Inhale' && route === 'inhaled' && dosage.site === undefined))
    main.push(where);
  const asNeeded = dosage.asNeededBoolean === true || dosage.asNeededCodeableConcept !== undefined;
  main.push(...timingText(dosage.timing?.repeat, asNeeded));
  if (dosage.asNeededCodeableConcept?.text !== undefined)
    main.push(`as needed for ${dosage.asNeededCodeableConcept.text}`);
  else if (dosage.asNeededBoolean === true) main.push('as needed');
  const bounds = dosage.timing?.repeat?.boundsDuration;
  if (bounds !== undefined) main.push(`for ${bounds.value} ${bounds.unit}`);
  const count = dosage.timing?.repeat?.count;
  if (count !== undefined && count > 1 && dosage.timing?.repeat?.period !== undefined)
    main.push(`for ${count} doses`);
  if (dosage.patientInstruction !== undefined) main.push(dosage.patientInstruction);
  if (
    main.length === 1 &&
    dosage.additionalInstruction === undefined &&
    dosage.maxDosePerPeriod === undefined
  )
    return dosage.text;
  const extra = (dosage.additionalInstruction ?? []).flatMap((a) => (a.text === undefined ? [] : [a.text]));
  // "Use as directed": an instruction alone joins the verb rather than standing as a fragment.
  const sentences =
    main.length > 1 ? [main.join(' ')] : extra.length > 0 ? [`${verb} ${extra.shift() ?? ''}`] : [];
  if (dosage.maxDosePerPeriod !== undefined) sentences.push(maxText(dosage.maxDosePerPeriod, verb));
  // "with food" on its own is not a sentence: it takes the verb ("Take with food").
  for (const a of extra)
    sentences.push(/^(with|on an empty|before|after)\b/.test(a) ? `${verb} ${a}` : sentence(a));
  return sentences.join('. ');
}
