// Rule: verification is an electronic signature (21 CFR 11.200): the signer gives their password or PIN
// again for this one act, every major or contraindicated finding is answered with a reason, and the
// signature binds the content, the findings, the answers, the signer, the time and the meaning "verified".
import type { CommandContext, PrepareContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { verifySecret } from '../people/passwords.js';
import { usersStore } from '../people/users-store.js';
import { sharedPatient, sharedPrescription } from './branch-share.js';
import { alertsNeedingReason, checkPrescription } from './check-prescription.js';
import type { Acknowledgement } from './contract.js';
import { requirePrescription, toPrescription } from './prescriptions.js';
import { rxStore } from './rx-store.js';
import { signatureOf } from './signature.js';
import { clearSigningFailures, recordSigningFailure, refuseWhileLocked } from './signing-lock.js';

export type SecondFactor = { factor: 'password' | 'pin' | null };

/** Checks the re-entered credential before the transaction (hashing is slow and must not hold the database). */
export async function checkSecondFactor(ctx: PrepareContext, secret: string): Promise<SecondFactor> {
  const user = ctx.actor === null ? null : usersStore(ctx.db).byId(ctx.actor.id);
  if (!user || user.active !== 1) return { factor: null };
  if (user.pin_hash !== null && /^\d{4,8}$/.test(secret) && (await verifySecret(user.pin_hash, secret))) return { factor: 'pin' };
  if (await verifySecret(user.password_hash, secret)) return { factor: 'password' };
  return { factor: null };
}

export function verifyPrescription(ctx: CommandContext, input: ParsedInputOf<'rx.verify'>, second: SecondFactor): OutputOf<'rx.verify'> {
  const actor = ctx.actor;
  if (!actor) throw new CoreError('auth.notLoggedIn', 'Log in first.');
  const rx = requirePrescription(ctx.db, input.prescriptionId);
  refuseWhileLocked(ctx, actor.id);
  if (second.factor === null) {
    // A refused signature is a fact too: it is audited and committed, and the caller is told no.
    const lockedUntil = recordSigningFailure(ctx, actor.id);
    ctx.audit({
      action: 'rx.signatureRejected',
      entityType: 'prescription',
      entityId: rx.id,
      after: { signerId: actor.id, signingLockedUntil: lockedUntil },
      reason: lockedUntil === null ? null : 'signing locked after repeated wrong credentials',
    });
    if (lockedUntil !== null) {
      ctx.failAfterCommit({ code: 'rx.signingLocked', message: 'Too many wrong passwords or PINs: signing is locked for a while.', details: { until: lockedUntil } });
    } else {
      ctx.failAfterCommit({ code: 'rx.secondFactorRejected', message: 'The password or PIN given to sign was not accepted.' });
    }
    return toPrescription(ctx.db, rx);
  }
  clearSigningFailures(ctx, actor.id);
  if (rx.status !== 'draft') throw new CoreError('rx.alreadyVerified', 'This prescription is already verified.', { prescriptionId: rx.id });
  const items = rxStore.items(ctx.db, rx.id);
  const report = checkPrescription(ctx, rx, items);
  const reasons = new Map(input.acknowledgements.map((a) => [a.alertId, a.reason]));
  const missing = alertsNeedingReason(report.alerts).filter((a) => !reasons.has(a.id));
  if (missing.length > 0) {
    throw new CoreError('rx.acknowledgementRequired', 'Each major or contraindicated finding needs a reason before the prescription can be signed.', {
      alerts: missing.map((a) => ({ id: a.id, severity: a.severity, reason: a.reason })),
    });
  }
  const acknowledgements: Acknowledgement[] = report.alerts
    .filter((a) => reasons.has(a.id))
    .map((a) => ({ alertId: a.id, severity: a.severity, reason: reasons.get(a.id) as string }));
  const findings = report.alerts.map((a) => ({ id: a.id, severity: a.severity }));
  const signed = { contentHash: report.contentHash, findings, acknowledgements, signerId: actor.id, signedAt: ctx.now, meaning: 'verified' as const };
  const signature = signatureOf(signed);
  rxStore.insertSignature(ctx.db, {
    id: ctx.ids.next(),
    prescription_id: rx.id,
    meaning: 'verified',
    signer_id: actor.id,
    signer_name: actor.displayName,
    signed_at: ctx.now,
    second_factor: second.factor,
    content_hash: report.contentHash,
    findings: JSON.stringify(findings),
    acknowledgements: JSON.stringify(acknowledgements),
    signature,
  });
  if (!rxStore.markVerified(ctx.db, rx.id)) throw new CoreError('rx.alreadyVerified', 'This prescription is already verified.', { prescriptionId: rx.id });
  ctx.audit({
    action: 'rx.verified',
    entityType: 'prescription',
    entityId: rx.id,
    after: { meaning: 'verified', signerName: actor.displayName, secondFactor: second.factor, contentHash: report.contentHash, signature, acknowledgements },
    reason: acknowledgements.length > 0 ? acknowledgements.map((a) => a.reason).join('; ') : null,
  });
  // The signed prescription goes to the branch's other tills whole, so any of them can dispense it.
  ctx.emit('rx.prescriptionVerified', {
    prescriptionId: rx.id,
    signerId: actor.id,
    signedAt: ctx.now,
    contentHash: report.contentHash,
    signature,
    prescription: sharedPrescription(ctx.db, rx.id),
    patient: sharedPatient(ctx.db, rx.patient_id),
  });
  return toPrescription(ctx.db, requirePrescription(ctx.db, rx.id));
}
