// Days' supply from a dispensed quantity and a Dosage. Rule (the usual pharmacy and payer practice): use
// the most the directions allow in a day — the top of a dose range, the shortest interval, the highest
// frequency, and for as-needed directions the maximum dose per period when one is written — so that the
// days' supply is never overstated. When the directions do not fix a daily amount, say why instead.
import { periodInDays } from './parser-state.js';
import type { Dosage, Quantity, TimingRepeat } from './types.js';
import { UNITS, unitFromName } from './vocabulary/units.js';
import type { DoseUnit, UnitKey } from './vocabulary/units.js';

export type DaysSupplyBasis = 'schedule' | 'maxDosePerPeriod' | 'count';

export type DaysSupplyReason =
  'daysSupply.badQuantity' | 'daysSupply.noDose' | 'daysSupply.noFrequency' | 'daysSupply.unitMismatch';

export type DaysSupply =
  | {
      days: number;
      /** The most the directions allow in a day, in the dose unit. */
      unitsPerDay: number;
      basis: DaysSupplyBasis;
      /** Assumptions made (e.g. three meals a day, a 30-day month), to show beside the figure. */
      notes: string[];
    }
  | { days: null; reason: DaysSupplyReason; message: string };

export type DaysSupplyOptions = {
  /** The unit the quantity is counted in, when it differs from the dose unit (e.g. 'mL' for a dose in teaspoons). */
  quantityUnit?: string;
};

const GENERIC_MEALS = new Set(['C', 'AC', 'PC']);

/** Administrations a day at most, or undefined when the timing does not fix it. */
function administrationsPerDay(r: TimingRepeat | undefined, notes: string[]): number | undefined {
  if (r === undefined) return undefined;
  if (r.period !== undefined && r.periodUnit !== undefined) {
    const perPeriod = r.frequencyMax ?? r.frequency ?? 1;
    if (r.periodUnit === 'mo') notes.push('a month is counted as 30 days');
    if (r.dayOfWeek !== undefined && r.dayOfWeek.length > 0 && r.periodUnit === 'd' && r.period === 1) {
      return (perPeriod * r.dayOfWeek.length) / 7;
    }
    return perPeriod / periodInDays(r.period, r.periodUnit);
  }
  const when = r.when ?? [];
  if (when.length === 0) return undefined;
  let times = 0;
  for (const w of when) {
    if (GENERIC_MEALS.has(w)) {
      times += 3;
      const note = '"with/before/after meals" is counted as three meals a day';
      if (!notes.includes(note)) notes.push(note);
    } else times += 1;
  }
  return times;
}

function doseMax(d: Dosage): Quantity | undefined {
  const dr = d.doseAndRate?.[0];
  if (dr === undefined) return undefined;
  return 'doseQuantity' in dr ? dr.doseQuantity : dr.doseRange.high;
}

const keyOf = (q: Quantity): UnitKey | undefined => (q.unit === undefined ? undefined : unitFromName(q.unit));

/** Converts an amount between units of the same measure (volumes by mL); undefined when it cannot. */
function convert(value: number, from: UnitKey | undefined, to: UnitKey | undefined): number | undefined {
  if (from === to) return value;
  if (from === undefined || to === undefined) return undefined;
  const a: number | undefined = (UNITS[from] as DoseUnit).millilitres;
  const b: number | undefined = (UNITS[to] as DoseUnit).millilitres;
  return a === undefined || b === undefined ? undefined : (value * a) / b;
}

const fail = (reason: DaysSupplyReason, message: string): DaysSupply => ({ days: null, reason, message });

export function daysSupply(quantity: number, dosage: Dosage, options: DaysSupplyOptions = {}): DaysSupply {
  if (!Number.isFinite(quantity) || quantity <= 0)
    return fail('daysSupply.badQuantity', 'the quantity must be a positive number');
  const dose = doseMax(dosage);
  if (dose === undefined || dose.value <= 0) return fail('daysSupply.noDose', 'the directions give no dose');
  const doseUnit = keyOf(dose);
  // Quantities are counted in the smallest dispensable unit (tablet, mL): a dose in mg or units says
  // nothing about how many of those it takes, unless the caller counts the quantity in the same unit.
  const measured =
    doseUnit !== undefined && UNITS[doseUnit].kind !== 'count' && UNITS[doseUnit].kind !== 'volume';
  if (options.quantityUnit === undefined && measured) {
    return fail(
      'daysSupply.unitMismatch',
      `the dose is in ${dose.unit ?? ''}; give the quantity unit, or convert with the product strength`,
    );
  }
  const quantityUnit = options.quantityUnit === undefined ? doseUnit : unitFromName(options.quantityUnit);
  const notes: string[] = [];
  const r = dosage.timing?.repeat;

  let perDay: number | undefined;
  let basis: DaysSupplyBasis = 'schedule';
  const max = dosage.maxDosePerPeriod;
  const prn = dosage.asNeededBoolean === true || dosage.asNeededCodeableConcept !== undefined;
  if (prn && max !== undefined && max.denominator.code !== undefined) {
    const den = periodInDays(
      max.denominator.value,
      max.denominator.code as Parameters<typeof periodInDays>[1],
    );
    const maxUnit = keyOf(max.numerator);
    const amount =
      maxUnit === 'dose' ? max.numerator.value * dose.value : convert(max.numerator.value, maxUnit, doseUnit);
    if (amount !== undefined && den > 0) {
      perDay = amount / den;
      basis = 'maxDosePerPeriod';
    }
  }
  if (perDay === undefined) {
    const times = administrationsPerDay(r, notes);
    if (times !== undefined) perDay = times * dose.value;
  }
  if (perDay === undefined && r?.count !== undefined) {
    // A fixed number of doses with no schedule (e.g. "once"): the whole course is taken within a day.
    perDay = r.count * dose.value;
    basis = 'count';
  }
  if (perDay === undefined || perDay <= 0) {
    const why = prn
      ? 'as-needed directions with no frequency and no maximum dose'
      : 'the directions give no frequency';
    return fail('daysSupply.noFrequency', `days' supply cannot be computed: ${why}`);
  }
  const inQuantityUnit = convert(perDay, doseUnit, quantityUnit);
  if (inQuantityUnit === undefined) {
    const du = dose.unit ?? 'no unit';
    return fail(
      'daysSupply.unitMismatch',
      `the dose is in ${du} and the quantity in ${options.quantityUnit ?? du}; the product strength is needed to convert`,
    );
  }
  let days = Math.max(1, Math.floor(quantity / inQuantityUnit + 1e-9));
  const bounds = r?.boundsDuration;
  if (bounds !== undefined) {
    const limit = Math.ceil(periodInDays(bounds.value, bounds.code));
    if (days > limit) {
      days = limit;
      notes.push(`limited to the ${bounds.value} ${bounds.unit} the directions give`);
    }
  }
  if (r?.count !== undefined && basis !== 'count' && perDay > 0) {
    const limit = Math.max(1, Math.ceil((r.count * dose.value) / perDay - 1e-9));
    if (days > limit) {
      days = limit;
      notes.push(`limited to the ${r.count} doses the directions give`);
    }
  }
  return { days, unitsPerDay: Math.round(perDay * 1e6) / 1e6, basis, notes };
}
