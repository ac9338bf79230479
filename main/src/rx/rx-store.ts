// SQL of the prescriptions domain, bound parameters only: prescriptions, their items and signature, dispenses
// and the dispense movements in the stock ledger.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';

export type PrescriptionRow = {
  id: string;
  patient_id: string;
  status: 'draft' | 'verified';
  prescriber_name: string;
  prescriber_npi: string | null;
  prescriber_dea: string | null;
  prescriber_licence: string | null;
  written_date: string;
  reading: string | null;
  corrections: string;
  created_at: number;
  created_by: string;
};

export type ItemRow = {
  prescription_id: string;
  line_no: number;
  product_id: string | null;
  product_name: string | null;
  product_unit: string | null;
  ingredient: string;
  strength: string | null;
  form: string | null;
  quantity: number;
  refills: number;
  sig: string;
  dosage: string | null;
  fills: number;
};

export type SignatureRow = {
  id: string;
  prescription_id: string;
  meaning: 'verified';
  signer_id: string;
  signer_name: string;
  signed_at: number;
  second_factor: 'password' | 'pin';
  content_hash: string;
  findings: string;
  acknowledgements: string;
  signature: string;
};

export type DispenseRow = {
  id: string;
  prescription_id: string;
  patient_id: string;
  idempotency_key: string;
  request_digest: string;
  at: number;
  device_id: string;
  actor_id: string;
  actor_name: string;
  location: string;
};

export type DispenseLineRow = {
  dispense_id: string;
  line_no: number;
  seq: number;
  fill_no: number;
  product_id: string;
  lot_id: string;
  batch: string;
  expiry: string;
  quantity: number;
  days_supply: number | null;
};

export type DispenseLotRow = { lot_id: string; batch: string; expiry: string; location: string; sellable: number; on_hand: number; recalled: number };

const recalled = `EXISTS (SELECT 1 FROM recall r WHERE r.product_id = l.product_id
  AND (r.whole_product = 1 OR EXISTS (SELECT 1 FROM recall_batch rb WHERE rb.recall_id = r.id AND rb.batch = l.batch)))`;
const lotColumns = `l.id AS lot_id, l.batch, l.expiry, l.location, loc.sellable, coalesce(b.on_hand, 0) AS on_hand, ${recalled} AS recalled`;

export const rxSql = {
  /** Lots of a product at a location, first expiry first (FEFO), with what they hold and whether recalled. */
  lotsAt: `SELECT ${lotColumns} FROM stock_lot l JOIN stock_location loc ON loc.code = l.location LEFT JOIN stock_balance b ON b.lot_id = l.id
    WHERE l.product_id = ? AND l.location = ? ORDER BY l.expiry, l.id`,
  lotsOfBatch: `SELECT ${lotColumns} FROM stock_lot l JOIN stock_location loc ON loc.code = l.location LEFT JOIN stock_balance b ON b.lot_id = l.id
    WHERE l.product_id = ? AND l.batch = ? ORDER BY l.location = ? DESC, l.expiry, l.id`,
  /** The latest fill of one item, here or at another till of the branch: when, and for how many days. */
  lastFill: `SELECT at, days_supply FROM (
      SELECT d.at, max(l.days_supply) AS days_supply FROM dispense d JOIN dispense_line l ON l.dispense_id = d.id
        WHERE d.prescription_id = @rx AND l.line_no = @line GROUP BY d.id
      UNION ALL
      SELECT f.at, f.days_supply FROM rx_branch_fill f WHERE f.prescription_id = @rx AND f.line_no = @line)
    ORDER BY at DESC LIMIT 1`,
  items: `SELECT i.prescription_id, i.line_no, i.product_id, p.name AS product_name, p.unit AS product_unit, i.ingredient, i.strength, i.form,
      i.quantity, i.refills, i.sig, i.dosage,
      (SELECT count(DISTINCT dl.dispense_id) FROM dispense d JOIN dispense_line dl ON dl.dispense_id = d.id
        WHERE d.prescription_id = i.prescription_id AND dl.line_no = i.line_no)
      + (SELECT count(*) FROM rx_branch_fill f WHERE f.prescription_id = i.prescription_id AND f.line_no = i.line_no) AS fills
    FROM prescription_item i LEFT JOIN product p ON p.id = i.product_id WHERE i.prescription_id = ? ORDER BY i.line_no`,
} as const;

