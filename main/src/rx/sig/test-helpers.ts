// Builders for the exact FHIR R4 JSON the hand-written sig cases expect. The codes are written out here
// again, apart from the vocabulary, so that a wrong code in the parser's tables fails a test.
import { expect } from 'vitest';
import { parseSig } from './parse-sig.js';
import type { Dosage, ParseSigOptions, SigErrorCode, SigWarningCode, TimingRepeat } from './types.js';

const UCUM = 'http://unitsofmeasure.org';
const SCT = 'http://snomed.info/sct';
const GTS = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';

const UNIT_CODES: Record<string, string> = {
  tablet: '{tablet}',
  capsule: '{capsule}',
  puff: '{puff}',
  drop: '{drop}',
  patch: '{patch}',
  spray: '{spray}',
  suppository: '{suppository}',
  applicatorful: '{applicatorful}',
  dose: '{dose}',
  mL: 'mL',
  mg: 'mg',
  mcg: 'ug',
  g: 'g',
  unit: '[iU]',
  teaspoon: '[tsp_us]',
};

const ROUTE_CODES: Record<string, [string, string, string]> = {
  oral: ['26643006', 'Oral route', 'by mouth'],
  sublingual: ['37839007', 'Sublingual route', 'under the tongue'],
  rectal: ['37161004', 'Per rectum', 'rectally'],
  vaginal: ['16857009', 'Per vagina', 'vaginally'],
  topical: ['6064005', 'Topical route', 'on the skin'],
  transdermal: ['45890007', 'Transdermal route', 'on the skin'],
  inhaled: ['447694001', 'Respiratory tract route', 'by inhalation'],
  ophthalmic: ['54485002', 'Ophthalmic route', 'in the eye'],
  otic: ['10547007', 'Otic route', 'in the ear'],
  nasal: ['46713006', 'Nasal route', 'in the nose'],
  subcutaneous: ['34206005', 'Subcutaneous route', 'under the skin'],
  intramuscular: ['78421000', 'Intramuscular route', 'into the muscle'],
  intravenous: ['47625008', 'Intravenous route', 'into a vein'],
};

const SITE_CODES: Record<string, [string, string, string]> = {
  rightEye: ['18944008', 'Right eye structure', 'right eye'],
  leftEye: ['8966001', 'Left eye structure', 'left eye'],
  bothEyes: ['40638003', 'Structure of both eyes', 'both eyes'],
  rightEar: ['25577004', 'Right ear structure', 'right ear'],
  leftEar: ['89644007', 'Left ear structure', 'left ear'],
  bothEars: ['34338003', 'Both ears', 'both ears'],
};

const qty = (
  value: number,
  unit?: string,
): { value: number; unit?: string; system?: string; code?: string } =>
  unit === undefined ? { value } : { value, unit, system: UCUM, code: UNIT_CODES[unit] ?? `?${unit}` };

export const dose = (value: number, unit?: string): Partial<Dosage> => ({
  doseAndRate: [{ doseQuantity: qty(value, unit) }],
});
export const doseRange = (low: number, high: number, unit?: string): Partial<Dosage> => ({
  doseAndRate: [{ doseRange: { low: qty(low, unit), high: qty(high, unit) } }],
});

export function route(key: string): Partial<Dosage> {
  const [code, display, text] = ROUTE_CODES[key] ?? ['?', '?', '?'];
  return { route: { coding: [{ system: SCT, code, display }], text } };
}

export function site(key: string): Partial<Dosage> {
  const [code, display, text] = SITE_CODES[key] ?? ['?', '?', '?'];
  return { site: { coding: [{ system: SCT, code, display }], text } };
}

export const timing = (repeat: TimingRepeat, code?: string): Partial<Dosage> => ({
  timing: code === undefined ? { repeat } : { repeat, code: { coding: [{ system: GTS, code }] } },
});

const TIME_NAMES: Record<string, [string, string]> = {
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
};

export const bounds = (value: number, code: 'h' | 'd' | 'wk' | 'mo'): TimingRepeat['boundsDuration'] => ({
  value,
  unit: (TIME_NAMES[code] ?? ['', ''])[value === 1 ? 0 : 1],
  system: UCUM,
  code,
});

export const maxPer = (
  value: number,
  unit: string | undefined,
  per: number,
  perCode: 'h' | 'd',
): Partial<Dosage> => ({
  maxDosePerPeriod: {
    numerator: qty(value, unit),
    denominator: {
      value: per,
      unit: (TIME_NAMES[perCode] ?? ['', ''])[per === 1 ? 0 : 1],
      system: UCUM,
      code: perCode,
    },
  },
});

export type SigCase = {
  sig: string;
  options?: ParseSigOptions;
  dosage?: Partial<Dosage>;
  warnings?: SigWarningCode[];
  unparsed?: string[];
  error?: SigErrorCode;
};

/** Asserts the whole result: the exact Dosage, the warning codes in order, and the left-over text. */
export function expectCase(c: SigCase): void {
  const r = parseSig(c.sig, c.options);
  if (c.error !== undefined) {
    expect(r.ok ? 'ok' : r.error.code).toBe(c.error);
    if (!r.ok) expect(r.error.details.text).toBe(c.sig);
    return;
  }
  if (!r.ok) throw new Error(`expected a parse, got ${r.error.code}: ${r.error.message}`);
  expect(r.value.dosage).toEqual({ text: c.sig, ...c.dosage });
  expect(r.value.warnings.map((w) => w.code)).toEqual(c.warnings ?? []);
  expect(r.value.unparsed.map((f) => f.text)).toEqual(c.unparsed ?? []);
  expect(r.value.confidence).toBeGreaterThanOrEqual(0);
  expect(r.value.confidence).toBeLessThanOrEqual(1);
  if ((c.unparsed ?? []).length > 0) expect(r.value.confidence).toBeLessThan(1);
  if ((c.unparsed ?? []).length === 0 && (c.warnings ?? []).length === 0) expect(r.value.confidence).toBe(1);
}
