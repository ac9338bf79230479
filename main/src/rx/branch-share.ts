// Rule: a verified prescription may be dispensed at any till of its branch (DESIGN.md "Sync"), so the signed
// content goes out whole with the verification: the header, the items with what identifies their products
// across tills (SKU, GTIN), the signature with its signer, and the patient's profile, so a till that has never
// seen the patient can still label the medicine. The OCR reading and the image stay where they were read.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { catalogStore } from '../catalog/catalog-store.js';
import type { PatientProfile } from '../patients/contract.js';
import { patientsStore, toProfile } from '../patients/patients-store.js';
import { usersStore } from '../people/users-store.js';
import type { SharedPerson, SharedPrescription } from './contract/branch-events.js';
import { requirePrescription } from './prescriptions.js';
import { rxStore } from './rx-store.js';

function person(db: Database, id: string, fallbackName: string): SharedPerson {
  const u = usersStore(db).byId(id);
  return { id, displayName: u?.display_name ?? fallbackName, role: u?.role ?? 'pharmacist' };
}

/** The verified prescription as the other tills of the branch receive it. */
export function sharedPrescription(db: Database, prescriptionId: string): SharedPrescription {
  const rx = requirePrescription(db, prescriptionId);
  const signature = rxStore.signature(db, rx.id);
  if (signature === null) throw new Error(`prescription ${rx.id} has no signature to share`);
  const catalog = catalogStore(db);
  return {
    id: rx.id,
    patientId: rx.patient_id,
    prescriber: { name: rx.prescriber_name, npi: rx.prescriber_npi, dea: rx.prescriber_dea, licence: rx.prescriber_licence },
    writtenDate: rx.written_date,
    createdAt: rx.created_at,
    createdBy: person(db, rx.created_by, signature.signer_name),
    items: rxStore.items(db, rx.id).map((i) => {
      const product = i.product_id === null ? null : catalog.byId(i.product_id);
      return {
        lineNo: i.line_no,
        productId: i.product_id,
        sku: product?.sku ?? null,
        gtin: product === null ? null : (catalog.gtinsOf(product.id)[0] ?? null),
        ingredient: i.ingredient,
        strength: i.strength,
        form: i.form,
        quantity: i.quantity,
        refills: i.refills,
        sig: i.sig,
        dosage: i.dosage,
      };
    }),
    signature: {
      id: signature.id,
      signer: person(db, signature.signer_id, signature.signer_name),
      signedAt: signature.signed_at,
      secondFactor: signature.second_factor,
      contentHash: signature.content_hash,
      findings: signature.findings,
      acknowledgements: signature.acknowledgements,
      signature: signature.signature,
    },
  };
}

/** The patient's profile for the other tills, read without an access-log entry: no person is reading it. */
export function sharedPatient(db: Database, patientId: string): PatientProfile {
  const row = patientsStore.byId(db, patientId);
  if (row === null) throw new Error(`patient ${patientId} is missing`);
  return toProfile(row);
}
