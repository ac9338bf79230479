// Rule: a prescription of the branch is dispensed at most 1 + refills times wherever it is dispensed
// (DESIGN.md "Sync"). Each till refuses a fill beyond that from what it knows; two tills offline at once can
// still both fill the last refill, and that is found only when their dispenses meet here. It is then an
// exception for a manager with every fill named, never a silent fix: the medicine has been handed over.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { catalogStore, type ProductRow } from '../catalog/catalog-store.js';
import { normalizeGtin } from '../catalog/gtin.js';
import type { PatientProfile } from '../patients/contract.js';
import { ensureBranchPatient } from '../patients/patient-merge.js';
import { patientsStore } from '../patients/patients-store.js';
import { ensureBranchColleague } from '../people/branch-colleague.js';
import { perDatabase } from '../store/per-database.js';
import { masterDataStore } from '../sync/apply-master-data-store.js';
import type { Dispensed, SharedPrescription } from './contract/branch-events.js';
import { rxStore } from './rx-store.js';

/** Where a folded fact came from: the other till's event. */
export type FromTill = { eventId: string; deviceId: string; hlc: string; occurredAt: number };

export type FillFact = { dispenseId: string; deviceId: string; at: number; actorName: string; quantity: number };

/** An item dispensed more often than its refills allow, with every fill of it. */
export type RefillOverrun = {
  prescriptionId: string;
  lineNo: number;
  ingredient: string;
  productId: string | null;
  refills: number;
  allowedFills: number;
  fills: FillFact[];
};

const statements = perDatabase((db: Database) => ({
  insertFill: db.prepare(
    `INSERT INTO rx_branch_fill (dispense_id, line_no, prescription_id, patient_id, fill_no, product_id, quantity, days_supply, batch, expiry, at,
       device_id, actor_name, event_id)
     VALUES (@dispenseId, @lineNo, @prescriptionId, @patientId, @fillNo, @productId, @quantity, @daysSupply, @batch, @expiry, @at, @deviceId,
       @actorName, @eventId)
     ON CONFLICT (dispense_id, line_no) DO NOTHING`,
  ),
  insertOrigin: db.prepare(
    `INSERT INTO rx_from_branch (prescription_id, device_id, event_id, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (prescription_id) DO NOTHING`,
  ),
  fills: db.prepare<[{ rx: string; line: number }], FillFact>(
    `SELECT d.id AS dispenseId, d.device_id AS deviceId, d.at, d.actor_name AS actorName, sum(l.quantity) AS quantity
       FROM dispense d JOIN dispense_line l ON l.dispense_id = d.id
      WHERE d.prescription_id = @rx AND l.line_no = @line GROUP BY d.id
     UNION ALL
     SELECT f.dispense_id, f.device_id, f.at, f.actor_name, f.quantity FROM rx_branch_fill f WHERE f.prescription_id = @rx AND f.line_no = @line
     ORDER BY at, dispenseId`,
  ),
}));

/** The local product an item of another till names: the same id, head office's link, the SKU, then a GTIN. */
function localProduct(db: Database, item: SharedPrescription['items'][number]): ProductRow | null {
  const catalog = catalogStore(db);
  if (item.productId === null) return null;
  const link = masterDataStore(db).link(item.productId);
  const gtin = item.gtin === null ? null : normalizeGtin(item.gtin);
  return (
    catalog.byId(item.productId) ??
    (link ? catalog.byId(link.product_id) : null) ??
    (item.sku === null ? null : catalog.bySku(item.sku)) ??
    (gtin === null ? null : catalog.byGtin(gtin))
  );
}

/** Every fill of one item at this branch, this till's and the others', oldest first. */
export function fillsOf(db: Database, prescriptionId: string, lineNo: number): FillFact[] {
  return statements(db).fills.all({ rx: prescriptionId, line: lineNo });
}

/** The items of a prescription known here that have more fills than 1 + refills. */
export function refillOverruns(db: Database, prescriptionId: string, lineNos?: readonly number[]): RefillOverrun[] {
  const out: RefillOverrun[] = [];
  for (const item of rxStore.items(db, prescriptionId)) {
    if (lineNos !== undefined && !lineNos.includes(item.line_no)) continue;
    const allowed = 1 + item.refills;
    if (item.fills <= allowed) continue;
    out.push({
      prescriptionId,
      lineNo: item.line_no,
      ingredient: item.ingredient,
      productId: item.product_id,
      refills: item.refills,
      allowedFills: allowed,
      fills: fillsOf(db, prescriptionId, item.line_no),
    });
  }
  return out;
}

/** `overruns`: fills of it already recorded here (they arrived first) that exceed its refills. */
export type FoldedPrescription = { kind: 'stored'; unmatchedLines: number[]; overruns: RefillOverrun[] } | { kind: 'known' };

/**
 * Stores a prescription verified at another till of the branch, as signed there: its signer and author are
 * recorded as colleagues, its patient made known from the profile that came with it, and each item matched to
 * this till's catalog (an item whose product is not listed here keeps no product and must be matched before
 * it is dispensed here). Applying it again changes nothing.
 */
