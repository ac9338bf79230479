// Rule: a receipt is never lost and never printed twice. Jobs wait in a store until the printer has taken them;
// a printer that is unreachable, out of paper or with its cover open keeps them waiting and is retried with
// backoff; a job is marked printed as soon as the printer has taken all of it, and is never sent again after.
// "Taken" means every byte was written and, when the printer answers status requests, the answer to a request
// sent after the job came back (the link keeps order, so the printer had the whole job). A link lost before
// that may have cut the job short, so the job is sent again whole.
import { randomUUID } from 'node:crypto';
import { MemoryPrintJobStore, type PrintJob, type PrintJobStore } from './print-job-store.js';
import { PrinterFailure, toPrinterError, type PrinterError, type PrinterErrorCode } from './printer-errors.js';
import { blockingCondition, queryPrinterStatus, type PrinterStatus } from './printer-status.js';
import type { PrinterTransport } from './transport.js';

export type PrinterState = 'idle' | 'connecting' | 'connected' | 'printing' | 'paperOut' | 'coverOpen' | 'offline' | 'error' | 'closed';

export type PrintQueueEvent =
  | { type: 'queued'; jobId: string; pending: number }
  | { type: 'connected'; printer: string }
  | { type: 'printing'; jobId: string; attempt: number }
  | { type: 'printed'; jobId: string; attempts: number }
  /** Paper out: a waiting job is held (`retryInMs` set), or the job just taken finishes once paper is loaded. */
  | { type: 'paperOut'; jobId: string; retryInMs: number | null }
  | { type: 'coverOpen'; jobId: string; retryInMs: number }
  | { type: 'paperNearEnd' }
  | { type: 'offline'; jobId: string; error: PrinterError; retryInMs: number }
  | { type: 'error'; jobId?: string; error: PrinterError; retryInMs: number | null }
  | { type: 'idle' };

export type Backoff = { initialMs: number; factor: number; maxMs: number };

export type PrintQueueOptions = {
  transport: PrinterTransport;
  store?: PrintJobStore;
  backoff?: Partial<Backoff>;
  /** Ask DLE EOT status before and after each job (default true); printers that never answer cost one timeout. */
  statusQueries?: boolean;
  /** Wait for each status answer before the job (default 500 ms). */
  statusTimeoutMs?: number;
  /** Wait for the status answer after the job; the printer may still be busy taking it in (default 5 s). */
  confirmTimeoutMs?: number;
  now?: () => number;
  newId?: () => string;
};

export type QueueResult<T> = { ok: true; value: T } | { ok: false; error: PrinterError };

const defaultBackoff: Backoff = { initialMs: 1000, factor: 2, maxMs: 30_000 };

/** The wait before retry number `failures` (1-based): initial, then multiplied by the factor up to the cap. */
export function backoffDelay(backoff: Backoff, failures: number): number {
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** Math.max(0, failures - 1)));
}

type Condition = 'paperOut' | 'coverOpen' | 'error' | 'offline';
const conditionCode: Record<Condition, PrinterErrorCode> = {
  paperOut: 'printer.paperOut',
  coverOpen: 'printer.coverOpen',
  error: 'printer.printerError',
  offline: 'printer.offline',
};
const conditionMessage: Record<Condition, string> = {
  paperOut: 'The printer is out of paper.',
  coverOpen: 'The printer cover is open.',
  error: 'The printer reports an error (cutter jam or mechanism fault).',
  offline: 'The printer is offline.',
};

