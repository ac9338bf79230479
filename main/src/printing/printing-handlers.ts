// Printers per terminal, test pages, copies from history, Z reports on paper, and the queue's state. Only
// settings-level users (printing.manage) change printers; anyone at the counter may read their state and reprint.
import { listPorts } from '@mortar/native';
import { CoreError } from '../api/core-error.js';
import { handler, type CommandContext, type Terminal } from '../api/command-context.js';
import type { OutputOf, PrinterView, ShiftReport } from '../contract.js';
import { readSale } from '../sales/read-sale.js';
import { shiftsStore } from '../shifts/shifts-store.js';
import { printingServiceFor } from './printing-service.js';
import { jobView, printersStore, printerView, printJobsStore, type PrinterRow } from './printing-store.js';
import { queueShiftReport } from './queue-receipt.js';
import { buildShiftReport } from '../shifts/shift-report.js';
import { requireOpenShift } from '../shifts/shifts-handlers.js';
import { queueDispenseLabels } from './queue-label.js';
import { readDispense } from '../rx/dispense-prescription.js';
import { rxStore } from '../rx/rx-store.js';
import { receiptContextOf, receiptFromSale } from './receipt-from-sale.js';
import type { ReportDocument } from './print-document.js';

function terminalOf(ctx: CommandContext): Terminal {
  if (!ctx.terminal) throw new CoreError('setup.notDone', 'This terminal has not been set up yet.');
  return ctx.terminal;
}

function printerOrThrow(ctx: CommandContext, id: string): PrinterRow {
  const row = printersStore(ctx.db).byId(id);
  if (!row || row.device_id !== terminalOf(ctx).deviceId) {
    throw new CoreError('printing.printerNotFound', 'This terminal has no such printer.', { id });
  }
  return row;
}

function receiptPrinterOrThrow(ctx: CommandContext): PrinterRow {
  const row = printersStore(ctx.db).receipt(terminalOf(ctx).deviceId);
  if (!row) throw new CoreError('printing.noReceiptPrinter', 'No receipt printer is set up for this terminal.');
  return row;
}

function testPage(printer: PrinterView): ReportDocument {
  const c = printer.connection;
  const link = c.kind === 'tcp' ? `${c.host}:${c.port}` : c.kind === 'serial' ? `${c.path} ${c.baudRate}` : c.path;
  return {
    title: 'TEST',
    rows: [
      { left: printer.name, center: true, bold: true },
      { left: 'Link', right: `${c.kind} ${link}` },
      { left: 'Paper', right: `${printer.paperWidthMm} mm` },
      { left: 'Code page', right: printer.codepage },
      { left: 'Drawer', right: printer.hasDrawer ? 'yes' : 'no' },
      { left: 'Receipts', right: printer.isReceiptPrinter ? 'yes' : 'no' },
      { left: 'Äöü ß é € £', center: true },
      { left: '0123456789'.repeat(printer.paperWidthMm === 58 ? 3 : 4).slice(0, printer.paperWidthMm === 58 ? 32 : 48) },
    ],
  };
}

