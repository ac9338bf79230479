// The entry point the checkout uses: one receipt printer per terminal, built from its configuration, that takes
// receipt models and drawer openings and reports its state as events.
import { renderDrawerKick, renderEscPos } from '../receipt/render-escpos.js';
import type { ReceiptModel } from '../receipt/receipt-model.js';
import { PrintQueue, type PrintQueueOptions, type QueueResult } from './print-queue.js';
import type { PrintJobStore } from './print-job-store.js';
import { printerColumns, type PrinterConfig, type PrinterConnection } from './printer-config.js';
import type { PrinterStatus } from './printer-status.js';
import { createSerialTransport } from './serial-transport.js';
import { createTcpTransport } from './tcp-transport.js';
import type { PrinterTransport } from './transport.js';

export type TransportTimeouts = { connectTimeoutMs?: number };

export function createPrinterTransport(connection: PrinterConnection, timeouts: TransportTimeouts = {}): PrinterTransport {
  switch (connection.kind) {
    case 'tcp':
      return createTcpTransport({
        host: connection.host,
        port: connection.port,
        ...(timeouts.connectTimeoutMs !== undefined ? { connectTimeoutMs: timeouts.connectTimeoutMs } : {}),
      });
    case 'serial':
      return createSerialTransport({
        path: connection.path,
        baudRate: connection.baudRate,
        ...(connection.rtscts !== undefined ? { rtscts: connection.rtscts } : {}),
        ...(timeouts.connectTimeoutMs !== undefined ? { openTimeoutMs: timeouts.connectTimeoutMs } : {}),
      });
  }
}

/**
 * The ESC/POS bytes of a receipt for this printer: its columns, code table and paper width (which win over the
 * model's), its cutter, and a drawer kick only when asked for and a drawer is attached.
 */
export function renderReceiptForPrinter(model: ReceiptModel, config: PrinterConfig, options: { openDrawer?: boolean } = {}): Uint8Array {
  const kick = options.openDrawer === true && config.drawer.attached;
  return renderEscPos(
    { ...model, paperWidthMm: config.paperWidthMm },
    {
      columns: printerColumns(config),
      codepage: config.codepage,
      cut: config.cutter ? 'partial' : 'none',
      ...(kick ? { openDrawer: { pin: config.drawer.pin ?? 2 } } : {}),
    },
  );
}

export type ReceiptPrinterOptions = TransportTimeouts &
  Omit<PrintQueueOptions, 'transport' | 'statusQueries'> & {
    store?: PrintJobStore;
    /** A transport of one's own (tests, a future USB link); by default one is made from the configuration. */
    transport?: PrinterTransport;
  };

export type ReceiptPrinter = {
  readonly config: PrinterConfig;
  readonly queue: PrintQueue;
  /** Queues a receipt. `jobId` (the sale's id, say) makes a repeated call harmless: it is printed once. */
  printReceipt(model: ReceiptModel, options?: { openDrawer?: boolean; jobId?: string }): Promise<QueueResult<{ jobId: string; accepted: boolean }>>;
  /** Opens the cash drawer without a receipt ("no sale"); printer.noDrawer when none is attached. */
  openDrawer(options?: { jobId?: string }): Promise<QueueResult<{ jobId: string; accepted: boolean }>>;
  checkStatus(): Promise<QueueResult<PrinterStatus>>;
  close(): Promise<void>;
};

export function createReceiptPrinter(config: PrinterConfig, options: ReceiptPrinterOptions = {}): ReceiptPrinter {
  const { connectTimeoutMs, transport, ...queueOptions } = options;
  const queue = new PrintQueue({
    ...queueOptions,
    transport:
      transport ?? createPrinterTransport(config.connection, connectTimeoutMs !== undefined ? { connectTimeoutMs } : {}),
    statusQueries: config.statusQueries ?? true,
  });
  return {
    config,
    queue,
    printReceipt(model, opts = {}) {
      const bytes = renderReceiptForPrinter(model, config, opts.openDrawer !== undefined ? { openDrawer: opts.openDrawer } : {});
      const label = `${model.marker ? `${model.marker} ` : ''}${model.receiptNumber}`;
      return queue.enqueue(bytes, { label, ...(opts.jobId !== undefined ? { id: opts.jobId } : {}) });
    },
    async openDrawer(opts = {}) {
      if (!config.drawer.attached) {
        return { ok: false, error: { code: 'printer.noDrawer', message: 'No cash drawer is attached to this printer.' } };
      }
      const bytes = renderDrawerKick({ pin: config.drawer.pin ?? 2 });
      return queue.enqueue(bytes, { label: 'drawer', ...(opts.jobId !== undefined ? { id: opts.jobId } : {}) });
    },
    checkStatus: () => queue.checkStatus(),
    close: () => queue.close(),
  };
}
