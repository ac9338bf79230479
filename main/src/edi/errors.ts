// Errors leave this module as data (CONVENTIONS.md 5): every exported operation returns an EdiResult and
// never throws for bad input. Inside, an EdiFailure is thrown at the first fault and turned into data at the
// boundary, so that nothing half-parsed ever escapes.
import type { EdiError, EdiErrorCode, EdiErrorDetails, EdiResult } from './contract.js';

export class EdiFailure extends Error {
  constructor(
    readonly code: EdiErrorCode,
    message: string,
    readonly details: EdiErrorDetails,
  ) {
    super(message);
    this.name = 'EdiFailure';
  }

  toError(): EdiError {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function fail(code: EdiErrorCode, message: string, details: EdiErrorDetails = {}): never {
  throw new EdiFailure(code, message, details);
}

/** Runs a step and turns an EdiFailure into `{ ok: false }`; anything else is a bug and rethrows. */
export function attempt<T>(step: () => T): EdiResult<T> {
  try {
    return { ok: true, value: step() };
  } catch (caught: unknown) {
    if (caught instanceof EdiFailure) return { ok: false, error: caught.toError() };
    throw caught;
  }
}

/** Where a segment stands: its 1-based number in the interchange (ISA is 1) and its 1-based line. */
export type SegmentLocation = { segment: number; line: number; segmentId: string };

export function at(location: SegmentLocation, extra: EdiErrorDetails = {}): EdiErrorDetails {
  return { segment: location.segment, line: location.line, segmentId: location.segmentId, ...extra };
}

/** `segment 12 (PO1), line 12`: how every message names a place in the file. */
export function where(location: SegmentLocation): string {
  return `segment ${location.segment} (${location.segmentId}), line ${location.line}`;
}

/** Shows a value with control characters made visible, cut short, for a message. */
export function show(value: string): string {
  let visible = '';
  for (const ch of value) {
    visible += isControlCharacter(ch) ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch;
  }
  return visible.length > 40 ? `"${visible.slice(0, 40)}…"` : `"${visible}"`;
}

/** C0 controls and DEL: never data in X12 text, though a file may use one as a separator. */
export function isControlCharacter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

export function hasControlCharacter(value: string): boolean {
  for (const ch of value) if (isControlCharacter(ch)) return true;
  return false;
}
