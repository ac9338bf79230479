import { handler } from '../api/command-context.js';
import { readClinical } from '../patients/clinical-access.js';
import { checkPrescription } from './check-prescription.js';
import type { OutputOf } from '../contract.js';
import type { PrescriptionReadingOut } from './contract.js';
import { dispensePrescription } from './dispense-prescription.js';
import { requirePrescription, savePrescription, toPrescription } from './prescriptions.js';
import { listPatientPrescriptions } from './patient-prescriptions.js';
import { readImage } from './read-image.js';
import { rxStore } from './rx-store.js';
import { listIntakeFolder, setIntakeFolder, takeIntakeFile } from './intake-folder.js';
import { readyForTill } from './rx-till.js';
import { readSig } from './sig-reading.js';
import { checkSecondFactor, verifyPrescription, type SecondFactor } from './verify-prescription.js';

export const rxHandlers = {
  'rx.readImage': handler<'rx.readImage', PrescriptionReadingOut>({
    prepare: (ctx, input) => {
      const id = input.progressId;
      return readImage(ctx.db, input, id === undefined ? undefined : (stage, fraction) => ctx.progress(id, stage, fraction));
    },
    run: (_ctx, _input, reading) => reading,
  }),
  'rx.save': handler<'rx.save'>({ run: (ctx, input) => savePrescription(ctx, input) }),
  'rx.getPrescription': handler<'rx.getPrescription'>({
    run(ctx, input) {
      const rx = requirePrescription(ctx.db, input.prescriptionId);
      readClinical(ctx, rx.patient_id);
      return toPrescription(ctx.db, rx);
    },
  }),
  'rx.listPatientPrescriptions': handler<'rx.listPatientPrescriptions'>({ run: (ctx, input) => listPatientPrescriptions(ctx, input) }),
  'rx.check': handler<'rx.check'>({
    run(ctx, input) {
      const rx = requirePrescription(ctx.db, input.prescriptionId);
      return checkPrescription(ctx, rx, rxStore.items(ctx.db, rx.id));
    },
  }),
  'rx.verify': handler<'rx.verify', SecondFactor>({
    prepare: (ctx, input) => checkSecondFactor(ctx, input.secret),
    run: (ctx, input, second) => verifyPrescription(ctx, input, second),
  }),
  'rx.parseSig': handler<'rx.parseSig'>({ run: (_ctx, input) => readSig(input) }),
  'rx.listIntakeFolder': handler<'rx.listIntakeFolder'>({ run: (ctx) => listIntakeFolder(ctx.db) }),
  'rx.setIntakeFolder': handler<'rx.setIntakeFolder'>({ run: (ctx, input) => setIntakeFolder(ctx, input.folder) }),
  'rx.takeIntakeFile': handler<'rx.takeIntakeFile', OutputOf<'rx.takeIntakeFile'>>({
    prepare: (ctx, input) => takeIntakeFile(ctx.db, input.name),
    run: (_ctx, _input, taken) => taken,
  }),
  'rx.listReady': handler<'rx.listReady'>({ run: (ctx) => ({ ready: readyForTill(ctx.db, ctx.now) }) }),
  'rx.dispense': handler<'rx.dispense'>({ run: (ctx, input) => dispensePrescription(ctx, input) }),
};
