// SQL of the printing domain: the terminal's printers and the durable print queue, bound parameters only.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';
import type { PrinterConnectionSettings, PrinterView, PrintJobView } from './contract.js';

export type PrinterRow = {
  id: string;
  device_id: string;
  name: string;
  connection: string;
  paper_width_mm: 58 | 80;
  codepage: PrinterView['codepage'];
  cutter: number;
  has_drawer: number;
  is_receipt: number;
  created_at: number;
  updated_at: number;
};

export type PrintJobRow = {
  num: number;
  id: string;
  printer_id: string | null;
  kind: PrintJobView['kind'];
  sale_id: string | null;
  shift_id: string | null;
  label: string;
  document: string;
  open_drawer: number;
  state: PrintJobView['state'];
  attempts: number;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  updated_at: number;
  printed_at: number | null;
  dispense_id: string | null;
};

export type NewPrintJob = {
  id: string;
  printerId: string | null;
  kind: PrintJobView['kind'];
  saleId: string | null;
  shiftId: string | null;
  label: string;
  document: unknown;
  openDrawer: boolean;
  at: number;
  /** The dispense a label belongs to. */
  dispenseId?: string | null;
};

export function printerView(row: PrinterRow): PrinterView {
  return {
    id: row.id,
    name: row.name,
    connection: JSON.parse(row.connection) as PrinterConnectionSettings,
    paperWidthMm: row.paper_width_mm,
    codepage: row.codepage,
    cutter: row.cutter === 1,
    hasDrawer: row.has_drawer === 1,
    isReceiptPrinter: row.is_receipt === 1,
    updatedAt: row.updated_at,
  };
}

export function jobView(row: PrintJobRow): PrintJobView {
  return {
    id: row.id,
    printerId: row.printer_id,
    kind: row.kind,
    saleId: row.sale_id,
    shiftId: row.shift_id,
    label: row.label,
    openDrawer: row.open_drawer === 1,
    state: row.state,
    attempts: row.attempts,
    error: row.error_code !== null ? { code: row.error_code, message: row.error_message ?? '' } : null,
    createdAt: row.created_at,
    printedAt: row.printed_at,
  };
}

/** The statements on the checkout's path (each sale queues a receipt; the worker reads the waiting jobs). */
export const printingSql = {
  receiptPrinter: 'SELECT * FROM printer WHERE device_id = ? AND is_receipt = 1',
  receiptOfSale: "SELECT * FROM print_job WHERE sale_id = ? AND kind = 'receipt'",
  waitingFor: "SELECT * FROM print_job WHERE printer_id = ? AND state <> 'printed' ORDER BY num LIMIT ?",
  byId: 'SELECT * FROM print_job WHERE id = ?',
};

export const printersStore = perDatabase((db: Database) => {
  const all = db.prepare<[string], PrinterRow>('SELECT * FROM printer WHERE device_id = ? ORDER BY is_receipt DESC, name, id');
  const byId = db.prepare<[string], PrinterRow>('SELECT * FROM printer WHERE id = ?');
  const receipt = db.prepare<[string], PrinterRow>(printingSql.receiptPrinter);
  const clearReceipt = db.prepare<[number, string]>('UPDATE printer SET is_receipt = 0, updated_at = ? WHERE device_id = ? AND is_receipt = 1');
  const insert = db.prepare(
    `INSERT INTO printer (id, device_id, name, connection, paper_width_mm, codepage, cutter, has_drawer, is_receipt, created_at, updated_at)
     VALUES (@id, @device_id, @name, @connection, @paper_width_mm, @codepage, @cutter, @has_drawer, @is_receipt, @created_at, @updated_at)`,
  );
  const update = db.prepare(
    `UPDATE printer SET name = @name, connection = @connection, paper_width_mm = @paper_width_mm, codepage = @codepage, cutter = @cutter,
       has_drawer = @has_drawer, is_receipt = @is_receipt, updated_at = @updated_at WHERE id = @id`,
  );
  const remove = db.prepare<[string]>('DELETE FROM printer WHERE id = ?');
  return {
    all: (deviceId: string) => all.all(deviceId),
    byId: (id: string) => byId.get(id) ?? null,
    receipt: (deviceId: string) => receipt.get(deviceId) ?? null,
    clearReceipt: (deviceId: string, at: number) => clearReceipt.run(at, deviceId),
    insert: (row: PrinterRow) => insert.run(row),
    update: (row: Omit<PrinterRow, 'device_id' | 'created_at'>) => update.run(row),
    remove: (id: string) => remove.run(id).changes > 0,
  };
});

