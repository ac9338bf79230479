// Rule: a sale always completes, whatever the printer does. Its receipt is queued in the sale's own transaction,
// inside a savepoint: if queueing fails, only the queueing is undone, the sale commits, and the start-up scan
// (`queueMissingReceipts`) queues the receipt later. The drawer opens only when the sale took cash.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext, Handler } from '../api/command-context.js';
import type { OutputOf, Sale, ShiftReport } from '../contract.js';
import { readSale } from '../sales/read-sale.js';
import { readTerminal } from '../setup/terminal-store.js';
import { receiptContextOf, receiptFromSale, tookCash } from './receipt-from-sale.js';
import { printersStore, printJobsStore } from './printing-store.js';
import { zReportDocument } from './z-report-document.js';

/** Queues the original receipt of a committed sale on the terminal's receipt printer; null when there is none. */
export function queueSaleReceipt(
  db: Database,
  sale: Sale,
  deviceId: string,
  at: number,
  newId: () => string,
  options: { openDrawer?: boolean } = {},
): string | null {
  const printer = printersStore(db).receipt(deviceId);
  if (!printer) return null;
  const existing = printJobsStore(db).receiptOfSale(sale.id);
  if (existing) return existing.id;
  const id = newId();
  const model = receiptFromSale(sale, receiptContextOf(db, printer.paper_width_mm));
  printJobsStore(db).add({
    id,
    printerId: printer.id,
    kind: 'receipt',
    saleId: sale.id,
    shiftId: sale.shiftId,
    label: `Receipt ${sale.receiptNo}`,
    document: { type: 'receipt', model },
    openDrawer: (options.openDrawer ?? true) && tookCash(sale),
    at,
  });
  return id;
}

/** Runs `work` in a savepoint of the open transaction; a failure undoes only `work`. */
function besideTheCommand(ctx: CommandContext, work: () => void): void {
  try {
    ctx.db.transaction(work)();
  } catch {
    // Printing never fails a sale or a shift close; the start-up scan queues a missed receipt.
  }
}


/** `sales.completeSale`, and then its receipt queued in the same transaction (not for a replayed Pay). */
export function withReceiptQueued<P>(inner: Handler<'sales.completeSale', P>): Handler<'sales.completeSale', P> {
  return {
    ...inner,
    run(ctx, input, prepared): OutputOf<'sales.completeSale'> {
      const sale = inner.run(ctx, input, prepared);
      const terminal = ctx.terminal;
      if (!sale.replayed && terminal) {
        besideTheCommand(ctx, () => {
          queueSaleReceipt(ctx.db, sale, terminal.deviceId, ctx.now, () => ctx.ids.next());
        });
      }
      return sale;
    },
  };
}

/** Queues a shift report (a closed shift's Z report, or the open shift's X report so far) on the receipt printer; null when there is none. */
export function queueShiftReport(db: Database, report: ShiftReport, deviceId: string, at: number, newId: () => string): string | null {
  const printer = printersStore(db).receipt(deviceId);
  if (!printer) return null;
  const id = newId();
  const { locale, timeZone } = receiptContextOf(db, printer.paper_width_mm);
  printJobsStore(db).add({
    id,
    printerId: printer.id,
    kind: report.kind === 'Z' ? 'zReport' : 'xReport',
    saleId: null,
    shiftId: report.shiftId,
    label: `${report.kind} report ${report.terminalName}`,
    document: { type: 'report', report: zReportDocument(db, report, locale, timeZone, at) },
    openDrawer: false,
    at,
  });
  return id;
}

/** `shifts.closeShift`, and then its Z report queued for printing in the same transaction. */
export function withZReportQueued<P>(inner: Handler<'shifts.closeShift', P>): Handler<'shifts.closeShift', P> {
  return {
    ...inner,
    run(ctx, input, prepared): OutputOf<'shifts.closeShift'> {
      const closed = inner.run(ctx, input, prepared);
      const terminal = ctx.terminal;
      if (terminal) {
        besideTheCommand(ctx, () => {
          queueShiftReport(ctx.db, closed.report, terminal.deviceId, ctx.now, () => ctx.ids.next());
        });
      }
      return closed;
    },
  };
}

/**
 * The recovery scan: sales of this terminal completed since its receipt printer was set up that have no receipt
 * job (queueing failed beside the sale) get one now, without opening the drawer (the customer has long gone).
 */
export function queueMissingReceipts(db: Database, at: number, newId: () => string): number {
  const terminal = readTerminal(db);
  if (!terminal) return 0;
  const printer = printersStore(db).receipt(terminal.deviceId);
  if (!printer) return 0;
  let queued = 0;
  for (const saleId of printJobsStore(db).salesWithoutReceipt(terminal.deviceId, printer.created_at)) {
    db.transaction(() => {
      if (queueSaleReceipt(db, readSale(db, saleId, terminal), terminal.deviceId, at, newId, { openDrawer: false })) {
        queued += 1;
      }
    })();
  }
  return queued;
}
