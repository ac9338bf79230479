// Maximum daily dose: a daily amount above the licensed adult maximum is a major alert, because tenfold and
// unit errors (mg for mcg, g for mg) are among the most harmful dispensing errors.
import type { DoseAmount, DoseLimit, DoseUnit, Reference, SafetyAlert } from './contract.js';
import type { CompiledKnowledgeBase } from './knowledge-base.js';
import { resolveName } from './knowledge-base.js';

export type Route = DoseLimit['route'];

export type DoseLimitInfo = {
  route: Route;
  maxDailyDose: { value: number; unit: DoseUnit };
  adjustFor: DoseLimit['adjustFor'];
  note: string | null;
  references: Reference[];
};

export type DoseLimitResult =
  | { status: 'within-limit'; ingredient: string; dailyDose: { value: number; unit: DoseUnit }; limit: DoseLimitInfo }
  | {
      status: 'exceeds-limit';
      ingredient: string;
      dailyDose: { value: number; unit: DoseUnit };
      limit: DoseLimitInfo;
      alert: SafetyAlert;
    }
  | { status: 'no-limit-known'; ingredient: string; recognised: boolean }
  | {
      status: 'invalid-dose';
      ingredient: string;
      error: { code: 'clinical.dose.badUnit' | 'clinical.dose.badValue' | 'clinical.dose.notSingleIngredient'; message: string };
    };

const unitFactors: ReadonlyMap<string, { unit: DoseUnit; micrograms: number }> = new Map([
  ['mcg', { unit: 'mcg', micrograms: 1 }],
  ['ug', { unit: 'mcg', micrograms: 1 }],
  ['µg', { unit: 'mcg', micrograms: 1 }],
  ['μg', { unit: 'mcg', micrograms: 1 }],
  ['microgram', { unit: 'mcg', micrograms: 1 }],
  ['micrograms', { unit: 'mcg', micrograms: 1 }],
  ['mg', { unit: 'mg', micrograms: 1000 }],
  ['milligram', { unit: 'mg', micrograms: 1000 }],
  ['milligrams', { unit: 'mg', micrograms: 1000 }],
  ['g', { unit: 'g', micrograms: 1_000_000 }],
  ['gram', { unit: 'g', micrograms: 1_000_000 }],
  ['grams', { unit: 'g', micrograms: 1_000_000 }],
]);

/** Micrograms in a dose, or null for a unit that is not a mass unit we know. Rounded to 1/1000 mcg. */
export function toMicrograms(dose: DoseAmount): number | null {
  const unit = unitFactors.get(dose.unit.trim().toLowerCase().replace(/\/(day|d|24h)$/, ''));
  if (unit === undefined) return null;
  return Math.round(dose.value * unit.micrograms * 1000) / 1000;
}

export function canonicalUnit(unit: string): DoseUnit | null {
  return unitFactors.get(unit.trim().toLowerCase().replace(/\/(day|d|24h)$/, ''))?.unit ?? null;
}

function pickLimit(limits: readonly DoseLimit[], route: Route | undefined): DoseLimit | undefined {
  const wanted = route ?? 'oral';
  return limits.find((l) => l.route === wanted) ?? limits.find((l) => l.route === 'any');
}

function info(limit: DoseLimit): DoseLimitInfo {
  return {
    route: limit.route,
    maxDailyDose: { ...limit.maxDailyDose },
    adjustFor: [...limit.adjustFor],
    note: limit.note ?? null,
    references: limit.references.map((r) => ({ ...r })),
  };
}

const factorWords: Readonly<Record<DoseLimit['adjustFor'][number], string>> = {
  renal: 'renal impairment',
  hepatic: 'hepatic impairment',
  weight: 'low body weight',
  age: 'older age',
};

function format(value: number, unit: string): string {
  return `${Number(value.toFixed(3))} ${unit}`;
}

export function checkDoseLimitIn(
  kb: CompiledKnowledgeBase,
  ingredient: string,
  dailyDose: DoseAmount,
  route?: Route,
): DoseLimitResult {
  const resolved = resolveName(kb, ingredient);
  if (resolved.kind === 'combination') {
    return {
      status: 'invalid-dose',
      ingredient: resolved.name,
      error: { code: 'clinical.dose.notSingleIngredient', message: 'Give the daily dose of each ingredient of a combination product separately.' },
    };
  }
  const name = resolved.name;
  if (!Number.isFinite(dailyDose.value) || dailyDose.value <= 0) {
    return { status: 'invalid-dose', ingredient: name, error: { code: 'clinical.dose.badValue', message: 'A daily dose must be a positive number.' } };
  }
  const unit = canonicalUnit(dailyDose.unit);
  const given = toMicrograms(dailyDose);
  if (unit === null || given === null) {
    return {
      status: 'invalid-dose',
      ingredient: name,
      error: { code: 'clinical.dose.badUnit', message: `Unknown dose unit "${dailyDose.unit}"; use mcg, mg or g.` },
    };
  }
  const limit = resolved.kind === 'ingredient' ? pickLimit(kb.doseLimits.get(name) ?? [], route) : undefined;
  if (limit === undefined) return { status: 'no-limit-known', ingredient: name, recognised: resolved.kind === 'ingredient' };
  const max = toMicrograms(limit.maxDailyDose) ?? Number.POSITIVE_INFINITY;
  const dose = { value: dailyDose.value, unit };
  if (given <= max) return { status: 'within-limit', ingredient: name, dailyDose: dose, limit: info(limit) };
  const factors = limit.adjustFor.length > 0 ? ` A lower limit may apply with ${limit.adjustFor.map((f) => factorWords[f]).join(', ')}.` : '';
  const times = Math.round((given / max) * 10) / 10;
  return {
    status: 'exceeds-limit',
    ingredient: name,
    dailyDose: dose,
    limit: info(limit),
    alert: {
      id: `dose-limit:max-daily-dose:${name}`,
      kind: 'dose-limit',
      severity: 'major',
      ingredients: [name],
      reason: `Daily dose of ${name} ${format(dailyDose.value, unit)} is above the adult maximum of ${format(limit.maxDailyDose.value, limit.maxDailyDose.unit)} (${limit.route}), ${times} times the limit.`,
      advice: `Check the prescription for a unit or decimal error and confirm with the prescriber.${limit.note === undefined ? '' : ` ${limit.note}`}${factors}`,
      references: limit.references.map((r) => ({ ...r })),
      ruleId: 'max-daily-dose',
      requiresOverride: true,
    },
  };
}