export class PrintQueue {
  private readonly transport: PrinterTransport;
  private readonly store: PrintJobStore;
  private readonly backoff: Backoff;
  private readonly statusQueries: boolean;
  private readonly statusTimeoutMs: number;
  private readonly confirmTimeoutMs: number;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly listeners = new Set<(event: PrintQueueEvent) => void>();
  // Jobs the printer took whose "printed" mark the store failed to record: never sent again by this process.
  private readonly delivered = new Set<string>();
  private current: PrinterState = 'idle';
  private lastStatus: PrinterStatus | null = null;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private wanted = false;
  private draining = false;
  private closed = false;
  private chain: Promise<unknown> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];
  private idleAnnounced = true;

  constructor(options: PrintQueueOptions) {
    this.transport = options.transport;
    this.store = options.store ?? new MemoryPrintJobStore();
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.statusQueries = options.statusQueries ?? true;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 500;
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  get state(): PrinterState {
    return this.current;
  }

  /** The last status the printer answered, if it answered any. */
  get status(): PrinterStatus | null {
    return this.lastStatus;
  }

  /** Subscribes to queue events; returns the function that unsubscribes. */
  on(listener: (event: PrintQueueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a job and starts printing. A job id already known (pending or printed) is not queued again. */
  async enqueue(bytes: Uint8Array, options: { id?: string; label?: string } = {}): Promise<QueueResult<{ jobId: string; accepted: boolean }>> {
    if (this.closed) return { ok: false, error: { code: 'printer.queueClosed', message: 'The print queue is closed.' } };
    const id = options.id ?? this.newId();
    try {
      const accepted = await this.store.add({
        id,
        bytes: Uint8Array.from(bytes),
        label: options.label ?? id,
        createdAt: this.now(),
        attempts: 0,
      });
      if (accepted) {
        this.idleAnnounced = false;
        this.emit({ type: 'queued', jobId: id, pending: (await this.store.pending()).length });
      }
      this.kick();
      return { ok: true, value: { jobId: id, accepted } };
    } catch (error: unknown) {
      return { ok: false, error: toPrinterError(error, 'printer.storeFailed') };
    }
  }

  async pendingJobs(): Promise<PrintJob[]> {
    return this.store.pending();
  }

  /** Cancels a waiting job; a job already being sent cannot be cancelled. */
  async cancel(jobId: string): Promise<boolean> {
    return this.exclusive(async () => this.store.remove(jobId));
  }

  /** Starts sending the jobs a persistent store kept from before a restart. */
  start(): void {
    this.kick();
  }

  /** Skips the rest of the backoff wait: the cashier loaded paper or switched the printer on. */
  retryNow(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.kick();
  }

  /** Resolves once no job is waiting. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.kick();
    });
  }

  /** Asks the printer for its status now (outside a job), e.g. for the terminal's device screen. */
  async checkStatus(): Promise<QueueResult<PrinterStatus>> {
    return this.exclusive(async () => {
      const wasOpen = this.transport.isOpen;
      try {
        if (!wasOpen) await this.transport.open();
        const status = await queryPrinterStatus(this.transport, this.statusTimeoutMs);
        if (status.answered) {
          this.lastStatus = status;
          if (!this.draining) this.setState(blockingCondition(status) ?? 'idle');
        }
        return { ok: true, value: status } as const;
      } catch (error: unknown) {
        if (!this.draining) this.setState('offline');
        return { ok: false, error: toPrinterError(error, 'printer.linkLost') } as const;
      } finally {
        if (!wasOpen && !this.draining) await this.transport.close();
      }
    });
  }

  /** Stops retrying and closes the link once the job being sent (if any) is done. Waiting jobs stay in the store. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.exclusive(async () => this.transport.close());
    this.setState('closed');
  }

  private emit(event: PrintQueueEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener (a closed window) must not stop receipts from printing.
      }
    }
  }

  private setState(state: PrinterState): void {
    this.current = state;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private kick(): void {
    this.wanted = true;
    if (this.draining || this.retryTimer || this.closed) return;
    this.draining = true;
    void this.exclusive(async () => {
      while (this.wanted && !this.closed && !this.retryTimer) {
        this.wanted = false;
        await this.drain();
      }
    }).finally(() => {
      this.draining = false;
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      let jobs: PrintJob[];
      try {
        jobs = await this.store.pending();
      } catch (error: unknown) {
        this.scheduleRetry();
        this.emit({ type: 'error', error: toPrinterError(error, 'printer.storeFailed'), retryInMs: this.retryDelay() });
        return;
      }
      const job = jobs[0];
      if (!job) {
        await this.transport.close();
        if (this.current !== 'paperOut') this.setState('idle');
        // Announced once per emptying of the queue, however often it is found empty.
        if (!this.idleAnnounced) this.emit({ type: 'idle' });
        this.idleAnnounced = true;
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
        return;
      }
      if (!(await this.printOne(job))) return;
    }
  }

  private retryDelay(): number {
    return backoffDelay(this.backoff, Math.max(1, this.failures));
  }

  private scheduleRetry(): void {
    this.failures += 1;
    const delay = backoffDelay(this.backoff, this.failures);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
  }

  /** Sends one job; true when the printer took it, false when it waits for a retry. */
  private async printOne(job: PrintJob): Promise<boolean> {
    if (this.delivered.has(job.id)) return this.recordPrinted(job, null);
    let after: PrinterStatus | null = null;
    try {
      if (!this.transport.isOpen) {
        this.setState('connecting');
        await this.transport.open();
        this.setState('connected');
        this.emit({ type: 'connected', printer: this.transport.description });
      }
      let answers = false;
      if (this.statusQueries) {
        const before = await queryPrinterStatus(this.transport, this.statusTimeoutMs);
        answers = before.answered;
        if (before.answered) this.lastStatus = before;
        const blocking = blockingCondition(before);
        if (blocking) {
          return await this.fail(job, blocking, new PrinterFailure(conditionCode[blocking], conditionMessage[blocking], { status: before.raw }));
        }
        if (before.paperNearEnd) this.emit({ type: 'paperNearEnd' });
      }
      this.setState('printing');
      this.idleAnnounced = false;
      this.emit({ type: 'printing', jobId: job.id, attempt: job.attempts + 1 });
      await this.transport.write(job.bytes);
      if (answers) {
        after = await queryPrinterStatus(this.transport, this.confirmTimeoutMs);
        if (after.answered) this.lastStatus = after;
      }
    } catch (error: unknown) {
      return this.fail(job, 'offline', error);
    }
    this.delivered.add(job.id);
    return this.recordPrinted(job, after);
  }

  private async recordPrinted(job: PrintJob, after: PrinterStatus | null): Promise<boolean> {
    try {
      await this.store.markPrinted(job.id, this.now());
      this.delivered.delete(job.id);
    } catch (error: unknown) {
      // The printer has the job: it must not be sent again, so only the bookkeeping is retried.
      this.scheduleRetry();
      this.emit({ type: 'error', jobId: job.id, error: toPrinterError(error, 'printer.storeFailed'), retryInMs: this.retryDelay() });
      return false;
    }
    this.failures = 0;
    this.setState('connected');
    this.emit({ type: 'printed', jobId: job.id, attempts: job.attempts + 1 });
    if (after?.paperOut) {
      // The printer holds the rest of this job and finishes it once paper is loaded; the cashier must know now.
      this.setState('paperOut');
      this.emit({ type: 'paperOut', jobId: job.id, retryInMs: null });
    } else if (after?.paperNearEnd) {
      this.emit({ type: 'paperNearEnd' });
    }
    return true;
  }

  private async fail(job: PrintJob, condition: Condition, cause: unknown): Promise<false> {
    const error = toPrinterError(cause, condition === 'offline' ? 'printer.linkLost' : conditionCode[condition]);
    try {
      await this.store.recordFailure(job.id, error, this.now());
    } catch {
      // The attempt count is for display; the job itself is still pending and will be retried.
    }
    await this.transport.close();
    this.scheduleRetry();
    const retryInMs = this.retryDelay();
    this.setState(condition);
    switch (condition) {
      case 'paperOut':
        this.emit({ type: 'paperOut', jobId: job.id, retryInMs });
        break;
      case 'coverOpen':
        this.emit({ type: 'coverOpen', jobId: job.id, retryInMs });
        break;
      case 'error':
        this.emit({ type: 'error', jobId: job.id, error, retryInMs });
        break;
      case 'offline':
        this.emit({ type: 'offline', jobId: job.id, error, retryInMs });
        break;
    }
    return false;
  }
}
