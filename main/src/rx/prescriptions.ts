// Saving a reviewed prescription and reading it back. Rule: what the OCR read and what the pharmacist changed
// are both kept (the corrections are the best test data there is), and the directions are parsed from the
// reviewed text, so the dosage always says what the pharmacist confirmed.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { catalogStore } from '../catalog/catalog-store.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { requirePatient } from '../patients/clinical-access.js';
import type { Acknowledgement, Correction, Prescription, PrescriptionReadingOut } from './contract.js';
import { rxStore, type ItemRow, type PrescriptionRow } from './rx-store.js';
import { describeDosage, parseSig, type Dosage } from './sig/index.js';

export function requirePrescription(db: Database, id: string): PrescriptionRow {
  const rx = rxStore.byId(db, id);
  if (!rx) throw new CoreError('rx.notFound', 'There is no such prescription.', { prescriptionId: id });
  return rx;
}

/** Refills left after the fills so far: the first fill is the original, each later one uses a refill. */
export function refillsLeft(item: Pick<ItemRow, 'refills' | 'fills'>): number {
  return Math.max(0, item.refills - Math.max(0, item.fills - 1));
}

export function doseUnitOf(form: string | null): string | undefined {
  if (form === null) return undefined;
  if (/capsule/i.test(form)) return 'capsule';
  if (/tablet/i.test(form)) return 'tablet';
  return undefined;
}

export function directionsOf(sig: string, dosage: Dosage | null): string {
  return dosage === null ? sig : describeDosage(dosage);
}

export function toPrescription(db: Database, rx: PrescriptionRow): Prescription {
  const items = rxStore.items(db, rx.id);
  const signature = rxStore.signature(db, rx.id);
  return {
    id: rx.id,
    patientId: rx.patient_id,
    status: rx.status,
    prescriber: { name: rx.prescriber_name, npi: rx.prescriber_npi, dea: rx.prescriber_dea, licence: rx.prescriber_licence },
    writtenDate: rx.written_date,
    items: items.map((i) => {
      const dosage = i.dosage === null ? null : (JSON.parse(i.dosage) as Dosage);
      return {
        lineNo: i.line_no,
        productId: i.product_id,
        productName: i.product_name,
        ingredient: i.ingredient,
        strength: i.strength,
        form: i.form,
        quantity: i.quantity,
        refills: i.refills,
        refillsLeft: refillsLeft(i),
        fills: i.fills,
        sig: i.sig,
        dosage: dosage as Record<string, unknown> | null,
        directions: directionsOf(i.sig, dosage),
      };
    }),
    reading: rx.reading === null ? null : (JSON.parse(rx.reading) as PrescriptionReadingOut),
    corrections: JSON.parse(rx.corrections) as Correction[],
    createdAt: rx.created_at,
    createdBy: rx.created_by,
    signature:
      signature === null
        ? null
        : {
            meaning: signature.meaning,
            signerId: signature.signer_id,
            signerName: signature.signer_name,
            signedAt: signature.signed_at,
            secondFactor: signature.second_factor,
            contentHash: signature.content_hash,
            signature: signature.signature,
            acknowledgements: JSON.parse(signature.acknowledgements) as Acknowledgement[],
          },
  };
}

export function savePrescription(ctx: CommandContext, input: ParsedInputOf<'rx.save'>): OutputOf<'rx.save'> {
  const actor = ctx.actor;
  if (!actor) throw new CoreError('auth.notLoggedIn', 'Log in first.');
  requirePatient(ctx, input.patientId);
  const id = ctx.ids.next();
  const row: PrescriptionRow = {
    id,
    patient_id: input.patientId,
    status: 'draft',
    prescriber_name: input.prescriber.name,
    prescriber_npi: input.prescriber.npi,
    prescriber_dea: input.prescriber.dea,
    prescriber_licence: input.prescriber.licence,
    written_date: input.writtenDate,
    reading: input.reading === null ? null : JSON.stringify(input.reading),
    corrections: JSON.stringify(input.corrections),
    created_at: ctx.now,
    created_by: actor.id,
  };
  rxStore.insertPrescription(ctx.db, row);
  const unparsed: { lineNo: number; message: string }[] = [];
  input.items.forEach((item, index) => {
    const product = item.productId === null ? null : catalogStore(ctx.db).byId(item.productId);
    if (item.productId !== null && product === null) {
      throw new CoreError('catalog.productNotFound', 'There is no such product in the catalog.', { lineNo: index + 1, productId: item.productId });
    }
    const unit = doseUnitOf(item.form ?? product?.form ?? null);
    const parsed = parseSig(item.sig, unit === undefined ? {} : { doseUnit: unit });
    // Directions that cannot be understood are kept as written for the pharmacist, never guessed.
    if (!parsed.ok) unparsed.push({ lineNo: index + 1, message: parsed.error.message });
    rxStore.insertItem(ctx.db, {
      prescription_id: id,
      line_no: index + 1,
      product_id: item.productId,
      ingredient: item.ingredient,
      strength: item.strength ?? product?.strength ?? null,
      form: item.form ?? product?.form ?? null,
      quantity: item.quantity,
      refills: item.refills,
      sig: item.sig,
      dosage: parsed.ok ? JSON.stringify(parsed.value.dosage) : null,
    });
  });
  const saved = toPrescription(ctx.db, requirePrescription(ctx.db, id));
  ctx.audit({
    action: 'rx.saved',
    entityType: 'prescription',
    entityId: id,
    after: { patientId: input.patientId, items: saved.items.length, corrections: input.corrections.length, unparsed },
  });
  ctx.emit('rx.prescriptionSaved', { prescriptionId: id, patientId: input.patientId, writtenDate: input.writtenDate, items: saved.items.map((i) => ({ lineNo: i.lineNo, productId: i.productId, ingredient: i.ingredient, quantity: i.quantity, refills: i.refills })) });
  return saved;
}
