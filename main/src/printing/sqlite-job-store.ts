// Rule: a receipt is never lost and never printed twice. The native print queue keeps its jobs here, in the
// terminal's SQLite store, so they survive a restart; "printed" is recorded the moment the printer has taken a job
// and such a job is never handed to the queue again.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PrintJob, PrintJobStore, PrinterError } from '@mortar/native';
import { renderDocument } from './print-document.js';
import { printersStore, printJobsStore } from './printing-store.js';

export class SqlitePrintJobStore implements PrintJobStore {
  constructor(
    private readonly db: Database,
    private readonly printerId: string,
  ) {}

  /** Jobs are written by the core's commands (in the sale's own transaction), never through the queue. */
  add(): boolean {
    return false;
  }

  pending(): PrintJob[] {
    const printer = printersStore(this.db).byId(this.printerId);
    if (!printer) return [];
    const jobs: PrintJob[] = [];
    for (const row of printJobsStore(this.db).waitingFor(this.printerId)) {
      const rendered = renderDocument(JSON.parse(row.document) as unknown, printer, row.open_drawer === 1);
      if (!rendered.ok) {
        // A job that cannot be rendered would hold up every receipt behind it: it is set aside, with the reason.
        printJobsStore(this.db).setAside(row.id, 'printing.unprintable', rendered.message, row.updated_at);
        continue;
      }
      jobs.push({
        id: row.id,
        bytes: rendered.bytes,
        label: row.label,
        createdAt: row.created_at,
        attempts: row.attempts,
        ...(row.error_code ? { lastError: { code: 'printer.printerError', message: row.error_message ?? '' } } : {}),
      });
    }
    return jobs;
  }

  markPrinted(id: string, at: number): void {
    printJobsStore(this.db).markPrinted(id, at);
  }

  markPrinting(id: string, at: number): void {
    printJobsStore(this.db).markPrinting(id, at);
  }

  recordFailure(id: string, error: PrinterError, at: number): void {
    printJobsStore(this.db).recordFailure(id, error.code, error.message, at);
  }

  remove(id: string): boolean {
    return printJobsStore(this.db).remove(id);
  }
}
