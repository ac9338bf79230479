// The print worker of one terminal: a native print queue per configured printer over the SQLite job store, kept in
// step with the printer settings, reporting each printer's state to the UI as change notices. It starts with the
// core (`startPrinting`) and queues, at start-up, any receipt a sale missed.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  createSerialTransport,
  createTcpTransport,
  PrintQueue,
  type Backoff,
  type PrinterError,
  type PrinterTransport,
  type PrintQueueEvent,
} from '@mortar/native';
import type { Core } from '../core.js';
import type { ChangeNotice, PrinterConnectionSettings, PrinterLiveState, PrinterStatusView } from '../contract.js';
import { cryptoRandom, uuidv7Generator } from '../kernel/ids.js';
import { readTerminal } from '../setup/terminal-store.js';
import { printersStore, printJobsStore, type PrinterRow } from './printing-store.js';
import { queueMissingReceipts } from './queue-receipt.js';
import { SqlitePrintJobStore } from './sqlite-job-store.js';
import { createUsbLpTransport } from './usb-lp-transport.js';

export type PrintingServiceOptions = {
  db: Database;
  now?: () => number;
  newId: () => string;
  /** Tells open screens that a printer's state or the queue changed. */
  notify?: (notice: ChangeNotice) => void;
  log?: (message: string, error?: unknown) => void;
  backoff?: Partial<Backoff>;
  /** Ask an idle printer for its status this often, so "offline" shows before the next sale (0: never). */
  pollMs?: number;
  connectTimeoutMs?: number;
  statusTimeoutMs?: number;
  /** A transport of one's own for a printer (tests); by default one is made from its connection. */
  transportFor?: (connection: PrinterConnectionSettings) => PrinterTransport;
};

type Worker = {
  row: PrinterRow;
  queue: PrintQueue;
  lastError: PrinterError | null;
  reachable: boolean | null;
  unsubscribe: () => void;
};

const services = new WeakMap<Database, PrintingService>();

/** The worker running for this store, if any (the status and retry operations ask it). */
export function printingServiceFor(db: Database): PrintingService | null {
  return services.get(db) ?? null;
}

function transportOf(connection: PrinterConnectionSettings, connectTimeoutMs: number | undefined): PrinterTransport {
  const timeout = connectTimeoutMs !== undefined ? { connectTimeoutMs } : {};
  switch (connection.kind) {
    case 'tcp':
      return createTcpTransport({ host: connection.host, port: connection.port, ...timeout });
    case 'serial':
      return createSerialTransport({
        path: connection.path,
        baudRate: connection.baudRate,
        ...(connectTimeoutMs !== undefined ? { openTimeoutMs: connectTimeoutMs } : {}),
      });
    case 'usb':
      return createUsbLpTransport(connection.path);
  }
}

export class PrintingService {
  private readonly workers = new Map<string, Worker>();
  private readonly now: () => number;
  private pollTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly o: PrintingServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Registers the worker for its store, queues receipts sales missed, and starts every printer's queue. */
  start(): void {
    services.set(this.o.db, this);
    try {
      const missed = queueMissingReceipts(this.o.db, this.now(), this.o.newId);
      if (missed > 0) this.o.log?.(`queued ${missed} receipt(s) that sales had missed`);
    } catch (e: unknown) {
      this.o.log?.('the scan for missed receipts failed', e);
    }
    this.sync();
    const pollMs = this.o.pollMs ?? 15_000;
    if (pollMs > 0) {
      this.pollTimer = setInterval(() => void this.poll(), pollMs);
      this.pollTimer.unref();
    }
  }

