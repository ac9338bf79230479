import { describe, expect, it } from 'vitest';
import { decodeHidReport, HidScanAssembler } from './hid-report.js';
import { posReport } from './test-hid-reports.js';

const text = (b: Uint8Array): string => String.fromCharCode(...b);
const pos = { format: 'posScannedData', reportId: 2 } as const;

describe('decodeHidReport', () => {
  it('reads the data and the AIM symbology identifier of a scanned data report', () => {
    const decoded = decodeHidReport(posReport('010950123456789017261231\u001d10ABC', { aim: ']d2' }), pos);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok || !decoded.value) throw new Error('no segment');
    expect(text(decoded.value.data)).toBe('010950123456789017261231\u001d10ABC');
    expect(decoded.value.symbologyId).toBe(']d2');
    expect(decoded.value.more).toBe(false);
  });

  it('gives no symbology identifier when the scanner sends zeros in its place', () => {
    const decoded = decodeHidReport(posReport('5012345678900'), pos);
    expect(decoded).toMatchObject({ ok: true, value: { symbologyId: null, more: false } });
  });

  it('reads the "data continued" flag of a full report', () => {
    const decoded = decodeHidReport(posReport('A'.repeat(56), { aim: ']d1', more: true }), pos);
    expect(decoded).toMatchObject({ ok: true, value: { more: true } });
    if (decoded.ok) expect(decoded.value?.data).toHaveLength(56);
  });

  it('ignores reports with another report id', () => {
    expect(decodeHidReport(posReport('1234', { reportId: 0x04 }), pos)).toEqual({ ok: true, value: null });
  });

  it('reads a report without a report id byte when the device numbers no reports', () => {
    const decoded = decodeHidReport(posReport('5012345678900', { aim: ']E0' }).subarray(1), { format: 'posScannedData', reportId: null });
    expect(decoded).toMatchObject({ ok: true, value: { symbologyId: ']E0' } });
    if (decoded.ok && decoded.value) expect(text(decoded.value.data)).toBe('5012345678900');
  });

  it('refuses a report whose length byte claims more data than it can hold', () => {
    const report = posReport('1234');
    report[1] = 57;
    expect(decodeHidReport(report, pos)).toMatchObject({ ok: false, error: { code: 'scanner.badReport' } });
    expect(decodeHidReport(Uint8Array.of(2, 1), pos)).toMatchObject({ ok: false, error: { code: 'scanner.badReport' } });
  });

  it('reads length-prefixed reports with and without a report id', () => {
    const withId = Uint8Array.of(0x01, 4, 0x31, 0x32, 0x33, 0x34, 0, 0);
    const decoded = decodeHidReport(withId, { format: 'lengthPrefixed', reportId: 1 });
    expect(decoded.ok && decoded.value && text(decoded.value.data)).toBe('1234');
    const bare = Uint8Array.of(3, 0x5d, 0x45, 0x30, 0, 0);
    const decodedBare = decodeHidReport(bare, { format: 'lengthPrefixed', reportId: null });
    expect(decodedBare.ok && decodedBare.value && text(decodedBare.value.data)).toBe(']E0');
    expect(decodeHidReport(Uint8Array.of(9, 0x31), { format: 'lengthPrefixed', reportId: null })).toMatchObject({ ok: false });
  });
});

describe('HidScanAssembler', () => {
  it('joins a scan continued over several reports and keeps the first report symbology identifier', () => {
    const assembler = new HidScanAssembler(4096);
    const first = { data: Uint8Array.from('A'.repeat(56), (c) => c.charCodeAt(0)), symbologyId: ']d2', more: true };
    const last = { data: Uint8Array.of(0x1d, 0x31, 0x30), symbologyId: null, more: false };
    expect(assembler.push(first).scan).toBeNull();
    expect(assembler.pendingBytes).toBe(56);
    const { scan } = assembler.push(last);
    expect(scan?.symbologyId).toBe(']d2');
    expect(scan && text(scan.data)).toBe(`${'A'.repeat(56)}\u001d10`);
    expect(assembler.pendingBytes).toBe(0);
  });

  it('drops a scan past the limit whole and reports its size', () => {
    const assembler = new HidScanAssembler(60);
    const part = { data: new Uint8Array(56), symbologyId: null, more: true };
    assembler.push(part);
    const out = assembler.push({ ...part, more: false });
    expect(out).toEqual({ scan: null, overflowBytes: 112 });
  });
});