export const printJobsStore = perDatabase((db: Database) => {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO print_job (id, printer_id, kind, sale_id, shift_id, label, document, open_drawer, state, attempts, created_at, updated_at, dispense_id)
     VALUES (@id, @printer_id, @kind, @sale_id, @shift_id, @label, @document, @open_drawer, 'queued', 0, @at, @at, @dispense_id)`,
  );
  const byId = db.prepare<[string], PrintJobRow>(printingSql.byId);
  const receiptOfSale = db.prepare<[string], PrintJobRow>(printingSql.receiptOfSale);
  const waitingFor = db.prepare<[string, number], PrintJobRow>(printingSql.waitingFor);
  const waitingAll = db.prepare<[number], PrintJobRow>("SELECT * FROM print_job WHERE state <> 'printed' ORDER BY num LIMIT ?");
  const countWaiting = db.prepare<[string], { printer_id: string | null; n: number }>(
    "SELECT printer_id, count(*) AS n FROM print_job WHERE state <> 'printed' AND (printer_id IS NULL OR printer_id IN (SELECT id FROM printer WHERE device_id = ?)) GROUP BY printer_id",
  );
  const markPrinting = db.prepare<[number, string]>("UPDATE print_job SET state = 'printing', updated_at = ? WHERE id = ? AND state <> 'printed'");
  const markPrinted = db.prepare<[number, number, string]>(
    "UPDATE print_job SET state = 'printed', printed_at = ?, updated_at = ?, error_code = NULL, error_message = NULL WHERE id = ?",
  );
  const recordFailure = db.prepare<[string, string, number, string]>(
    "UPDATE print_job SET state = 'failed', attempts = attempts + 1, error_code = ?, error_message = ?, updated_at = ? WHERE id = ? AND state <> 'printed'",
  );
  const remove = db.prepare<[string]>("DELETE FROM print_job WHERE id = ? AND state <> 'printed'");
  const setAside = db.prepare<[string, string, number, string]>(
    "UPDATE print_job SET state = 'failed', printer_id = NULL, error_code = ?, error_message = ?, updated_at = ? WHERE id = ? AND state <> 'printed'",
  );
  const reassign = db.prepare<[string | null, number, string]>(
    "UPDATE print_job SET printer_id = ?, updated_at = ? WHERE printer_id = ? AND state <> 'printed'",
  );
  const adoptOrphans = db.prepare<[string, number]>("UPDATE print_job SET printer_id = ?, updated_at = ? WHERE printer_id IS NULL AND state <> 'printed'");
  const labelsOfDispense = db.prepare<[string], PrintJobRow>("SELECT * FROM print_job WHERE dispense_id = ? AND kind = 'label' ORDER BY num");
  const salesWithoutReceipt = db.prepare<[string, number], { id: string }>(
    `SELECT s.id FROM sale s WHERE s.device_id = ? AND s.at >= ?
       AND NOT EXISTS (SELECT 1 FROM print_job j WHERE j.sale_id = s.id AND j.kind = 'receipt') ORDER BY s.at, s.receipt_no`,
  );
  return {
    /** False when the id (or the sale's original receipt) is already queued. */
    add: (job: NewPrintJob) =>
      insert.run({
        id: job.id,
        printer_id: job.printerId,
        kind: job.kind,
        sale_id: job.saleId,
        shift_id: job.shiftId,
        label: job.label,
        document: JSON.stringify(job.document),
        open_drawer: job.openDrawer ? 1 : 0,
        at: job.at,
        dispense_id: job.dispenseId ?? null,
      }).changes > 0,
    labelsOfDispense: (dispenseId: string) => labelsOfDispense.all(dispenseId),
    byId: (id: string) => byId.get(id) ?? null,
    receiptOfSale: (saleId: string) => receiptOfSale.get(saleId) ?? null,
    waitingFor: (printerId: string, limit = 50) => waitingFor.all(printerId, limit),
    waitingAll: (limit = 50) => waitingAll.all(limit),
    countWaiting: (deviceId: string) => countWaiting.all(deviceId),
    markPrinting: (id: string, at: number) => markPrinting.run(at, id),
    markPrinted: (id: string, at: number) => markPrinted.run(at, at, id),
    recordFailure: (id: string, code: string, message: string, at: number) => recordFailure.run(code, message, at, id),
    remove: (id: string) => remove.run(id).changes > 0,
    setAside: (id: string, code: string, message: string, at: number) => setAside.run(code, message, at, id),
    reassign: (fromPrinterId: string, toPrinterId: string | null, at: number) => reassign.run(toPrinterId, at, fromPrinterId).changes,
    adoptOrphans: (printerId: string, at: number) => adoptOrphans.run(printerId, at).changes,
    salesWithoutReceipt: (deviceId: string, since: number) => salesWithoutReceipt.all(deviceId, since).map((r) => r.id),
  };
});
