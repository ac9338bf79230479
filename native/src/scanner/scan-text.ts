// Turns a framed scan's bytes into the scan's text without losing a byte: UTF-8 when the bytes are UTF-8 (QR
// and Data Matrix text may be), else one character per byte (Latin-1), so GS and any other control byte stay.
import { leadingSymbologyId } from './symbology-id.js';
import type { ScanEvent, ScanSource } from './scan-event.js';

export type ScanEncoding = 'utf8' | 'latin1';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function bytesToScanText(bytes: Uint8Array, encoding: ScanEncoding): string {
  if (encoding === 'utf8') {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      // Not UTF-8: fall through to the byte-for-byte reading rather than inventing replacement characters.
    }
  }
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return text;
}

export type ScanTextOptions = { symbologyIds: boolean };

/** Builds the scan event; `transmittedId` is an identifier sent outside the data (HID POS symbology bytes). */
export function makeScan(
  source: ScanSource,
  deviceId: string,
  text: string,
  options: ScanTextOptions,
  receivedAt: number,
  transmittedId: string | null = null,
): ScanEvent {
  if (!options.symbologyIds) return { source, deviceId, raw: text, symbologyId: null, receivedAt };
  if (transmittedId !== null) {
    // The identifier came beside the data: put it in front so `raw` reads the same as from a serial scanner,
    // unless the scanner was also set to put it into the data.
    const raw = text.startsWith(transmittedId) ? text : transmittedId + text;
    return { source, deviceId, raw, symbologyId: transmittedId, receivedAt };
  }
  return { source, deviceId, raw: text, symbologyId: leadingSymbologyId(text), receivedAt };
}
