// Reads the input reports of a USB HID POS barcode scanner (usage page 0x8C, HID Point of Sale Usage Tables)
// into scans. Two layouts occur:
//  - 'posScannedData', the scanned data report: [report id] [data length] [3 symbology identifier bytes]
//    [decoded data, zero padded] [2 vendor bytes] [flags, bit 0 = "decoded data continued"]. In the common
//    64-byte report (id 0x02) that is 56 data bytes; longer scans continue in the next reports.
//  - 'lengthPrefixed': [report id] [data length] [data], one report per scan, used by simpler scanners.
// The report id byte is absent when the device numbers no reports. Pure: no device access here.
import type { ScannerError, ScannerResult } from './scan-event.js';
import { symbologyIdFromBytes } from './symbology-id.js';

export type HidReportFormat = 'posScannedData' | 'lengthPrefixed';

export type HidReportSettings = { format: HidReportFormat; reportId: number | null };

/** A piece of a scan; `more` is set when the scan continues in the next report. */
export type HidScanSegment = { data: Uint8Array; symbologyId: string | null; more: boolean };

// Symbology bytes, then after the data two vendor bytes and the flags byte.
const POS_HEADER = 4;
const POS_TRAILER = 3;

function badReport(message: string, report: Uint8Array): ScannerError {
  return { code: 'scanner.badReport', message, details: { length: report.length, head: Array.from(report.subarray(0, 8)) } };
}

/**
 * Decodes one input report. `value` is null for reports that carry no scanned data (another report id, such as
 * a status report), which the caller ignores.
 */
export function decodeHidReport(report: Uint8Array, settings: HidReportSettings): ScannerResult<HidScanSegment | null> {
  let offset = 0;
  if (settings.reportId !== null) {
    if (report.length === 0 || report[0] !== settings.reportId) return { ok: true, value: null };
    offset = 1;
  }
  if (report.length <= offset) return { ok: false, error: badReport('The report is too short to hold a length byte.', report) };
  const length = report[offset] ?? 0;
  if (settings.format === 'lengthPrefixed') {
    const start = offset + 1;
    if (start + length > report.length) {
      return { ok: false, error: badReport(`The report says ${length} data bytes but holds ${report.length - start}.`, report) };
    }
    return { ok: true, value: { data: report.slice(start, start + length), symbologyId: null, more: false } };
  }
  const start = offset + POS_HEADER;
  const capacity = report.length - start - POS_TRAILER;
  if (capacity < 0) return { ok: false, error: badReport('The report is too short for a scanned data report.', report) };
  if (length > capacity) {
    return { ok: false, error: badReport(`The report says ${length} data bytes but has room for ${capacity}.`, report) };
  }
  const symbologyId = symbologyIdFromBytes(report.subarray(offset + 1, offset + POS_HEADER));
  const more = ((report[report.length - 1] ?? 0) & 0x01) === 1;
  return { ok: true, value: { data: report.slice(start, start + length), symbologyId, more } };
}

export type AssembledScan = { data: Uint8Array; symbologyId: string | null };

/** Joins the segments of a scan that spans several reports; a scan past the limit is dropped whole. */
export class HidScanAssembler {
  private parts: Uint8Array[] = [];
  private size = 0;
  private symbologyId: string | null = null;
  private overlong = false;

  constructor(private readonly maxScanBytes: number) {}

  get pendingBytes(): number {
    return this.size;
  }

  /** Returns the finished scan, or the bytes dropped for length, once the last segment of a scan arrived. */
  push(segment: HidScanSegment): { scan: AssembledScan | null; overflowBytes: number } {
    if (this.parts.length === 0 && !this.overlong) this.symbologyId = segment.symbologyId;
    if (!this.overlong && this.size + segment.data.length > this.maxScanBytes) this.overlong = true;
    this.size += segment.data.length;
    if (!this.overlong) this.parts.push(segment.data);
    if (segment.more) return { scan: null, overflowBytes: 0 };
    if (this.overlong) {
      const overflowBytes = this.size;
      this.reset();
      return { scan: null, overflowBytes };
    }
    const data = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      data.set(part, at);
      at += part.length;
    }
    const scan = { data, symbologyId: this.symbologyId };
    this.reset();
    return { scan, overflowBytes: 0 };
  }

  /** Drops a scan whose last segment never came; returns the bytes dropped. */
  dropPartial(): number {
    const dropped = this.size;
    this.reset();
    return dropped;
  }

  private reset(): void {
    this.parts = [];
    this.size = 0;
    this.symbologyId = null;
    this.overlong = false;
  }
}
