// Rule: a patient profile is shared by the tills of its branch and nowhere else, and merges field by field,
// the newest hybrid-clock stamp winning, with every overwritten local value audited (DESIGN.md "Sync").
// Another branch's patient save is refused (it becomes a sync.applyFailed exception): the server never
// routes one here, so one arriving means something is wrong, and a clinical record must not spread.
import { z } from 'zod';
import { patientProfileSchema } from '../patients/contract.js';
import { isMergeField, legacyStamp, mergeFields, mergeRemoteSave, type FieldClocks } from '../patients/patient-merge.js';
import type { Appliers } from './apply.js';
import { systemCommandContext } from './apply-context.js';

const stampSchema = z.string().regex(/^\d{15}:\d{6}:.+$/, 'a hybrid clock stamp');

/** Version 1; `changed` and `clocks` came later and are absent from the events of older builds. */
export const patientSavedSchema = z.object({
  patient: patientProfileSchema,
  changed: z.array(z.string()).optional(),
  clocks: z.record(z.string(), stampSchema).optional(),
});

export const patientAppliers: Appliers = {
  'patients.patientSaved': {
    version: 1,
    topics: ['patients'],
    foldOwnLost: true,
    apply(env, event) {
      const p = patientSavedSchema.parse(event.payload);
      if (event.tenantId !== env.identity.tenantId || event.branchId !== env.identity.branchId) {
        throw new Error(`patient ${p.patient.id} was saved at another branch (${event.branchId}); profiles are shared within a branch only`);
      }
      // An older build's save names no fields: every field counts as set, with a weak stamp that never wins
      // over a current build's edit (patient-merge.ts `legacyStamp`).
      const clocks: FieldClocks = {};
      if (p.changed === undefined || p.clocks === undefined) for (const f of mergeFields) clocks[f] = legacyStamp(event.hlc);
      else for (const f of p.changed) if (isMergeField(f)) clocks[f] = p.clocks[f] ?? event.hlc;
      const outcome = mergeRemoteSave(env.db, p.patient, clocks);
      const reason = `saved at till ${event.deviceId} of this branch (event ${event.id})`;
      if (outcome.kind === 'inserted') {
        const ctx = systemCommandContext(env.db, env.terminal, env.clock, env.ids, reason);
        ctx.audit({ action: 'patients.receivedFromBranch', entityType: 'patient', entityId: p.patient.id, after: { name: p.patient.name } });
      } else if (outcome.fields.length > 0) {
        const ctx = systemCommandContext(env.db, env.terminal, env.clock, env.ids, reason);
        ctx.audit({ action: 'patients.mergedFromBranch', entityType: 'patient', entityId: p.patient.id, before: outcome.before, after: outcome.after });
      }
    },
  },
};
