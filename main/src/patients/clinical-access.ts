// Rule: clinical data is read only by someone allowed to (checked by the dispatcher) and every such read
// leaves a row in the patient's access log in the same transaction (HIPAA §164.312(b) audit controls), so a
// read that could not be logged did not happen.
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { patientsStore, type PatientRow } from './patients-store.js';

export function requirePatient(ctx: CommandContext, patientId: string): PatientRow {
  const row = patientsStore.byId(ctx.db, patientId);
  if (!row) throw new CoreError('patients.notFound', 'There is no such patient.', { patientId });
  return row;
}

/** Records that the command's actor is reading this patient's clinical data, then returns the patient. */
export function readClinical(ctx: CommandContext, patientId: string): PatientRow {
  const row = requirePatient(ctx, patientId);
  const actor = ctx.actor;
  const terminal = ctx.terminal;
  if (!actor || !terminal) throw new CoreError('auth.notLoggedIn', 'Log in first.');
  patientsStore.appendAccess(ctx.db, {
    id: ctx.ids.next(),
    patientId,
    at: ctx.now,
    deviceId: terminal.deviceId,
    actorId: actor.id,
    actorName: actor.displayName,
    actorRole: actor.role,
    op: ctx.op,
  });
  return row;
}
