// Rule: a scanner that goes away (USB-serial adapter or HID scanner unplugged, port busy) is retried by itself,
// waiting longer after each failure up to a cap, so a till recovers without anyone touching it and a missing
// device does not spin the CPU.

export type ScannerBackoff = { initialMs: number; factor: number; maxMs: number };

export const defaultScannerBackoff: ScannerBackoff = { initialMs: 250, factor: 2, maxMs: 5000 };

/** The wait before retry number `failures` (1-based): the initial wait, multiplied by the factor, capped. */
export function scannerRetryDelay(backoff: ScannerBackoff, failures: number): number {
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** Math.max(0, failures - 1)));
}

export function resolveBackoff(partial: Partial<ScannerBackoff> | undefined): ScannerBackoff {
  return { ...defaultScannerBackoff, ...partial };
}
