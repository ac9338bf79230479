// The review form as data: filled from what was read, checked before saving, and turned into rx.save's input
// with every field the pharmacist changed recorded as a correction beside the reading.
import type { Correction, InputOf, PrescriptionReadingOut } from '@mortar/main/contract';

export type ItemForm = {
  ingredient: string;
  strength: string;
  form: string;
  productId: string | null;
  quantity: string;
  refills: string;
  sig: string;
};

export type ReviewForm = {
  patientName: string;
  birthDate: string;
  prescriberName: string;
  npi: string;
  dea: string;
  writtenDate: string;
  items: ItemForm[];
};

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

export function formOf(reading: PrescriptionReadingOut): ReviewForm {
  return {
    patientName: text(reading.patient.name),
    birthDate: text(reading.patient.birthDate),
    prescriberName: text(reading.prescriber.name),
    npi: text(reading.prescriber.npi),
    dea: text(reading.prescriber.dea),
    writtenDate: text(reading.writtenDate),
    items: reading.items.map((i) => ({
      // An unrecognised medicine stays empty: the candidates are offered, never one picked silently.
      ingredient: text(i.medication.ingredient),
      strength: text(i.medication.strength),
      form: text(i.medication.form),
      productId: i.medication.productId,
      quantity: text(i.quantity),
      refills: text(i.refills ?? 0),
      sig: text(i.sig),
    })),
  };
}

/** The value each correctable field had as read, by the reading's own field names. */
function readValues(reading: PrescriptionReadingOut): Record<string, string> {
  const out: Record<string, string> = {
    'patient.name': text(reading.patient.name),
    'patient.birthDate': text(reading.patient.birthDate),
    'prescriber.name': text(reading.prescriber.name),
    'prescriber.npi': text(reading.prescriber.npi),
    'prescriber.dea': text(reading.prescriber.dea),
    writtenDate: text(reading.writtenDate),
  };
  reading.items.forEach((i, n) => {
    out[`items.${n}.medication`] = text(i.medication.ingredient);
    out[`items.${n}.strength`] = text(i.medication.strength);
    out[`items.${n}.form`] = text(i.medication.form);
    out[`items.${n}.productId`] = text(i.medication.productId);
    out[`items.${n}.quantity`] = text(i.quantity);
    out[`items.${n}.refills`] = text(i.refills ?? 0);
    out[`items.${n}.sig`] = text(i.sig);
  });
  return out;
}

function formValues(form: ReviewForm): Record<string, string> {
  const out: Record<string, string> = {
    'patient.name': form.patientName,
    'patient.birthDate': form.birthDate,
    'prescriber.name': form.prescriberName,
    'prescriber.npi': form.npi,
    'prescriber.dea': form.dea,
    writtenDate: form.writtenDate,
  };
  form.items.forEach((i, n) => {
    out[`items.${n}.medication`] = i.ingredient;
    out[`items.${n}.strength`] = i.strength;
    out[`items.${n}.form`] = i.form;
    out[`items.${n}.productId`] = text(i.productId);
    out[`items.${n}.quantity`] = i.quantity;
    out[`items.${n}.refills`] = i.refills;
    out[`items.${n}.sig`] = i.sig;
  });
  return out;
}

export function correctionsOf(reading: PrescriptionReadingOut, form: ReviewForm): Correction[] {
  const read = readValues(reading);
  const now = formValues(form);
  return Object.keys(now)
    .filter((field) => (read[field] ?? '').trim() !== (now[field] ?? '').trim())
    .map((field) => ({ field, read: read[field] === '' || read[field] === undefined ? null : read[field], corrected: now[field]?.trim() === '' ? null : (now[field]?.trim() ?? null) }));
}

export type FormProblem = { key: string; n?: number };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^\d+$/;

export function problemsOf(form: ReviewForm, patientId: string | null): FormProblem[] {
  const problems: FormProblem[] = [];
  if (patientId === null) problems.push({ key: 'needPatient' });
  if (form.prescriberName.trim().length < 2) problems.push({ key: 'needPrescriber' });
  if (!ISO_DATE.test(form.writtenDate.trim())) problems.push({ key: 'needWrittenDate' });
  form.items.forEach((item, i) => {
    const n = i + 1;
    if (item.ingredient.trim() === '') problems.push({ key: 'needIngredient', n });
    const q = item.quantity.trim();
    if (!WHOLE.test(q) || Number(q) < 1 || Number(q) > 100_000) problems.push({ key: 'needQuantity', n });
    const r = item.refills.trim();
    if (!WHOLE.test(r) || Number(r) > 99) problems.push({ key: 'needRefills', n });
    if (item.sig.trim() === '') problems.push({ key: 'needSig', n });
  });
  return problems;
}

const orNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());

export function saveInputOf(reading: PrescriptionReadingOut, form: ReviewForm, patientId: string): InputOf<'rx.save'> {
  return {
    patientId,
    prescriber: { name: form.prescriberName.trim(), npi: orNull(form.npi), dea: orNull(form.dea), licence: null },
    writtenDate: form.writtenDate.trim(),
    items: form.items.map((i) => ({
      productId: i.productId,
      ingredient: i.ingredient.trim(),
      strength: orNull(i.strength),
      form: orNull(i.form),
      quantity: Number(i.quantity.trim()),
      refills: Number(i.refills.trim()),
      sig: i.sig.trim(),
    })),
    reading,
    corrections: correctionsOf(reading, form),
  };
}
