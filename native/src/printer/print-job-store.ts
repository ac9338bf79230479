// Where print jobs wait until a printer has taken them. The queue only talks to this type, so the core can put
// jobs in its SQLite store (surviving a restart) while tests and simple set-ups keep them in memory.
import type { PrinterError } from './printer-errors.js';

export type PrintJob = {
  /** Chosen by the caller (a receipt id makes a repeated request harmless) or generated. */
  id: string;
  bytes: Uint8Array;
  /** For the UI: "Receipt 0104-000123". */
  label: string;
  createdAt: number;
  attempts: number;
  lastError?: PrinterError;
};

type MaybePromise<T> = T | Promise<T>;

export type PrintJobStore = {
  /** Adds a pending job; false (and nothing added) when the id is already known, pending or printed. */
  add(job: PrintJob): MaybePromise<boolean>;
  /** Pending jobs, oldest first. */
  pending(): MaybePromise<PrintJob[]>;
  /** The printer took the job: it is never returned by `pending` again. */
  markPrinted(id: string, at: number): MaybePromise<void>;
  /** A failed attempt, kept with the job so a restarted till can show why it waits. */
  recordFailure(id: string, error: PrinterError, at: number): MaybePromise<void>;
  /** Drops a pending job (the cashier cancelled it); false when there was none. */
  remove(id: string): MaybePromise<boolean>;
};

/** Keeps jobs in memory; printed ids are remembered (the last `rememberPrinted` of them) to refuse duplicates. */
export class MemoryPrintJobStore implements PrintJobStore {
  private readonly jobs = new Map<string, PrintJob>();
  private readonly printed = new Map<string, number>();

  constructor(private readonly rememberPrinted = 1000) {}

  add(job: PrintJob): boolean {
    if (this.jobs.has(job.id) || this.printed.has(job.id)) return false;
    this.jobs.set(job.id, { ...job });
    return true;
  }

  pending(): PrintJob[] {
    // Map iteration is insertion order, which is the order jobs were queued.
    return [...this.jobs.values()].map((j) => ({ ...j }));
  }

  markPrinted(id: string, at: number): void {
    this.jobs.delete(id);
    this.printed.set(id, at);
    if (this.printed.size > this.rememberPrinted) {
      const oldest = this.printed.keys().next().value;
      if (oldest !== undefined) this.printed.delete(oldest);
    }
  }

  recordFailure(id: string, error: PrinterError, _at: number): void {
    const job = this.jobs.get(id);
    if (job) this.jobs.set(id, { ...job, attempts: job.attempts + 1, lastError: error });
  }

  remove(id: string): boolean {
    return this.jobs.delete(id);
  }

  /** Whether a job was printed (while it is still remembered). */
  wasPrinted(id: string): boolean {
    return this.printed.has(id);
  }
}
