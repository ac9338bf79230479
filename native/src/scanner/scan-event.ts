// The one shape every scanner delivers, whatever carried it (serial port, HID POS report, keyboard burst), so the
// checkout handles scans without knowing their source. Types only: the renderer-side wedge detector shares them.

export type ScanSource = 'serial' | 'hid' | 'keyboard';

/**
 * One scan. `raw` is the data as the scanner sent it, GS (ASCII 29) kept, with the framing taken off (the
 * configured prefix and the suffix); when the scanner sends an AIM/ISO 15424 symbology identifier (`]d2`), `raw`
 * starts with it and `symbologyId` repeats it, so `raw` can go to the core's scan parser unchanged.
 */
export type ScanEvent = {
  source: ScanSource;
  /** The configured scanner's id (the hub's config `id`, or the one derived from its path / USB ids). */
  deviceId: string;
  raw: string;
  symbologyId: string | null;
  /** UTC milliseconds when the scan was complete. */
  receivedAt: number;
};

export const scannerErrorCodes = [
  'scanner.invalidConfig',
  'scanner.duplicateId',
  'scanner.openFailed',
  'scanner.openTimeout',
  'scanner.portLost',
  'scanner.notFound',
  'scanner.hidUnavailable',
  'scanner.listFailed',
  'scanner.badReport',
  'scanner.scanTooLong',
  'scanner.incompleteScan',
  'scanner.hubClosed',
] as const;
export type ScannerErrorCode = (typeof scannerErrorCodes)[number];

export type ScannerError = { code: ScannerErrorCode; message: string; details?: Record<string, unknown> };

export type ScannerResult<T> = { ok: true; value: T } | { ok: false; error: ScannerError };

/**
 * A scanner's link state. `retryInMs` says when the driver tries again by itself; null means it will not
 * (the configuration cannot work, or the driver was stopped).
 */
export type ScannerState =
  | { status: 'stopped' }
  | { status: 'connecting'; attempt: number }
  | { status: 'connected'; device: string }
  | { status: 'disconnected'; reason: ScannerError; retryInMs: number }
  | { status: 'error'; error: ScannerError; retryInMs: number | null };

export type ScannerStatus = ScannerState['status'];

/** Bytes a driver had to drop: a scan cut short by an unplug, one longer than allowed, a report it cannot read. */
export type ScanDiscard = { deviceId: string; error: ScannerError; bytes: number; at: number };
