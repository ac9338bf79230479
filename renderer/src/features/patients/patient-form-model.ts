// The patient form as the pharmacist types it (strings), checked here for the mistakes a person makes at the
// counter so each gets its own message before anything is sent; the core checks everything again.
import type { Allergy, Condition, NewPatient, PatientProfile } from '@mortar/main/contract';

export type AllergyRow = { substance: string; kind: Allergy['kind']; reaction: string };
export type ConditionRow = { name: string; note: string };

export type PatientForm = {
  name: string;
  birthDate: string;
  phone: string;
  email: string;
  address: string;
  allergies: AllergyRow[];
  conditions: ConditionRow[];
  reminderConsent: boolean;
};

/** A field (`allergies.0.substance` for a row's field) and the i18n key of what is wrong with it. */
export type FormProblems = Record<string, string>;

export const emptyForm: PatientForm = { name: '', birthDate: '', phone: '', email: '', address: '', allergies: [], conditions: [], reminderConsent: false };

export function formOf(p: PatientProfile): PatientForm {
  return {
    name: p.name,
    birthDate: p.birthDate ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    address: p.address ?? '',
    allergies: p.allergies.map((a) => ({ substance: a.substance, kind: a.kind, reaction: a.reaction ?? '' })),
    conditions: p.conditions.map((c) => ({ name: c.name, note: c.note ?? '' })),
    reminderConsent: p.reminderConsent,
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{5,40}$/;

function isRealDate(s: string, today: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s <= today && s >= '1900-01-01';
}

const blankToNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** The form as the core's input, or what is wrong with it, field by field. */
export function checkPatientForm(f: PatientForm, today: string): { ok: true; value: Required<NewPatient> } | { ok: false; problems: FormProblems } {
  const problems: FormProblems = {};
  const name = f.name.trim();
  if (name.length < 2) problems['name'] = 'patients.form.problems.name';
  else if (name.length > 120) problems['name'] = 'patients.form.problems.tooLong';
  const birth = f.birthDate.trim();
  if (birth !== '' && !isRealDate(birth, today)) problems['birthDate'] = 'patients.form.problems.birthDate';
  if (f.phone.trim() !== '' && !PHONE.test(f.phone.trim())) problems['phone'] = 'patients.form.problems.phone';
  if (f.email.trim() !== '' && (!EMAIL.test(f.email.trim()) || f.email.trim().length > 120)) problems['email'] = 'patients.form.problems.email';
  if (f.address.trim().length > 200) problems['address'] = 'patients.form.problems.tooLong';
  const allergies: Allergy[] = [];
  const seen = new Set<string>();
  f.allergies.forEach((a, i) => {
    const substance = a.substance.trim();
    if (substance === '') problems[`allergies.${i}.substance`] = 'patients.form.problems.substance';
    else if (seen.has(substance.toLowerCase())) problems[`allergies.${i}.substance`] = 'patients.form.problems.duplicate';
    else if (substance.length > 120 || a.reaction.trim().length > 200) problems[`allergies.${i}.substance`] = 'patients.form.problems.tooLong';
    seen.add(substance.toLowerCase());
    const reaction = blankToNull(a.reaction);
    allergies.push(reaction === null ? { substance, kind: a.kind } : { substance, kind: a.kind, reaction });
  });
  const conditions: Condition[] = [];
  f.conditions.forEach((c, i) => {
    const cname = c.name.trim();
    if (cname === '') problems[`conditions.${i}.name`] = 'patients.form.problems.condition';
    else if (cname.length > 120 || c.note.trim().length > 200) problems[`conditions.${i}.name`] = 'patients.form.problems.tooLong';
    const note = blankToNull(c.note);
    conditions.push(note === null ? { name: cname } : { name: cname, note });
  });
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name,
      birthDate: blankToNull(birth),
      phone: blankToNull(f.phone),
      email: blankToNull(f.email),
      address: blankToNull(f.address),
      allergies,
      conditions,
      reminderConsent: f.reminderConsent,
    },
  };
}
