import { handler, type CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { PatientProfile } from './contract.js';
import { readClinical, requirePatient } from './clinical-access.js';
import { medicationHistory } from './medication-history.js';
import { changedFields, mergeFields, stampLocalSave, type MergeField } from './patient-merge.js';
import { nameWords, patientsStore, toProfile } from './patients-store.js';

/**
 * The save's event for the branch's other tills: the profile, the merged fields this save set and the stamp
 * each of them now has (patient-merge.ts). Other tills merge it field by field.
 */
function emitSaved(ctx: CommandContext, patient: PatientProfile, changed: readonly MergeField[]): void {
  ctx.emit('patients.patientSaved', (hlc) => ({ patient, changed, clocks: stampLocalSave(ctx.db, patient.id, changed, hlc) }));
}

function requireActorId(actorId: string | undefined): string {
  if (actorId === undefined) throw new CoreError('auth.notLoggedIn', 'Log in first.');
  return actorId;
}

export const patientsHandlers = {
  'patients.createPatient': handler<'patients.createPatient'>({
    run(ctx, input) {
      requireActorId(ctx.actor?.id);
      const profile: PatientProfile = {
        id: ctx.ids.next(),
        ...input,
        reminderConsentAt: input.reminderConsent ? ctx.now : null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      patientsStore.insert(ctx.db, profile);
      ctx.audit({ action: 'patients.created', entityType: 'patient', entityId: profile.id, after: { name: profile.name } });
      emitSaved(ctx, profile, mergeFields);
      return profile;
    },
  }),
  'patients.updatePatient': handler<'patients.updatePatient'>({
    run(ctx, input) {
      const before = toProfile(readClinical(ctx, input.patientId));
      const { patientId, ...patch } = input;
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<PatientProfile>;
      const consentChanged = defined.reminderConsent !== undefined && defined.reminderConsent !== before.reminderConsent;
      const after: PatientProfile = {
        ...before,
        ...defined,
        id: patientId,
        reminderConsentAt: consentChanged ? (defined.reminderConsent ? ctx.now : null) : before.reminderConsentAt,
        // Never earlier than a save merged from another till whose wall clock is ahead: tills agree on the latest.
        updatedAt: Math.max(ctx.now, before.updatedAt),
      };
      patientsStore.update(ctx.db, after);
      // The overwritten values stay in the audit log (DESIGN.md "Sync": profiles merge field by field).
      const changed = Object.keys(defined).filter((k) => JSON.stringify(before[k as keyof PatientProfile]) !== JSON.stringify(after[k as keyof PatientProfile]));
      const pick = (p: PatientProfile) => Object.fromEntries(changed.map((k) => [k, p[k as keyof PatientProfile]]));
      ctx.audit({ action: 'patients.updated', entityType: 'patient', entityId: patientId, before: pick(before), after: pick(after) });
      emitSaved(ctx, after, changedFields(before, after));
      return after;
    },
  }),
  'patients.searchPatients': handler<'patients.searchPatients'>({
    run(ctx, input) {
      const words = input.name === undefined ? [] : nameWords(input.name);
      let rows: { id: string; name: string; birth_date: string | null }[];
      if (words.length > 0) {
        // The longest word narrows most; the others must each start a word of the name.
        const [first, ...rest] = [...words].sort((a, b) => b.length - a.length) as [string, ...string[]];
        rows = patientsStore.byWordPrefix(ctx.db, first).filter((r) => {
          const have = nameWords(r.name);
          return rest.every((w) => have.some((h) => h.startsWith(w)));
        });
        if (input.birthDate !== undefined) rows = rows.filter((r) => r.birth_date === input.birthDate);
      } else if (input.birthDate !== undefined) {
        rows = patientsStore.byBirthDate(ctx.db, input.birthDate);
      } else rows = [];
      const seen = new Set<string>();
      const patients = rows
        .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
        .slice(0, input.limit)
        .map((r) => ({ id: r.id, name: r.name, prescriptionReady: patientsStore.isReady(ctx.db, r.id, ctx.now) }));
      return { patients };
    },
  }),
  'patients.getPatient': handler<'patients.getPatient'>({
    run: (ctx, input) => toProfile(readClinical(ctx, input.patientId)),
  }),
  'patients.getMedicationHistory': handler<'patients.getMedicationHistory'>({
    run(ctx, input) {
      readClinical(ctx, input.patientId);
      return { patientId: input.patientId, medicines: medicationHistory(ctx.db, input.patientId, ctx.now) };
    },
  }),
  'patients.listAccessLog': handler<'patients.listAccessLog'>({
    run(ctx, input) {
      requirePatient(ctx, input.patientId);
      const entries = patientsStore.accessLog(ctx.db, input.patientId, input.limit).map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        actorRole: r.actor_role,
        op: r.op,
        deviceId: r.device_id,
      }));
      return { patientId: input.patientId, entries };
    },
  }),
};
