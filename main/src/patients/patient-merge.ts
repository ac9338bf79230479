// Rule: a patient profile that several tills of a branch change merges field by field, the newest stamp by
// hybrid clock winning (DESIGN.md "Sync"), so every till ends with the same profile whatever order the
// saves reach it in. Each merged field keeps the stamp its value has (patient_field_clock, migration 0019).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { formatHlc, parseHlc } from '../kernel/hlc.js';
import { perDatabase } from '../store/per-database.js';
import type { PatientProfile } from './contract.js';
import { patientsStore, toProfile } from './patients-store.js';

/** The fields that merge. The lists merge whole; reminderConsentAt travels with reminderConsent. */
export const mergeFields = ['name', 'birthDate', 'phone', 'email', 'address', 'allergies', 'conditions', 'reminderConsent'] as const;
export type MergeField = (typeof mergeFields)[number];
/** The stamp each field has, or (in an event) the stamp each field the save set now has. */
export type FieldClocks = Partial<Record<MergeField, string>>;

const fieldSet: ReadonlySet<string> = new Set(mergeFields);
export const isMergeField = (key: string): key is MergeField => fieldSet.has(key);

const statements = perDatabase((db: Database) => ({
  clocks: db.prepare<[string], { field: string; hlc: string }>('SELECT field, hlc FROM patient_field_clock WHERE patient_id = ?'),
  setClock: db.prepare<[string, string, string]>(
    `INSERT INTO patient_field_clock (patient_id, field, hlc) VALUES (?, ?, ?)
     ON CONFLICT (patient_id, field) DO UPDATE SET hlc = excluded.hlc`,
  ),
}));

/** The stored stamps of a patient's fields; a field without one is older than any stamp. */
export function fieldClocks(db: Database, patientId: string): FieldClocks {
  const out: FieldClocks = {};
  for (const r of statements(db).clocks.all(patientId)) if (isMergeField(r.field)) out[r.field] = r.hlc;
  return out;
}

/** The columns a merged field covers, as a part of a profile. */
export function fieldValue(p: PatientProfile, field: MergeField): Partial<PatientProfile> {
  return field === 'reminderConsent' ? { reminderConsent: p.reminderConsent, reminderConsentAt: p.reminderConsentAt } : { [field]: p[field] };
}

const sameValue = (a: PatientProfile, b: PatientProfile, field: MergeField): boolean =>
  JSON.stringify(fieldValue(a, field)) === JSON.stringify(fieldValue(b, field));

/** The merged fields whose values differ between two versions of a profile. */
export function changedFields(before: PatientProfile, after: PatientProfile): MergeField[] {
  return mergeFields.filter((f) => !sameValue(before, after, f));
}

/**
 * A save from a build before field stamps names no fields: it carries the whole profile as that till had it,
 * so it may hold stale values of fields it never touched. Its fields get a weak stamp, `legacy:<event stamp>`,
 * that ranks below every real stamp (among weak ones, by the event stamp): such a save fills or replaces what
 * only other such saves set, and never undoes an edit a current build made, which it may not have seen.
 */
export const LEGACY_PREFIX = 'legacy:';
export const legacyStamp = (eventHlc: string): string => `${LEGACY_PREFIX}${eventHlc}`;

/** Whether stamp `a` wins over a stored stamp `b` (none: older than any). One total order at every till. */
export function outranks(a: string, b: string | undefined): boolean {
  if (b === undefined) return true;
  const aWeak = a.startsWith(LEGACY_PREFIX);
  const bWeak = b.startsWith(LEGACY_PREFIX);
  if (aWeak !== bWeak) return bWeak;
  return a > b;
}

/** A stamp by `node` just after `stamp`: the same wall time, the next logical count. */
function stampAfter(stamp: string, node: string): string {
  const p = parseHlc(stamp);
  return p.logical < 999_999 ? formatHlc({ wall: p.wall, logical: p.logical + 1, node }) : formatHlc({ wall: p.wall + 1, logical: 0, node });
}

/**
 * Stamps the fields a local save set: the save's own event stamp, or just after the field's stored stamp when
 * that is newer. A stored stamp from another till means this edit was made after seeing that one, so it must
 * win over it even when this till's wall clock is behind. Returns the stamps, for the event.
 */
export function stampLocalSave(db: Database, patientId: string, changed: readonly MergeField[], eventHlc: string): FieldClocks {
  const node = parseHlc(eventHlc).node;
  const stored = fieldClocks(db, patientId);
  const out: FieldClocks = {};
  for (const field of changed) {
    const known = stored[field];
    const stamp = outranks(eventHlc, known) ? eventHlc : stampAfter(known as string, node);
    statements(db).setClock.run(patientId, field, stamp);
    out[field] = stamp;
  }
  return out;
}

export type MergeOutcome =
  | { kind: 'inserted'; profile: PatientProfile }
  /** `before`/`after`: the local values overwritten and what replaced them (only fields whose value changed). */
  | { kind: 'merged'; fields: MergeField[]; before: Partial<PatientProfile>; after: Partial<PatientProfile>; profile: PatientProfile };

/**
 * Folds another till's save into this store: an unknown patient is inserted whole (its fields stamped as the
 * event says, the others left unstamped, so any save that carries them wins); for a known one each stamped
 * field replaces the local value only when its stamp is newer than the stored one. Applying the same save
 * again changes nothing. updatedAt becomes the later of the two.
 */
export function mergeRemoteSave(db: Database, incoming: PatientProfile, clocks: FieldClocks): MergeOutcome {
  const s = statements(db);
  const row = patientsStore.byId(db, incoming.id);
  if (!row) {
    patientsStore.insert(db, incoming);
    for (const [field, stamp] of Object.entries(clocks)) s.setClock.run(incoming.id, field, stamp);
    return { kind: 'inserted', profile: incoming };
  }
  const local = toProfile(row);
  const stored = fieldClocks(db, incoming.id);
  let next: PatientProfile = { ...local, updatedAt: Math.max(local.updatedAt, incoming.updatedAt) };
  const fields: MergeField[] = [];
  let before: Partial<PatientProfile> = {};
  let after: Partial<PatientProfile> = {};
  for (const field of mergeFields) {
    const stamp = clocks[field];
    const known = stored[field];
    if (stamp === undefined || !outranks(stamp, known)) continue;
    s.setClock.run(incoming.id, field, stamp);
    if (sameValue(local, incoming, field)) continue;
    fields.push(field);
    before = { ...before, ...fieldValue(local, field) };
    after = { ...after, ...fieldValue(incoming, field) };
    next = { ...next, ...fieldValue(incoming, field) };
  }
  if (fields.length > 0 || next.updatedAt !== local.updatedAt) patientsStore.update(db, next);
  return { kind: 'merged', fields, before, after, profile: next };
}

/**
 * Makes a patient that another till's record names (a prescription) known here. An unknown patient is
 * inserted as given; a known one is left alone. The fields are left unstamped, older than any save: the
 * profile travelling with a prescription is what that till had, not a save, and the branch's own
 * `patients.patientSaved` events for the patient still arrive and must win wherever their stamps put them.
 * Stamping the fields with the naming event's stamp would let an earlier save from a third till, unseen by
 * the sender, lose here while it wins at the sender: the tills would disagree for good.
 */
export function ensureBranchPatient(db: Database, profile: PatientProfile): void {
  if (patientsStore.byId(db, profile.id)) return;
  patientsStore.insert(db, profile);
}