export const printingHandlers = {
  'printing.listPrinters': handler<'printing.listPrinters'>({
    run: (ctx) => printersStore(ctx.db).all(terminalOf(ctx).deviceId).map(printerView),
  }),

  'printing.savePrinter': handler<'printing.savePrinter'>({
    run(ctx, input): OutputOf<'printing.savePrinter'> {
      const terminal = terminalOf(ctx);
      const store = printersStore(ctx.db);
      const before = input.id ? printerOrThrow(ctx, input.id) : null;
      if (input.isReceiptPrinter) store.clearReceipt(terminal.deviceId, ctx.now);
      const row: PrinterRow = {
        id: before?.id ?? ctx.ids.next(),
        device_id: terminal.deviceId,
        name: input.name,
        connection: JSON.stringify(input.connection),
        paper_width_mm: input.paperWidthMm,
        codepage: input.codepage,
        cutter: input.cutter ? 1 : 0,
        has_drawer: input.hasDrawer ? 1 : 0,
        is_receipt: input.isReceiptPrinter ? 1 : 0,
        created_at: before?.created_at ?? ctx.now,
        updated_at: Math.max(ctx.now, (before?.updated_at ?? 0) + 1),
      };
      if (before) store.update(row);
      else store.insert(row);
      // Jobs whose printer was removed wait for the next receipt printer.
      if (input.isReceiptPrinter) printJobsStore(ctx.db).adoptOrphans(row.id, ctx.now);
      const after = printerView(row);
      ctx.audit({
        action: 'printing.savePrinter',
        entityType: 'printer',
        entityId: row.id,
        before: before ? printerView(before) : null,
        after,
      });
      return after;
    },
  }),

  'printing.removePrinter': handler<'printing.removePrinter'>({
    run(ctx, input) {
      const terminal = terminalOf(ctx);
      const row = printerOrThrow(ctx, input.id);
      printersStore(ctx.db).remove(row.id);
      // Waiting jobs are never dropped: they move to the receipt printer, or wait for one.
      const target = printersStore(ctx.db).receipt(terminal.deviceId);
      const movedJobs = printJobsStore(ctx.db).reassign(row.id, target?.id ?? null, ctx.now);
      ctx.audit({ action: 'printing.removePrinter', entityType: 'printer', entityId: row.id, before: printerView(row), after: { movedJobs } });
      return { removed: true, movedJobs };
    },
  }),

  'printing.testPrint': handler<'printing.testPrint'>({
    run(ctx, input) {
      const row = printerOrThrow(ctx, input.id);
      const id = ctx.ids.next();
      printJobsStore(ctx.db).add({
        id,
        printerId: row.id,
        kind: 'test',
        saleId: null,
        shiftId: null,
        label: `Test ${row.name}`,
        document: { type: 'report', report: testPage(printerView(row)) },
        openDrawer: input.openDrawer,
        at: ctx.now,
      });
      ctx.audit({ action: 'printing.testPrint', entityType: 'printer', entityId: row.id, after: { jobId: id, openDrawer: input.openDrawer } });
      return { jobId: id };
    },
  }),

  'printing.listPorts': handler<'printing.listPorts', OutputOf<'printing.listPorts'>>({
    async prepare() {
      const result = await listPorts();
      if (!result.ok) throw new CoreError('printing.portsUnavailable', 'The serial ports of this computer could not be listed.', { cause: result.error.code });
      return result.value.map((p) => ({ path: p.path, manufacturer: p.manufacturer, vendorId: p.vendorId, productId: p.productId }));
    },
    run: (_ctx, _input, ports) => ports,
  }),

  'printing.status': handler<'printing.status'>({
    run(ctx, input): OutputOf<'printing.status'> {
      const terminal = terminalOf(ctx);
      const service = printingServiceFor(ctx.db);
      const counts = new Map(printJobsStore(ctx.db).countWaiting(terminal.deviceId).map((r) => [r.printer_id, r.n]));
      const printers = printersStore(ctx.db)
        .all(terminal.deviceId)
        .map((row) => ({
          id: row.id,
          name: row.name,
          isReceiptPrinter: row.is_receipt === 1,
          queueLength: counts.get(row.id) ?? 0,
          ...(service?.running
            ? service.status(row.id)
            : { state: 'stopped' as const, connected: false, offline: false, paperOut: false, lastError: null }),
        }));
      const saleJob = input.saleId ? printJobsStore(ctx.db).receiptOfSale(input.saleId) : null;
      return {
        workerRunning: service?.running === true,
        printers,
        queueLength: [...counts.values()].reduce((a, b) => a + b, 0),
        waiting: printJobsStore(ctx.db).waitingAll(20).map(jobView),
        sale: saleJob ? jobView(saleJob) : null,
      };
    },
  }),

  'printing.reprint': handler<'printing.reprint'>({
    run(ctx, input) {
      const terminal = terminalOf(ctx);
      const printer = receiptPrinterOrThrow(ctx);
      const sale = readSale(ctx.db, input.saleId, terminal);
      const id = ctx.ids.next();
      printJobsStore(ctx.db).add({
        id,
        printerId: printer.id,
        kind: 'copy',
        saleId: sale.id,
        shiftId: sale.shiftId,
        label: `Copy of receipt ${sale.receiptNo}`,
        document: { type: 'receipt', model: receiptFromSale(sale, receiptContextOf(ctx.db, printer.paper_width_mm), { marker: 'copy' }) },
        // A copy never opens the drawer.
        openDrawer: false,
        at: ctx.now,
      });
      ctx.audit({ action: 'printing.reprint', entityType: 'sale', entityId: sale.id, after: { jobId: id, receiptNo: sale.receiptNo } });
      return { jobId: id };
    },
  }),

  'printing.printShiftReport': handler<'printing.printShiftReport'>({
    run(ctx, input) {
      const terminal = terminalOf(ctx);
      receiptPrinterOrThrow(ctx);
      const shift = shiftsStore(ctx.db).byId(input.shiftId);
      if (!shift) throw new CoreError('shifts.notFound', 'There is no such shift.', { shiftId: input.shiftId });
      if (shift.z_report === null) throw new CoreError('shifts.stillOpen', 'The shift is still open: see its X report.', { shiftId: shift.id });
      const jobId = queueShiftReport(ctx.db, JSON.parse(shift.z_report) as ShiftReport, terminal.deviceId, ctx.now, () => ctx.ids.next());
      if (!jobId) throw new CoreError('printing.noReceiptPrinter', 'No receipt printer is set up for this terminal.');
      ctx.audit({ action: 'printing.printShiftReport', entityType: 'shift', entityId: shift.id, after: { jobId } });
      return { jobId };
    },
  }),

  'printing.printXReport': handler<'printing.printXReport'>({
    run(ctx) {
      const terminal = terminalOf(ctx);
      receiptPrinterOrThrow(ctx);
      const shift = requireOpenShift(ctx.db, terminal.deviceId);
      const report = buildShiftReport(ctx.db, shift, { kind: 'X', now: ctx.now, terminalName: terminal.name });
      const jobId = queueShiftReport(ctx.db, report, terminal.deviceId, ctx.now, () => ctx.ids.next());
      if (!jobId) throw new CoreError('printing.noReceiptPrinter', 'No receipt printer is set up for this terminal.');
      ctx.audit({ action: 'printing.printXReport', entityType: 'shift', entityId: shift.id, after: { jobId } });
      return { jobId };
    },
  }),

  'printing.printLabels': handler<'printing.printLabels'>({
    run(ctx, input) {
      const terminal = terminalOf(ctx);
      receiptPrinterOrThrow(ctx);
      const row = rxStore.dispenseById(ctx.db, input.dispenseId);
      if (!row) throw new CoreError('rx.dispenseNotFound', 'There is no such dispense.', { dispenseId: input.dispenseId });
      const dispense = readDispense(ctx, row, true);
      const jobIds = queueDispenseLabels(ctx.db, dispense, terminal.deviceId, ctx.now, () => ctx.ids.next());
      ctx.audit({ action: 'printing.printLabels', entityType: 'dispense', entityId: dispense.id, after: { jobIds } });
      return { jobIds };
    },
  }),

  'printing.retryNow': handler<'printing.retryNow'>({
    run: (ctx) => ({ retried: printingServiceFor(ctx.db)?.retryNow() ?? 0 }),
  }),
};
