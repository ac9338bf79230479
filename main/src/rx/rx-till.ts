// Rule: a prescription line reaches the till only as an item of a dispensed, verified prescription, and is sold
// exactly once (the Rx-only rule, DESIGN.md principle 2): the cart line names the dispense and the item,
// its product, batch and quantity must be the dispense's own, and its stock already left with the dispense, so
// the sale moves none again. The link to the sale line is a row whose primary key refuses a second sale.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../api/core-error.js';
import { perDatabase } from '../store/per-database.js';
import type { ReadyForTill } from './contract.js';

export type DispenseRef = { dispenseId: string; lineNo: number };

export type TillDispense = { productId: string; lotIds: string[]; quantity: number };

/** Dispensed prescriptions stay on the till's ready list for this long. */
export const READY_DAYS = 30;

type ReadyRow = {
  dispense_id: string;
  line_no: number;
  at: number;
  prescription_id: string;
  patient_name: string;
  product_id: string;
  product_name: string;
  lot_id: string;
  batch: string;
  quantity: number;
};

const statements = perDatabase((db: Database) => ({
  dispense: db.prepare<[string], { id: string; status: string }>(
    'SELECT d.id, p.status FROM dispense d JOIN prescription p ON p.id = d.prescription_id WHERE d.id = ?',
  ),
  lines: db.prepare<[string, number], { product_id: string; lot_id: string; quantity: number }>(
    'SELECT product_id, lot_id, quantity FROM dispense_line WHERE dispense_id = ? AND line_no = ? ORDER BY seq',
  ),
  sold: db.prepare<[string, number], { sale_id: string }>('SELECT sale_id FROM dispense_sale WHERE dispense_id = ? AND line_no = ?'),
  link: db.prepare('INSERT INTO dispense_sale (dispense_id, line_no, sale_id, sale_line_no) VALUES (?, ?, ?, ?)'),
  ready: db.prepare<[number], ReadyRow>(
    `SELECT d.id AS dispense_id, dl.line_no, d.at, d.prescription_id, pa.name AS patient_name, dl.product_id, pr.name AS product_name,
        min(dl.lot_id) AS lot_id, group_concat(DISTINCT dl.batch) AS batch, sum(dl.quantity) AS quantity
     FROM dispense d
       JOIN dispense_line dl ON dl.dispense_id = d.id
       JOIN patient pa ON pa.id = d.patient_id
       JOIN product pr ON pr.id = dl.product_id
     WHERE d.at >= ? AND NOT EXISTS (SELECT 1 FROM dispense_sale ds WHERE ds.dispense_id = d.id AND ds.line_no = dl.line_no)
     GROUP BY d.id, dl.line_no
     ORDER BY d.at DESC, dl.line_no
     LIMIT 200`,
  ),
}));

/** The dispensed item a till line names, refused when unknown, not verified or already sold. */
export function dispensedForTill(db: Database, ref: DispenseRef, cartLineNo: number): TillDispense {
  const d = statements(db).dispense.get(ref.dispenseId);
  const lines = d === undefined ? [] : statements(db).lines.all(ref.dispenseId, ref.lineNo);
  const first = lines[0];
  if (d === undefined || first === undefined) {
    throw new CoreError('rx.dispenseNotFound', `Line ${cartLineNo}: there is no such dispensed prescription item.`, { lineNo: cartLineNo, dispenseId: ref.dispenseId, itemLineNo: ref.lineNo });
  }
  if (d.status !== 'verified') {
    throw new CoreError('rx.notVerified', 'A pharmacist must verify this prescription before it is sold.', { lineNo: cartLineNo, dispenseId: ref.dispenseId, itemLineNo: ref.lineNo });
  }
  const sold = statements(db).sold.get(ref.dispenseId, ref.lineNo);
  if (sold !== undefined) {
    throw new CoreError('rx.alreadySold', `Line ${cartLineNo}: this dispensed prescription item has already been sold.`, { lineNo: cartLineNo, saleId: sold.sale_id, dispenseId: ref.dispenseId, itemLineNo: ref.lineNo });
  }
  return { productId: first.product_id, lotIds: lines.map((l) => l.lot_id), quantity: lines.reduce((n, l) => n + l.quantity, 0) };
}

/** Checks that a cart line is the dispensed item as it was dispensed: same product, a batch it came from, all of it, in units. */
export function checkTillLine(db: Database, ref: DispenseRef, line: { productId: string; lotId: string; quantity: number; unit: string }, cartLineNo: number): void {
  const d = dispensedForTill(db, ref, cartLineNo);
  if (d.productId !== line.productId || !d.lotIds.includes(line.lotId) || line.unit !== 'unit' || line.quantity !== d.quantity) {
    throw new CoreError('rx.dispenseMismatch', `Line ${cartLineNo} does not match the prescription item as it was dispensed.`, {
      lineNo: cartLineNo,
      dispenseId: ref.dispenseId,
      itemLineNo: ref.lineNo,
      expected: { productId: d.productId, lotIds: d.lotIds, quantity: d.quantity, unit: 'unit' },
    });
  }
}

export function recordTillSale(db: Database, ref: DispenseRef, saleId: string, saleLineNo: number): void {
  statements(db).link.run(ref.dispenseId, ref.lineNo, saleId, saleLineNo);
}

/** Dispensed items of the last READY_DAYS not yet sold, newest first, as lines ready for the cart. */
export function readyForTill(db: Database, now: number): ReadyForTill[] {
  return statements(db)
    .ready.all(now - READY_DAYS * 86_400_000)
    .map((r) => ({
      dispenseId: r.dispense_id,
      lineNo: r.line_no,
      dispensedAt: r.at,
      rxNumber: r.prescription_id.slice(-8).toUpperCase(),
      patientName: r.patient_name,
      productName: r.product_name,
      batch: r.batch,
      quantity: r.quantity,
      line: { productId: r.product_id, lotId: r.lot_id, quantity: r.quantity, unit: 'unit', dispense: { dispenseId: r.dispense_id, lineNo: r.line_no } },
    }));
}