export function foldSharedPrescription(ctx: CommandContext, from: FromTill, p: SharedPrescription, patient: PatientProfile | undefined): FoldedPrescription {
  const db = ctx.db;
  if (rxStore.byId(db, p.id) !== null) return { kind: 'known' };
  if (patient !== undefined) {
    if (patient.id !== p.patientId) throw new Error(`the profile sent is of patient ${patient.id}, the prescription names ${p.patientId}`);
    ensureBranchPatient(db, patient);
  }
  if (patientsStore.byId(db, p.patientId) === null) {
    throw new Error(`prescription ${p.id} names patient ${p.patientId}, who is not known at this till and was not sent with it`);
  }
  ensureBranchColleague(db, p.createdBy, ctx.now);
  ensureBranchColleague(db, p.signature.signer, ctx.now);
  rxStore.insertPrescription(db, {
    id: p.id,
    patient_id: p.patientId,
    status: 'verified',
    prescriber_name: p.prescriber.name,
    prescriber_npi: p.prescriber.npi,
    prescriber_dea: p.prescriber.dea,
    prescriber_licence: p.prescriber.licence,
    written_date: p.writtenDate,
    reading: null,
    corrections: '[]',
    created_at: p.createdAt,
    created_by: p.createdBy.id,
  });
  const unmatchedLines: number[] = [];
  for (const item of p.items) {
    const product = localProduct(db, item);
    if (product === null && item.productId !== null) unmatchedLines.push(item.lineNo);
    rxStore.insertItem(db, {
      prescription_id: p.id,
      line_no: item.lineNo,
      product_id: product?.id ?? null,
      ingredient: item.ingredient,
      strength: item.strength,
      form: item.form,
      quantity: item.quantity,
      refills: item.refills,
      sig: item.sig,
      dosage: item.dosage,
    });
  }
  rxStore.insertSignature(db, {
    id: p.signature.id,
    prescription_id: p.id,
    meaning: 'verified',
    signer_id: p.signature.signer.id,
    signer_name: p.signature.signer.displayName,
    signed_at: p.signature.signedAt,
    second_factor: p.signature.secondFactor,
    content_hash: p.signature.contentHash,
    findings: p.signature.findings,
    acknowledgements: p.signature.acknowledgements,
    signature: p.signature.signature,
  });
  statements(db).insertOrigin.run(p.id, from.deviceId, from.eventId, ctx.now);
  ctx.audit({
    action: 'rx.receivedFromBranch',
    entityType: 'prescription',
    entityId: p.id,
    after: { fromDeviceId: from.deviceId, eventId: from.eventId, signerName: p.signature.signer.displayName, items: p.items.length, unmatchedLines },
  });
  // Fills recorded before the prescription (its verification was applied late) are counted now.
  return { kind: 'stored', unmatchedLines, overruns: refillOverruns(db, p.id) };
}

/**
 * Records another till's dispense of a branch prescription as fills of its items (the stock moved there), and
 * answers the items that now have more fills than their refills allow. A fill of a prescription not known here
 * (signed before the tills shared prescriptions) is kept too: it counts should the prescription arrive.
 */
export function foldBranchDispense(ctx: CommandContext, from: FromTill, d: Dispensed): RefillOverrun[] {
  const db = ctx.db;
  if (rxStore.dispenseById(db, d.dispenseId) !== null) return [];
  const items = new Map(rxStore.items(db, d.prescriptionId).map((i) => [i.line_no, i]));
  const byLine = new Map<number, Dispensed['lines']>();
  for (const l of d.lines) byLine.set(l.lineNo, [...(byLine.get(l.lineNo) ?? []), l]);
  const added: number[] = [];
  for (const [lineNo, lines] of byLine) {
    const first = lines[0] as Dispensed['lines'][number];
    const supplies = lines.map((l) => l.daysSupply).filter((n): n is number => n !== null);
    const inserted = statements(db).insertFill.run({
      dispenseId: d.dispenseId,
      lineNo,
      prescriptionId: d.prescriptionId,
      patientId: d.patientId,
      fillNo: first.fillNo,
      productId: items.get(lineNo)?.product_id ?? null,
      quantity: lines.reduce((n, l) => n + l.quantity, 0),
      daysSupply: supplies.length > 0 ? Math.max(...supplies) : null,
      batch: lines.map((l) => l.batch).sort()[0] ?? first.batch,
      expiry: lines.map((l) => l.expiry).sort()[0] ?? first.expiry,
      at: d.at ?? from.occurredAt,
      deviceId: from.deviceId,
      actorName: d.actorName ?? 'a colleague at another till',
      eventId: from.eventId,
    });
    if (inserted.changes > 0) added.push(lineNo);
  }
  if (added.length === 0) return [];
  ctx.audit({
    action: 'rx.filledAtBranch',
    entityType: 'prescription',
    entityId: d.prescriptionId,
    after: { dispenseId: d.dispenseId, fromDeviceId: from.deviceId, lines: added },
  });
  return items.size === 0 ? [] : refillOverruns(db, d.prescriptionId, added);
}
