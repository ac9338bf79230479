// Property and fuzz tests for the parsers of what scanners send (outside input): any bytes, cut anywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHidReport, HidScanAssembler } from './hid-report.js';
import { SerialFramer } from './serial-framer.js';
import { WedgeDetector } from './wedge-detector.js';

/** Splits `bytes` at the given cut points (taken modulo the length). */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(at, p));
    at = p;
  }
  chunks.push(bytes.subarray(at));
  return chunks;
}

const scanBytes = fc.uint8Array({ minLength: 1, maxLength: 80 }).map((b) => b.map((x) => (x === 0x0d || x === 0x0a ? 0x1d : x)));

describe('parsers of scanner input', () => {
  it('the serial framer returns exactly the scans sent, however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(scanBytes, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), fc.constantFrom('cr', 'crlf', 'lf'), (scans, cuts, suffix) => {
        const end = suffix === 'cr' ? [0x0d] : suffix === 'lf' ? [0x0a] : [0x0d, 0x0a];
        const stream = Uint8Array.from(scans.flatMap((s) => [...s, ...end]));
        const framer = new SerialFramer({ suffix, prefix: new Uint8Array(), maxScanBytes: 4096 });
        const frames = chunked(stream, cuts).flatMap((c) => framer.push(c).frames);
        expect(frames.map((f) => Array.from(f))).toEqual(scans.map((s) => Array.from(s)));
        expect(framer.pendingBytes).toBe(0);
      }),
      { numRuns: 300, seed: 20_251_127 },
    );
  });

  it('the serial framer never holds more than the limit, whatever arrives', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (chunks) => {
        const framer = new SerialFramer({ suffix: 'cr', prefix: new Uint8Array(), maxScanBytes: 32 });
        for (const chunk of chunks) {
          for (const frame of framer.push(chunk).frames) expect(frame.length).toBeLessThanOrEqual(32);
          expect(framer.pendingBytes).toBeLessThanOrEqual(32);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('HID report decoding never throws and never reads past the report', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 70 }),
        fc.constantFrom('posScannedData', 'lengthPrefixed'),
        fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
        (report, format, reportId) => {
          const decoded = decodeHidReport(report, { format, reportId });
          if (decoded.ok && decoded.value) expect(decoded.value.data.length).toBeLessThanOrEqual(report.length);
          const assembler = new HidScanAssembler(128);
          if (decoded.ok && decoded.value) assembler.push(decoded.value);
          expect(assembler.pendingBytes).toBeLessThanOrEqual(128 + 70);
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });

  it('the wedge detector neither loses nor duplicates a keystroke: each reaches the page or a scan, once', () => {
    const key = fc.constantFrom('a', 'b', '1', '|', 'Enter', 'Shift', 'ArrowLeft', 'Tab');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer({ min: 0, max: 80 })), { maxLength: 40 }), (presses) => {
        const detector = new WedgeDetector({ gsSubstitute: '|' });
        const delivered: string[] = [];
        const scans: string[] = [];
        let t = 0;
        let flushAt: number | null = null;
        for (const [k, gap] of presses) {
          t += gap;
          if (flushAt !== null && t >= flushAt) delivered.push(...detector.flush(flushAt).release.map((e) => e.key));
          const step = detector.feed({ key: k, timeStamp: t });
          delivered.push(...step.release.map((e) => e.key));
          if (step.scan) scans.push(step.scan.raw);
          if (!step.swallow) delivered.push(k);
          flushAt = step.flushAt;
        }
        delivered.push(...detector.reset().map((e) => e.key));
        // Modifier keydowns pass straight through and carry no text, so their place in the order is free.
        const typed = delivered.filter((k) => k !== 'Shift');
        const pressed = presses.map(([k]) => k).filter((k) => k !== 'Shift');
        if (scans.length === 0) expect(typed).toEqual(pressed);
        const scanKeys = scans.reduce((n, raw) => n + [...raw].length + 1, 0);
        expect(typed.length + scanKeys).toBe(pressed.length);
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});
