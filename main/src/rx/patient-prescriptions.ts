// A patient's prescriptions for the refill counter. Rule: what can be dispensed now is judged exactly as
// rx.dispense judges it (verified, matched to a product here, refills left counting the fills at every till of
// the branch, due date from the last fill anywhere), so the list never offers what the dispense would refuse
// for those reasons; and, being clinical data, the read is logged in the patient's access log.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { readClinical } from '../patients/clinical-access.js';
import { perDatabase } from '../store/per-database.js';
import type { PatientPrescription } from './contract.js';
import { refillDueAt } from './dispense-prescription.js';
import { refillsLeft } from './prescriptions.js';
import { rxStore, type ItemRow } from './rx-store.js';

type ListedRow = {
  id: string;
  status: 'draft' | 'verified';
  written_date: string;
  prescriber_name: string;
  created_at: number;
  signed_at: number | null;
  signer_name: string | null;
  from_device_id: string | null;
  received_at: number | null;
};

export const patientPrescriptionsSql = {
  /**
   * The patient's prescriptions by the (patient_id, num) index, newest written first; the signature and the
   * branch provenance by their keys. The sort is over one patient's prescriptions only.
   */
  byPatient: `SELECT p.id, p.status, p.written_date, p.prescriber_name, p.created_at, s.signed_at, s.signer_name,
      f.device_id AS from_device_id, f.received_at
    FROM prescription p
    LEFT JOIN prescription_signature s ON s.prescription_id = p.id AND s.meaning = 'verified'
    LEFT JOIN rx_from_branch f ON f.prescription_id = p.id
    WHERE p.patient_id = ?
    ORDER BY p.written_date DESC, p.num DESC
    LIMIT ?`,
} as const;

const statements = perDatabase((db: Database) => ({
  byPatient: db.prepare<[string, number], ListedRow>(patientPrescriptionsSql.byPatient),
}));

function itemOf(db: Database, row: ListedRow, item: ItemRow): PatientPrescription['items'][number] {
  const left = refillsLeft(item);
  const last = item.fills === 0 ? null : rxStore.lastFill(db, row.id, item.line_no);
  const blockedBy =
    row.status !== 'verified' ? 'notVerified'
    : item.product_id === null || item.product_name === null ? 'productRequired'
    : item.fills >= 1 + item.refills ? 'noRefillsLeft'
    : null;
  return {
    lineNo: item.line_no,
    ingredient: item.ingredient,
    strength: item.strength,
    productName: item.product_name,
    quantity: item.quantity,
    refills: item.refills,
    fills: item.fills,
    refillsLeft: left,
    lastFillAt: last?.at ?? null,
    refillDueAt: refillDueAt(last),
    dispensable: blockedBy === null,
    blockedBy,
  };
}

export function listPatientPrescriptions(ctx: CommandContext, input: ParsedInputOf<'rx.listPatientPrescriptions'>): OutputOf<'rx.listPatientPrescriptions'> {
  readClinical(ctx, input.patientId);
  // One more than asked tells whether there are more.
  const rows = statements(ctx.db).byPatient.all(input.patientId, input.limit + 1);
  const prescriptions = rows.slice(0, input.limit).map((row): PatientPrescription => {
    const items = rxStore.items(ctx.db, row.id).map((item) => itemOf(ctx.db, row, item));
    return {
      id: row.id,
      rxNumber: row.id.slice(-8).toUpperCase(),
      status: row.status,
      writtenDate: row.written_date,
      prescriberName: row.prescriber_name,
      createdAt: row.created_at,
      signedAt: row.signed_at,
      signerName: row.signer_name,
      origin: row.from_device_id === null ? 'thisTill' : 'otherTill',
      fromDeviceId: row.from_device_id,
      receivedAt: row.received_at,
      dispensable: items.some((i) => i.dispensable),
      items,
    };
  });
  return { patientId: input.patientId, prescriptions, more: rows.length > input.limit };
}
