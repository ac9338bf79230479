// The receipt printer's public surface: configuration, transports (TCP, serial), the print queue with its
// events, and the receipt printer the checkout drives. USB printers are not supported yet.
export {
  parsePrinterConfig,
  printerColumns,
  printerConfigSchema,
  printerConnectionSchema,
  type PrinterConfig,
  type PrinterConnection,
} from './printer-config.js';
export { PrinterFailure, printerErrorCodes, toPrinterError, type PrinterError, type PrinterErrorCode } from './printer-errors.js';
export { blockingCondition, interpretStatus, queryPrinterStatus, type PrinterStatus } from './printer-status.js';
export type { PrinterTransport } from './transport.js';
export { createTcpTransport, type TcpTransportOptions } from './tcp-transport.js';
export { createSerialTransport, type SerialTransportOptions } from './serial-transport.js';
export { MemoryPrintJobStore, type PrintJob, type PrintJobStore } from './print-job-store.js';
export {
  backoffDelay,
  PrintQueue,
  type Backoff,
  type PrinterState,
  type PrintQueueEvent,
  type PrintQueueOptions,
  type QueueResult,
} from './print-queue.js';
export {
  createPrinterTransport,
  createReceiptPrinter,
  renderReceiptForPrinter,
  type ReceiptPrinter,
  type ReceiptPrinterOptions,
  type TransportTimeouts,
} from './receipt-printer.js';
export { FakeNetworkPrinter, type FakeConnection, type FakePrinterState } from './fake-network-printer.js';
