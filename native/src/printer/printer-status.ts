// Real-time status (DLE EOT n) of an ESC/POS printer: the printer answers one byte per request even while it is
// offline, which is how the till learns "paper out" or "cover open" before it sends a receipt into the void.
import { PrinterFailure } from './printer-errors.js';
import type { PrinterTransport } from './transport.js';

export type PrinterStatus = {
  /** False when the printer did not answer; every other field is then unknown and reported as all clear. */
  answered: boolean;
  online: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** A cutter jam, an unrecoverable or an auto-recoverable error. */
  error: boolean;
  /** The drawer kick-out connector's pin 3 is high; whether that means open or closed depends on the drawer. */
  drawerPin3High: boolean;
  /** The status bytes as received, for diagnostics. */
  raw: { printer?: number; offlineCause?: number; errorCause?: number; paperSensor?: number };
};

const DLE = 0x10;
const EOT = 0x04;

/** Every DLE EOT reply has bit 1 and bit 4 set and bits 0 and 7 clear; anything else is not a status byte. */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** Interprets the replies to DLE EOT 1 (printer), 2 (offline cause), 3 (error cause) and 4 (roll paper sensor). */
export function interpretStatus(raw: PrinterStatus['raw']): PrinterStatus {
  const { printer, offlineCause, errorCause, paperSensor } = raw;
  const bit = (value: number | undefined, mask: number): boolean => value !== undefined && (value & mask) !== 0;
  const answered = [printer, offlineCause, errorCause, paperSensor].some((v) => v !== undefined);
  return {
    answered,
    online: !bit(printer, 0x08),
    // Paper end stopped printing (DLE EOT 2 bit 5) or the roll sensor reads paper end (DLE EOT 4 bits 5-6).
    paperOut: bit(offlineCause, 0x20) || bit(paperSensor, 0x60),
    paperNearEnd: bit(paperSensor, 0x0c),
    coverOpen: bit(offlineCause, 0x04),
    error: bit(offlineCause, 0x40) || bit(errorCause, 0x68),
    drawerPin3High: bit(printer, 0x04),
    raw,
  };
}

async function ask(transport: PrinterTransport, n: 1 | 2 | 3 | 4, timeoutMs: number): Promise<number | undefined> {
  const reply = await transport.request(Uint8Array.of(DLE, EOT, n), 1, timeoutMs);
  const b = reply?.[0];
  return b !== undefined && isStatusByte(b) ? b : undefined;
}

/**
 * Asks DLE EOT 1, 2 and 4 (and 3 when an error is flagged). A printer that does not answer the first request is
 * not asked again. Rejects (PrinterFailure printer.linkLost) only when the link itself fails.
 */
export async function queryPrinterStatus(transport: PrinterTransport, timeoutMs = 500): Promise<PrinterStatus> {
  if (!transport.isOpen) throw new PrinterFailure('printer.notOpen', `The link to ${transport.description} is not open.`);
  const printer = await ask(transport, 1, timeoutMs);
  if (printer === undefined) return interpretStatus({});
  const offlineCause = await ask(transport, 2, timeoutMs);
  const errorCause = offlineCause !== undefined && offlineCause & 0x40 ? await ask(transport, 3, timeoutMs) : undefined;
  const paperSensor = await ask(transport, 4, timeoutMs);
  return interpretStatus({
    printer,
    ...(offlineCause !== undefined ? { offlineCause } : {}),
    ...(errorCause !== undefined ? { errorCause } : {}),
    ...(paperSensor !== undefined ? { paperSensor } : {}),
  });
}

/** The condition that stops a job from being sent, if any. */
export function blockingCondition(status: PrinterStatus): 'paperOut' | 'coverOpen' | 'error' | 'offline' | null {
  if (!status.answered) return null;
  if (status.paperOut) return 'paperOut';
  if (status.coverOpen) return 'coverOpen';
  if (status.error) return 'error';
  if (!status.online) return 'offline';
  return null;
}
