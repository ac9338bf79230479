// From OCR lines to the prescription the pharmacist confirms: each field with its value, its confidence and
// the box it was read from; identifiers that fail their check and drugs that match nothing are kept and
// flagged, never dropped or guessed, since the pharmacist decides with the image beside the fields.
import { parseSig, type Dosage } from '../sig/index.js';
import { IntakeFailure } from './errors.js';
import { extractFields, type Evidence } from './extract-fields.js';
import { validateDea, validateNpi } from './identifiers.js';
import { matchDrug, repairNumbers, type DrugCandidate, type DrugIndex } from './match-drug.js';
import type { Box, OcrPage } from './ocr.js';
import { readDate } from './read-date.js';

export type IntakeWarning = { code: string; message: string; field?: string };

export type FieldReading = { read: string; confidence: number; box: Box | null };

export type IntakeItem = {
  medication: { ingredient: string | null; strength: string | null; form: string | null; productId: string | null };
  quantity: number | null;
  refills: number | null;
  sig: string | null;
  dosage: Dosage | null;
  confidence: number;
  /** the drug as read, and what it may be, best first */
  written: string;
  candidates: DrugCandidate[];
};

export type PrescriptionReading = {
  patient: { name: string | null; birthDate: string | null };
  prescriber: { name: string | null; npi: string | null; dea: string | null };
  writtenDate: string | null;
  items: IntakeItem[];
  warnings: IntakeWarning[];
  /** per field ("patient.name", "items.0.quantity" ...): the text read, its confidence, its box on the image as given */
  fields: Record<string, FieldReading>;
  page: { width: number; height: number; ocrConfidence: number; deskewRadians: number; convention: 'us' | 'uk' | 'unknown' };
};

export type PageGeometry = { width: number; height: number; scale: number };

const round2 = (n: number): number => Math.round(n * 100) / 100;

function scaleBox(box: Box | null, s: number): Box | null {
  if (box === null) return null;
  return { x0: Math.round(box.x0 * s), y0: Math.round(box.y0 * s), x1: Math.round(box.x1 * s), y1: Math.round(box.y1 * s) };
}