  /** Brings the queues in line with the printer settings (added, changed, removed printers) and kicks them. */
  sync(): void {
    if (this.stopped) return;
    const terminal = readTerminal(this.o.db);
    const rows = terminal ? printersStore(this.o.db).all(terminal.deviceId) : [];
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      const existing = this.workers.get(row.id);
      if (existing && existing.row.updated_at === row.updated_at) {
        existing.queue.start();
        continue;
      }
      if (existing) this.retire(existing);
      this.workers.set(row.id, this.spawn(row));
    }
    for (const [id, worker] of this.workers) {
      if (!seen.has(id)) {
        this.retire(worker);
        this.workers.delete(id);
      }
    }
  }

  /** Skips the backoff wait of every queue; answers how many jobs are waiting. */
  retryNow(): number {
    for (const w of this.workers.values()) w.queue.retryNow();
    return this.waitingCount();
  }

  /** Resolves once no job waits for any printer that is up (tests, shutting down cleanly). */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.queue.whenIdle()));
  }

  status(printerId: string): Omit<PrinterStatusView, 'id' | 'name' | 'isReceiptPrinter' | 'queueLength'> {
    const w = this.workers.get(printerId);
    if (!w) return { state: 'stopped', connected: false, offline: false, paperOut: false, lastError: null };
    const native = w.queue.state;
    const state: PrinterLiveState = native === 'closed' ? 'stopped' : native;
    const paperOut = state === 'paperOut' || w.queue.status?.paperOut === true;
    const offline = state === 'offline' || (state === 'idle' && w.reachable === false);
    return {
      state,
      connected: !offline && w.reachable === true && state !== 'error',
      offline,
      paperOut,
      lastError: w.lastError ? { code: w.lastError.code, message: w.lastError.message } : null,
    };
  }

  /** Stops every queue; waiting jobs stay in the store for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    const closing = [...this.workers.values()].map((w) => {
      w.unsubscribe();
      return w.queue.close();
    });
    this.workers.clear();
    if (services.get(this.o.db) === this) services.delete(this.o.db);
    await Promise.all(closing);
  }

  private waitingCount(): number {
    const terminal = readTerminal(this.o.db);
    if (!terminal) return 0;
    return printJobsStore(this.o.db)
      .countWaiting(terminal.deviceId)
      .reduce((n, r) => n + r.n, 0);
  }

  private spawn(row: PrinterRow): Worker {
    const connection = JSON.parse(row.connection) as PrinterConnectionSettings;
    const store = new SqlitePrintJobStore(this.o.db, row.id);
    const queue = new PrintQueue({
      transport: this.o.transportFor?.(connection) ?? transportOf(connection, this.o.connectTimeoutMs),
      store,
      // A USB device file gives no status replies: a completed write counts as taken.
      statusQueries: connection.kind !== 'usb',
      now: this.now,
      ...(this.o.backoff ? { backoff: this.o.backoff } : {}),
      ...(this.o.statusTimeoutMs !== undefined ? { statusTimeoutMs: this.o.statusTimeoutMs } : {}),
    });
    const worker: Worker = { row, queue, lastError: null, reachable: null, unsubscribe: () => undefined };
    worker.unsubscribe = queue.on((event) => this.onEvent(worker, store, event));
    queue.start();
    return worker;
  }

  private retire(worker: Worker): void {
    worker.unsubscribe();
    void worker.queue.close().catch((e: unknown) => this.o.log?.('closing a print queue failed', e));
  }

  private onEvent(worker: Worker, store: SqlitePrintJobStore, event: PrintQueueEvent): void {
    try {
      switch (event.type) {
        case 'printing':
          store.markPrinting(event.jobId, this.now());
          worker.reachable = true;
          break;
        case 'connected':
          worker.reachable = true;
          break;
        case 'printed':
          worker.lastError = null;
          worker.reachable = true;
          break;
        case 'offline':
          worker.reachable = false;
          worker.lastError = event.error;
          break;
        case 'paperOut':
          worker.lastError = { code: 'printer.paperOut', message: 'The printer is out of paper.' };
          break;
        case 'coverOpen':
          worker.lastError = { code: 'printer.coverOpen', message: 'The printer cover is open.' };
          break;
        case 'error':
          worker.lastError = event.error;
          break;
        case 'queued':
        case 'paperNearEnd':
        case 'idle':
          break;
      }
    } catch (e: unknown) {
      this.o.log?.('recording a print event failed', e);
    }
    this.o.notify?.({ topics: ['printing'], op: 'printing.status' });
  }

  /** Asks idle printers for their status; a change of reachability is told to the screens. */
  private async poll(): Promise<void> {
    for (const w of this.workers.values()) {
      if (this.stopped || w.queue.state !== 'idle') continue;
      const before = `${String(w.reachable)}:${w.queue.status?.paperOut === true}`;
      const result = await w.queue.checkStatus();
      w.reachable = result.ok;
      if (!result.ok) w.lastError = result.error;
      else if (w.lastError?.code === 'printer.connectFailed' || w.lastError?.code === 'printer.linkLost') w.lastError = null;
      if (`${String(w.reachable)}:${w.queue.status?.paperOut === true}` !== before) {
        this.o.notify?.({ topics: ['printing'], op: 'printing.status' });
      }
    }
  }
}

export type StartPrintingOptions = Omit<PrintingServiceOptions, 'db' | 'notify' | 'newId' | 'now'> & { newId?: () => string };

/**
 * Starts the print worker beside a core and answers the core with it: the same core, whose change notices also
 * carry the printers' state, and whose close stops the worker first. The smallest hook for whatever starts a core.
 */
export function startPrinting(core: Core, options: StartPrintingOptions = {}): Core & { printing: PrintingService } {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  const ids = uuidv7Generator(core.clock, cryptoRandom);
  const service = new PrintingService({
    ...options,
    db: core.db,
    now: () => core.clock.now(),
    newId: options.newId ?? (() => ids.next()),
    notify: (notice) => {
      for (const l of listeners) {
        try {
          l(notice);
        } catch (e: unknown) {
          options.log?.('a change listener failed', e);
        }
      }
    },
  });
  const unsubscribeCore = core.subscribe((notice) => {
    if (notice.topics.includes('printing') || notice.op === 'sales.completeSale' || notice.op === 'shifts.closeShift') service.sync();
  });
  service.start();
  return {
    ...core,
    printing: service,
    subscribe(listener) {
      listeners.add(listener);
      const off = core.subscribe(listener);
      return () => {
        listeners.delete(listener);
        off();
      };
    },
    close() {
      unsubscribeCore();
      void service.stop();
      core.close();
    },
  };
}
