import { describe, expect, it } from 'vitest';
import { scannerSettingSchema, type ScannerSetting } from './contract.js';
import { checkScannerSetting, MAX_SCANNERS, restoreGs } from './scanner-rules.js';

const serial = (over: Partial<Extract<ScannerSetting, { kind: 'serial' }>> = {}): ScannerSetting =>
  scannerSettingSchema.parse({ kind: 'serial', id: 's1', name: 'Scanner', path: '/dev/ttyUSB0', ...over });
const hid = (over: Record<string, unknown> = {}): ScannerSetting =>
  scannerSettingSchema.parse({ kind: 'hid', id: 'h1', name: 'HID', vendorId: 0x05e0, productId: 0x1200, ...over });
const present = { present: true, listed: ['/dev/ttyUSB0'] };

describe('scanner setting rules', () => {
  it('accepts a serial scanner on a port that is there', () => {
    expect(checkScannerSetting(serial(), [], present)).toBeNull();
  });

  it('refuses a baud rate no scanner uses, naming the ones it takes', () => {
    const error = checkScannerSetting(serial({ baudRate: 9601 }), [], present);
    expect(error).toMatchObject({ code: 'scanning.badBaudRate', details: { baudRate: 9601 } });
    expect((error?.details as { allowed: number[] }).allowed).toContain(9600);
  });

  it('refuses a port that is not there, unless the scanner already had that port', () => {
    const absent = { present: false, listed: ['/dev/ttyS0'] };
    expect(checkScannerSetting(serial({ path: '/dev/ttyNOPE' }), [], absent)).toMatchObject({
      code: 'scanning.unknownPort',
      details: { path: '/dev/ttyNOPE', ports: ['/dev/ttyS0'] },
    });
    // Changing the baud rate of a scanner that is unplugged right now is still allowed.
    expect(checkScannerSetting(serial({ baudRate: 19200 }), [serial()], absent)).toBeNull();
  });

  it('refuses a second scanner on a port or USB device another one holds', () => {
    expect(checkScannerSetting(serial({ id: 's2' }), [serial()], present)).toMatchObject({ code: 'scanning.portTaken', details: { scannerId: 's1' } });
    expect(checkScannerSetting(hid({ id: 'h2' }), [hid()], null)).toMatchObject({ code: 'scanning.portTaken' });
    expect(checkScannerSetting(hid({ id: 'h2', serialNumber: 'B' }), [hid({ serialNumber: 'A' })], null)).toBeNull();
  });

  it('refuses a GS substitute that barcode data can contain', () => {
    for (const bad of ['A', '7', '-', '%', ' ', '\u0001']) {
      expect(checkScannerSetting(serial({ gsSubstitute: bad }), [], present)?.code).toBe('scanning.badGsSubstitute');
    }
    for (const good of ['~', '^', '|', '#', '§']) expect(checkScannerSetting(serial({ gsSubstitute: good }), [], present)).toBeNull();
  });

  it('takes at most a fixed number of scanners per terminal', () => {
    const many = Array.from({ length: MAX_SCANNERS }, (_, i) => hid({ id: `h${i}`, productId: i }));
    expect(checkScannerSetting(serial(), many, present)?.code).toBe('scanning.tooManyScanners');
  });
});

describe('restoring GS from its substitute', () => {
  it('turns every substitute back into GS after the symbology identifier, and leaves scans without one alone', () => {
    expect(restoreGs(']d20105012345678900~10A~17280221', ']d2', '~')).toBe(']d20105012345678900\u001d10A\u001d17280221');
    expect(restoreGs('0105012345678900^10A', null, '^')).toBe('0105012345678900\u001d10A');
    expect(restoreGs('0105012345678900~10A', null, null)).toBe('0105012345678900~10A');
  });
});
