// Rule: the tills of a branch share its prescriptions (DESIGN.md "Sync"): a prescription verified at one till
// can be dispensed at any, and a fill anywhere counts against its refills everywhere. Only the terminal's own
// branch's prescriptions are folded: the server never sends another branch's, and one that came anyway is
// refused (an exception), never stored.
import { dispensedSchema, prescriptionVerifiedSchema } from '../rx/contract/branch-events.js';
import { foldBranchDispense, foldSharedPrescription, type FromTill, type RefillOverrun } from '../rx/branch-fold.js';
import { catalogStore } from '../catalog/catalog-store.js';
import { readPharmacy } from '../setup/terminal-store.js';
import type { EventEnvelope } from './contract.js';
import { systemCommandContext } from './apply-context.js';
import type { ApplyEnv, Appliers } from './apply.js';
import { syncStore } from './sync-store.js';

function ownBranchOnly(env: ApplyEnv, event: EventEnvelope): void {
  if (event.branchId !== env.identity.branchId) {
    throw new Error(`${event.type} of branch ${event.branchId} reached this terminal of branch ${env.identity.branchId}; patient data is never folded across branches`);
  }
}

const fromTill = (event: EventEnvelope): FromTill => ({ eventId: event.id, deviceId: event.deviceId, hlc: event.hlc, occurredAt: event.occurredAt });

function raiseOverrun(env: ApplyEnv, event: EventEnvelope, overruns: RefillOverrun[]): void {
  const [first, ...more] = overruns;
  if (first === undefined) return;
  const product = first.productId === null ? null : catalogStore(env.db).byId(first.productId);
  // One exception per dispense that overran (the table keeps one per event and kind); further items of the
  // same dispense are named in it.
  syncStore(env.db).addException({
    id: env.ids.next(),
    kind: 'rx.refillsExceeded',
    eventId: event.id,
    branchId: event.branchId,
    branchName: readPharmacy(env.db)?.name ?? null,
    sku: product?.sku ?? null,
    productName: product?.name ?? null,
    detectedAt: env.clock.now(),
    detail: {
      prescriptionId: first.prescriptionId,
      lineNo: first.lineNo,
      ingredient: first.ingredient,
      refills: first.refills,
      allowedFills: first.allowedFills,
      fills: first.fills,
      alsoLines: more.map((o) => ({ lineNo: o.lineNo, ingredient: o.ingredient, allowedFills: o.allowedFills, fills: o.fills.length })),
    },
  });
}

export const rxAppliers: Appliers = {
  'rx.prescriptionVerified': {
    version: 1,
    topics: ['rx', 'patients'],
    foldOwnLost: true,
    apply(env, event) {
      ownBranchOnly(env, event);
      const p = prescriptionVerifiedSchema.parse(event.payload);
      // Written before the tills shared prescriptions: it stays on the till where it was signed.
      if (p.prescription === undefined) return;
      if (p.prescription.id !== p.prescriptionId) throw new Error(`the event is of prescription ${p.prescriptionId} but carries ${p.prescription.id}`);
      const ctx = systemCommandContext(env.db, env.terminal, env.clock, env.ids, `prescription verified at till ${event.deviceId}`);
      const folded = foldSharedPrescription(ctx, fromTill(event), p.prescription, p.patient);
      if (folded.kind === 'stored') raiseOverrun(env, event, folded.overruns);
    },
  },
  'rx.dispensed': {
    version: 1,
    topics: ['rx', 'patients'],
    foldOwnLost: true,
    apply(env, event) {
      ownBranchOnly(env, event);
      const d = dispensedSchema.parse(event.payload);
      const ctx = systemCommandContext(env.db, env.terminal, env.clock, env.ids, `dispensed at till ${event.deviceId}`);
      raiseOverrun(env, event, foldBranchDispense(ctx, fromTill(event), d));
    },
  },
};
