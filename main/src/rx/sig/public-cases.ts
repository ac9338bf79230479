// Reads the public sig test cases (shared/data/sig) and compares the parser's Dosage with their
// partial expectations. Used by public-cases.test.ts only; the runtime never reads shared data.
import { parseSig } from './parse-sig.js';
import type { Dosage, ParseSigOptions } from './types.js';

export type CaseOutcome = { name: string; input: string; compared: string[]; mismatches: string[] };

const EZ_UNITS: Record<string, string> = {
  tab: 'tablet',
  cap: 'capsule',
  U: 'unit',
  IU: 'unit',
  puff: 'puff',
  drop: 'drop',
  patch: 'patch',
  suppository: 'suppository',
  mL: 'mL',
  mg: 'mg',
  tsp: 'teaspoon',
  pump: 'pump',
};

const EZ_EVENTS: Record<string, string> = { 'Before Lunch': 'ACD' };

/** The expectations are JavaScript object literals; this reads the subset they use. */
export function jsLiteral(src: string): Record<string, unknown> {
  const json = src
    .replace(/EventTiming\["([^"]+)"\]/g, (_m, name: string) => JSON.stringify(EZ_EVENTS[name] ?? name))
    .replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:/g, '$1"$2":');
  return JSON.parse(json) as Record<string, unknown>;
}

/** ezmedicationinput passes the product's dose form as context; the intake passes the catalog's dose unit. */
export function contextOptions(context: string | undefined): ParseSigOptions {
  if (context === undefined) return {};
  if (context === 'TAB_CONTEXT') return { doseUnit: 'tablet' };
  const form = /dosageForm:\s*"([^"]+)"/.exec(context)?.[1] ?? '';
  const container = /containerUnit:\s*"([^"]+)"/.exec(context)?.[1];
  if (container !== undefined) return { doseUnit: container };
  if (/tab/.test(form)) return { doseUnit: 'tablet' };
  if (/capsule/.test(form)) return { doseUnit: 'capsule' };
  if (/patch/.test(form)) return { doseUnit: 'patch' };
  if (/eye drops/.test(form)) return { doseUnit: 'drop' };
  if (/inhalation/.test(form)) return { doseUnit: 'puff' };
  return {};
}

const eq = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export type EzCase = {
  test: string;
  input: string;
  context?: string;
  expected_timing_code?: string;
  expected_doseQuantity_js?: string;
  expected_repeat_js?: string;
  expected_route?: string;
  expected_asNeeded?: boolean;
};

