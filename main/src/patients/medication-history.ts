// A patient's medication history is the fold of their dispenses (DESIGN.md principle 2): nothing is kept
// beside it. A medicine counts as active while its days' supply lasts, with a margin for late refills.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';
import type { DispensedMedicine } from './contract.js';

const DAY_MS = 86_400_000;
/** When the directions do not fix a daily amount, a dispense counts as active for this long. */
export const UNKNOWN_SUPPLY_DAYS = 90;
/** Patients run a little late for refills: a supply stays active for a quarter longer than it lasts. */
const GRACE = 1.25;

type HistoryRow = {
  dispense_id: string;
  prescription_id: string;
  at: number;
  line_no: number;
  fill_no: number;
  /** Null for a fill at another till of a product this till does not list: its ingredient still counts. */
  product_id: string | null;
  product_name: string;
  ingredient: string;
  strength: string | null;
  quantity: number;
  sig: string;
  batch: string;
  expiry: string;
  days_supply: number | null;
};

/** Dispenses at this till and fills at the branch's other tills (rx_branch_fill), newest first. */
export const historySql = `SELECT * FROM (
  SELECT d.id AS dispense_id, d.prescription_id, d.at, d.num, l.line_no, l.fill_no, l.product_id, p.name AS product_name,
      i.ingredient, i.strength, sum(l.quantity) AS quantity, i.sig, min(l.batch) AS batch, min(l.expiry) AS expiry, max(l.days_supply) AS days_supply
    FROM dispense d JOIN dispense_line l ON l.dispense_id = d.id
      JOIN prescription_item i ON i.prescription_id = d.prescription_id AND i.line_no = l.line_no
      JOIN product p ON p.id = l.product_id
    WHERE d.patient_id = @patient
    GROUP BY d.id, l.line_no
  UNION ALL
  SELECT f.dispense_id, f.prescription_id, f.at, 0 AS num, f.line_no, f.fill_no, coalesce(f.product_id, i.product_id) AS product_id,
      coalesce(p.name, i.ingredient) AS product_name,
      i.ingredient, i.strength, f.quantity, i.sig, f.batch, f.expiry, f.days_supply
    FROM rx_branch_fill f
      JOIN prescription_item i ON i.prescription_id = f.prescription_id AND i.line_no = f.line_no
      LEFT JOIN product p ON p.id = coalesce(f.product_id, i.product_id)
    WHERE f.patient_id = @patient)
  ORDER BY at DESC, num DESC, line_no
  LIMIT 1000`;

const statements = perDatabase((db: Database) => ({ history: db.prepare<[{ patient: string }], HistoryRow>(historySql) }));

export function isActive(at: number, daysSupply: number | null, now: number): boolean {
  const days = daysSupply ?? UNKNOWN_SUPPLY_DAYS;
  return now <= at + Math.ceil(days * GRACE) * DAY_MS;
}

export function medicationHistory(db: Database, patientId: string, now: number): DispensedMedicine[] {
  return statements(db)
    .history.all({ patient: patientId })
    .map((r) => ({
      dispenseId: r.dispense_id,
      prescriptionId: r.prescription_id,
      at: r.at,
      lineNo: r.line_no,
      fillNo: r.fill_no,
      productId: r.product_id,
      productName: r.product_name,
      ingredient: r.ingredient,
      strength: r.strength,
      quantity: r.quantity,
      sig: r.sig,
      batch: r.batch,
      expiry: r.expiry,
      daysSupply: r.days_supply,
      active: isActive(r.at, r.days_supply, now),
    }));
}

/** The ingredients the patient is taking now, from their dispenses at this branch. */
export function activeIngredients(db: Database, patientId: string, now: number, exceptPrescriptionId?: string): string[] {
  const names = medicationHistory(db, patientId, now)
    .filter((m) => m.active && m.prescriptionId !== exceptPrescriptionId)
    .map((m) => m.ingredient);
  return [...new Set(names)];
}