const statements = perDatabase((db: Database) => ({
  insertPrescription: db.prepare(
    `INSERT INTO prescription (id, patient_id, status, prescriber_name, prescriber_npi, prescriber_dea, prescriber_licence, written_date, reading,
       corrections, created_at, created_by)
     VALUES (@id, @patient_id, @status, @prescriber_name, @prescriber_npi, @prescriber_dea, @prescriber_licence, @written_date, @reading,
       @corrections, @created_at, @created_by)`,
  ),
  insertItem: db.prepare(
    `INSERT INTO prescription_item (prescription_id, line_no, product_id, ingredient, strength, form, quantity, refills, sig, dosage)
     VALUES (@prescription_id, @line_no, @product_id, @ingredient, @strength, @form, @quantity, @refills, @sig, @dosage)`,
  ),
  byId: db.prepare<[string], PrescriptionRow>('SELECT * FROM prescription WHERE id = ?'),
  items: db.prepare<[string], ItemRow>(rxSql.items),
  markVerified: db.prepare("UPDATE prescription SET status = 'verified' WHERE id = ? AND status = 'draft'"),
  insertSignature: db.prepare(
    `INSERT INTO prescription_signature (id, prescription_id, meaning, signer_id, signer_name, signed_at, second_factor, content_hash, findings,
       acknowledgements, signature)
     VALUES (@id, @prescription_id, @meaning, @signer_id, @signer_name, @signed_at, @second_factor, @content_hash, @findings, @acknowledgements, @signature)`,
  ),
  signature: db.prepare<[string], SignatureRow>("SELECT * FROM prescription_signature WHERE prescription_id = ? AND meaning = 'verified'"),
  dispenseByKey: db.prepare<[string], DispenseRow>('SELECT * FROM dispense WHERE idempotency_key = ?'),
  dispenseById: db.prepare<[string], DispenseRow>('SELECT * FROM dispense WHERE id = ?'),
  insertDispense: db.prepare(
    `INSERT INTO dispense (id, prescription_id, patient_id, idempotency_key, request_digest, at, device_id, actor_id, actor_name, location)
     VALUES (@id, @prescription_id, @patient_id, @idempotency_key, @request_digest, @at, @device_id, @actor_id, @actor_name, @location)`,
  ),
  insertDispenseLine: db.prepare(
    `INSERT INTO dispense_line (dispense_id, line_no, seq, fill_no, product_id, lot_id, batch, expiry, quantity, days_supply)
     VALUES (@dispense_id, @line_no, @seq, @fill_no, @product_id, @lot_id, @batch, @expiry, @quantity, @days_supply)`,
  ),
  lastFill: db.prepare<[{ rx: string; line: number }], { at: number; days_supply: number | null }>(rxSql.lastFill),
  dispenseLines: db.prepare<[string], DispenseLineRow>('SELECT * FROM dispense_line WHERE dispense_id = ? ORDER BY line_no, seq'),
  lotsAt: db.prepare<[string, string], DispenseLotRow>(rxSql.lotsAt),
  lotsOfBatch: db.prepare<[string, string, string], DispenseLotRow>(rxSql.lotsOfBatch),
  insertMovement: db.prepare(
    `INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, actor_id, document_type, document_id, reason)
     VALUES (@id, @lotId, @productId, 'dispense', @quantity, @at, @actorId, 'dispense', @documentId, NULL)`,
  ),
}));

export const rxStore = {
  insertPrescription: (db: Database, row: PrescriptionRow) => statements(db).insertPrescription.run(row),
  insertItem: (db: Database, row: Omit<ItemRow, 'product_name' | 'product_unit' | 'fills'>) => statements(db).insertItem.run(row),
  byId: (db: Database, id: string): PrescriptionRow | null => statements(db).byId.get(id) ?? null,
  items: (db: Database, id: string) => statements(db).items.all(id),
  markVerified: (db: Database, id: string) => statements(db).markVerified.run(id).changes === 1,
  insertSignature: (db: Database, row: SignatureRow) => statements(db).insertSignature.run(row),
  signature: (db: Database, prescriptionId: string): SignatureRow | null => statements(db).signature.get(prescriptionId) ?? null,
  dispenseByKey: (db: Database, key: string): DispenseRow | null => statements(db).dispenseByKey.get(key) ?? null,
  dispenseById: (db: Database, id: string): DispenseRow | null => statements(db).dispenseById.get(id) ?? null,
  insertDispense: (db: Database, row: DispenseRow) => statements(db).insertDispense.run(row),
  insertDispenseLine: (db: Database, row: DispenseLineRow) => statements(db).insertDispenseLine.run(row),
  lastFill: (db: Database, prescriptionId: string, lineNo: number) => statements(db).lastFill.get({ rx: prescriptionId, line: lineNo }) ?? null,
  dispenseLines: (db: Database, dispenseId: string) => statements(db).dispenseLines.all(dispenseId),
  lotsAt: (db: Database, productId: string, location: string) => statements(db).lotsAt.all(productId, location),
  lotsOfBatch: (db: Database, productId: string, batch: string, preferLocation: string) => statements(db).lotsOfBatch.all(productId, batch, preferLocation),
  postDispenseMovement(db: Database, m: { id: string; lotId: string; productId: string; quantity: number; at: number; actorId: string; documentId: string }): void {
    statements(db).insertMovement.run({ ...m, quantity: -m.quantity });
  },
};