export function checkEz(c: EzCase): CaseOutcome {
  const out: CaseOutcome = { name: c.test, input: c.input, compared: [], mismatches: [] };
  const r = parseSig(c.input, contextOptions(c.context));
  const d: Dosage | undefined = r.ok ? r.value.dosage : undefined;
  const repeat = d?.timing?.repeat;
  if (c.expected_timing_code !== undefined) {
    out.compared.push('timing.code');
    const got = d?.timing?.code?.coding?.[0]?.code;
    if (got !== c.expected_timing_code)
      out.mismatches.push(`timing.code: expected ${c.expected_timing_code}, got ${String(got)}`);
  }
  if (c.expected_doseQuantity_js !== undefined) {
    out.compared.push('doseQuantity');
    const want = jsLiteral(c.expected_doseQuantity_js) as { value: number; unit?: string };
    const dr = d?.doseAndRate?.[0];
    const got =
      dr !== undefined && 'doseQuantity' in dr
        ? dr.doseQuantity
        : dr !== undefined
          ? dr.doseRange.low
          : undefined;
    const unit = want.unit === undefined ? undefined : (EZ_UNITS[want.unit] ?? want.unit);
    if (got?.value !== want.value || (unit !== undefined && got.unit !== unit)) {
      out.mismatches.push(
        `dose: expected ${want.value} ${String(unit)}, got ${String(got?.value)} ${String(got?.unit)}`,
      );
    }
  }
  if (c.expected_repeat_js !== undefined) {
    out.compared.push('timing.repeat');
    const want = jsLiteral(c.expected_repeat_js);
    for (const [key, value] of Object.entries(want)) {
      let got: unknown = repeat?.[key as keyof typeof repeat];
      // FHIR: a repeat with a period and no frequency happens once per period.
      if (key === 'frequency' && got === undefined && repeat?.period !== undefined) got = 1;
      let expected = value;
      if (key === 'boundsDuration') {
        const b = value as { value: number; code: string };
        expected = { value: b.value, code: b.code };
        got =
          repeat?.boundsDuration === undefined
            ? undefined
            : { value: repeat.boundsDuration.value, code: repeat.boundsDuration.code };
      }
      if (!eq(got, expected))
        out.mismatches.push(
          `repeat.${key}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
        );
    }
  }
  if (c.expected_route !== undefined) {
    out.compared.push('route');
    const want = c.expected_route.replace(/ \(qualifier value\)$/, '');
    const got = d?.route?.coding?.[0]?.display;
    if (got !== want) out.mismatches.push(`route: expected ${want}, got ${String(got)}`);
  }
  if (c.expected_asNeeded !== undefined) {
    out.compared.push('asNeeded');
    const got = d?.asNeededBoolean === true || d?.asNeededCodeableConcept !== undefined;
    if (got !== c.expected_asNeeded)
      out.mismatches.push(`asNeeded: expected ${String(c.expected_asNeeded)}, got ${String(got)}`);
  }
  return out;
}

export type ParsigsCase = {
  test: string;
  sig: string;
  expected: null | {
    drug: string | null;
    form: string | null;
    strength: string | null;
    frequencyType: string | null;
    interval: number | null;
    times: number | null;
    singleDosageAmount: number | null;
    periodType: string | null;
    periodAmount: number | null;
    takeAsNeeded: boolean;
  };
};

const PARSIGS_UNIT: Record<string, string> = { Hour: 'h', Day: 'd', Week: 'wk', Month: 'mo', Year: 'a' };

export function checkParsigs(c: ParsigsCase): CaseOutcome & { product?: string; strength?: string } {
  const out: CaseOutcome = { name: c.test, input: c.sig, compared: [], mismatches: [] };
  const want = c.expected;
  if (want === null) return out;
  const r = parseSig(c.sig);
  const d = r.ok ? r.value.dosage : undefined;
  const dr = d?.doseAndRate?.[0];
  const dose = dr !== undefined && 'doseQuantity' in dr ? dr.doseQuantity : undefined;
  const repeat = d?.timing?.repeat;
  const product = r.ok ? r.value.warnings.find((w) => w.code === 'sig.productNamed')?.message : undefined;
  const check = (field: string, expected: unknown, got: unknown): void => {
    out.compared.push(field);
    if (!eq(expected, got))
      out.mismatches.push(`${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
  };
  check('form', want.form, dose?.unit ?? null);
  check('singleDosageAmount', want.singleDosageAmount, dose?.value ?? null);
  if (want.frequencyType === null) check('timing', null, repeat?.periodUnit ?? null);
  else {
    check('frequencyType', PARSIGS_UNIT[want.frequencyType], repeat?.periodUnit);
    check('interval', want.interval, repeat?.period);
    check('times', want.times ?? 1, repeat?.frequency);
  }
  check(
    'duration',
    want.periodType === null ? null : { value: want.periodAmount, code: PARSIGS_UNIT[want.periodType] },
    repeat?.boundsDuration === undefined
      ? null
      : { value: repeat.boundsDuration.value, code: repeat.boundsDuration.code },
  );
  check(
    'asNeeded',
    want.takeAsNeeded,
    d?.asNeededBoolean === true || d?.asNeededCodeableConcept !== undefined,
  );
  check(
    'drug',
    want.drug,
    product === undefined ? null : (/"([^"]+)"/.exec(product)?.[1] ?? '').toLowerCase().split(' ')[0],
  );
  return out;
}