const WORD_NUMBERS: Record<string, number> = { none: 0, no: 0, zero: 0, nil: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

function readCount(text: string): number | null {
  const m = /\d+/.exec(repairNumbers(text.replace(/^\s*#/, '')));
  if (m !== null) return Number(m[0]);
  const w = /[a-z]+/i.exec(text)?.[0]?.toLowerCase();
  return w !== undefined && w in WORD_NUMBERS ? (WORD_NUMBERS[w] as number) : null;
}

function doseUnitOf(form: string | null): string | undefined {
  if (form === null) return undefined;
  if (form.includes('capsule')) return 'capsule';
  if (form.includes('tablet')) return 'tablet';
  return undefined;
}

export function readPage(ocr: OcrPage, geometry: PageGeometry, index: DrugIndex): PrescriptionReading {
  const words = ocr.lines.flatMap((l) => l.words).filter((w) => w.confidence >= 0.5 && /[\p{L}\p{N}]{2,}/u.test(w.text));
  if (words.length < 3) throw new IntakeFailure('intake.blankPage', 'No text was found on the page.', { words: words.length });
  const x = extractFields(ocr.lines);
  if (x.items.length === 0 && x.patientName === null && x.prescriberName === null) {
    throw new IntakeFailure('intake.notAPrescription', 'The page has text but no patient, prescriber or medicine was found on it.', { words: words.length });
  }
  const warnings: IntakeWarning[] = [];
  const fields: Record<string, FieldReading> = {};
  const record = (name: string, ev: Evidence | null, confidence?: number): void => {
    if (ev === null) {
      warnings.push({ code: 'intake.fieldMissing', message: `No ${name} was found.`, field: name });
      return;
    }
    fields[name] = { read: ev.text, confidence: round2(confidence ?? ev.confidence), box: scaleBox(ev.box, geometry.scale) };
  };
  const dateOf = (name: string, ev: Evidence | null): string | null => {
    if (ev === null) {
      record(name, null);
      return null;
    }
    const d = readDate(ev.text, x.convention);
    if (d === null) warnings.push({ code: 'intake.dateUnreadable', message: `The ${name} "${ev.text}" is not a date.`, field: name });
    if (d?.ambiguous === true) warnings.push({ code: 'intake.dateAmbiguous', message: `The ${name} "${ev.text}" may be day/month or month/day.`, field: name });
    record(name, ev, d === null ? 0 : d.ambiguous ? ev.confidence * 0.5 : ev.confidence);
    return d?.date ?? null;
  };

  const patientName = x.patientName?.text || null;
  record('patient.name', x.patientName);
  const birthDate = dateOf('patient.birthDate', x.birthDate);
  const writtenDate = dateOf('writtenDate', x.writtenDate);
  const prescriberName = x.prescriberName?.text || null;
  record('prescriber.name', x.prescriberName);

  let npi: string | null = null;
  if (x.npi !== null) {
    const v = validateNpi(x.npi.text);
    npi = v.ok ? v.value : x.npi.text;
    if (!v.ok) warnings.push({ code: `intake.${v.error.code}`, message: v.error.message, field: 'prescriber.npi' });
    record('prescriber.npi', x.npi, v.ok ? x.npi.confidence : 0.2);
  } else if (x.convention === 'us') record('prescriber.npi', null);
  let dea: string | null = null;
  if (x.dea !== null) {
    const surname = prescriberName?.split(' ').pop();
    const v = validateDea(x.dea.text, surname === undefined ? {} : { prescriberSurname: surname });
    dea = v.ok ? v.value : x.dea.text;
    if (!v.ok) warnings.push({ code: `intake.${v.error.code}`, message: v.error.message, field: 'prescriber.dea' });
    record('prescriber.dea', x.dea, v.ok ? x.dea.confidence : 0.2);
  }

  const items: IntakeItem[] = x.items.map((it, i) => {
    const at = `items.${i}`;
    const match = matchDrug(it.drug.text, index);
    for (const w of match.warnings) warnings.push({ ...w, field: `${at}.medication` });
    record(`${at}.medication`, it.drug, it.drug.confidence * match.confidence);
    const quantity = it.quantity === null ? null : readCount(it.quantity.text);
    record(`${at}.quantity`, it.quantity);
    const refills = it.refills === null ? null : readCount(it.refills.text);
    if (it.refills !== null) record(`${at}.refills`, it.refills);
    let dosage: Dosage | null = null;
    let sigConfidence = 0;
    const sig = it.sig?.text ?? null;
    if (it.sig !== null && sig !== null) {
      const unit = doseUnitOf(match.form);
      const parsed = parseSig(sig, unit === undefined ? {} : { doseUnit: unit });
      if (parsed.ok) {
        dosage = parsed.value.dosage;
        sigConfidence = parsed.value.confidence;
        for (const w of parsed.value.warnings) warnings.push({ code: w.code, message: w.message, field: `${at}.sig` });
      } else {
        warnings.push({ code: parsed.error.code, message: parsed.error.message, field: `${at}.sig` });
      }
      record(`${at}.sig`, it.sig, it.sig.confidence * sigConfidence);
    } else record(`${at}.sig`, null);
    const parts = [match.confidence, it.drug.confidence, quantity === null ? 0.5 : (it.quantity?.confidence ?? 0.5), sig === null ? 0.3 : sigConfidence];
    return {
      medication: { ingredient: match.ingredient, strength: match.strength, form: match.form, productId: match.productId },
      quantity,
      refills,
      sig,
      dosage,
      confidence: round2(Math.min(...parts)),
      written: match.written,
      candidates: match.candidates,
    };
  });
  if (items.length === 0) warnings.push({ code: 'intake.noItems', message: 'No medicine line was found.', field: 'items' });

  return {
    patient: { name: patientName, birthDate },
    prescriber: { name: prescriberName, npi, dea },
    writtenDate,
    items,
    warnings,
    fields,
    page: { width: Math.round(geometry.width * geometry.scale), height: Math.round(geometry.height * geometry.scale), ocrConfidence: round2(ocr.confidence), deskewRadians: ocr.rotateRadians, convention: x.convention },
  };
}
