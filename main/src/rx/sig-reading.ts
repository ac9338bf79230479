// rx.parseSig: the directions as the review screen shows them while the pharmacist types: what was understood,
// in plain words, and what was not, stated (never guessed), the same parse rx.save will make.
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { directionsOf, doseUnitOf } from './prescriptions.js';
import { parseSig } from './sig/index.js';

export function readSig(input: ParsedInputOf<'rx.parseSig'>): OutputOf<'rx.parseSig'> {
  const unit = doseUnitOf(input.form ?? null);
  const parsed = parseSig(input.sig, unit === undefined ? {} : { doseUnit: unit });
  if (!parsed.ok) {
    return {
      understood: false,
      directions: null,
      dosage: null,
      confidence: 0,
      unparsed: (parsed.error.details.unparsed ?? []).map((f) => f.text),
      notes: [{ code: parsed.error.code, message: parsed.error.message }],
    };
  }
  const { dosage, warnings, unparsed, confidence } = parsed.value;
  return {
    understood: true,
    directions: directionsOf(input.sig, dosage),
    dosage: dosage as Record<string, unknown>,
    confidence,
    unparsed: unparsed.map((f) => f.text),
    notes: warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}
