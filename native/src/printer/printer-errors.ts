// Printer failures cross into the core and the UI as data with stable codes, which the UI maps to words in the
// cashier's language; inside the driver they travel as one Error subclass carrying that data.

export const printerErrorCodes = [
  'printer.connectFailed',
  'printer.connectTimeout',
  'printer.linkLost',
  'printer.writeFailed',
  'printer.notOpen',
  'printer.paperOut',
  'printer.coverOpen',
  'printer.offline',
  'printer.printerError',
  'printer.invalidConfig',
  'printer.storeFailed',
  'printer.queueClosed',
  'printer.noDrawer',
] as const;
export type PrinterErrorCode = (typeof printerErrorCodes)[number];

export type PrinterError = { code: PrinterErrorCode; message: string; details?: Record<string, unknown> };

export class PrinterFailure extends Error {
  readonly error: PrinterError;
  constructor(code: PrinterErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'PrinterFailure';
    this.error = details ? { code, message, details } : { code, message };
  }
}

/** Any thrown value as printer error data; a failure we did not classify is reported under `fallback`. */
export function toPrinterError(error: unknown, fallback: PrinterErrorCode): PrinterError {
  if (error instanceof PrinterFailure) return error.error;
  if (error instanceof Error) {
    const sysCode = (error as { code?: unknown }).code;
    return { code: fallback, message: error.message, ...(typeof sysCode === 'string' ? { details: { cause: sysCode } } : {}) };
  }
  return { code: fallback, message: String(error) };
}
