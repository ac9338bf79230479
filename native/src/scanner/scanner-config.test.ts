import { describe, expect, it } from 'vitest';
import { defaultScannerId, needsReopen, parseScannerConfig, parseScannerConfigs, sameScannerConfig } from './scanner-config.js';

describe('scanner configuration', () => {
  it('fills in the defaults of a serial scanner and names it by its port', () => {
    expect(parseScannerConfig({ kind: 'serial', path: '/dev/ttyUSB0' })).toEqual({
      ok: true,
      value: {
        kind: 'serial',
        id: 'serial:/dev/ttyUSB0',
        path: '/dev/ttyUSB0',
        baudRate: 9600,
        dataBits: 8,
        parity: 'none',
        stopBits: 1,
        rtscts: false,
        suffix: 'cr',
        prefix: '',
        idleEndMs: 50,
        symbologyIds: true,
        encoding: 'utf8',
        maxScanBytes: 4096,
        partialTimeoutMs: 500,
      },
    });
  });

  it('names a HID scanner by its USB ids and takes report id 2 for the scanned data report', () => {
    const parsed = parseScannerConfig({ kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61, serialNumber: 'X9' });
    expect(parsed).toMatchObject({ ok: true, value: { id: 'hid:0c2e:0b61:X9', report: 'posScannedData', reportId: 2 } });
    expect(parseScannerConfig({ kind: 'hid', vendorId: 1, productId: 2, report: 'lengthPrefixed' })).toMatchObject({
      ok: true,
      value: { reportId: null },
    });
    expect(defaultScannerId({ kind: 'hid', vendorId: 1, productId: 2, path: '/dev/hidraw1' })).toBe('hid:0001:0002@/dev/hidraw1');
  });

  it('accepts a configured suffix byte and refuses a bad one, saying where', () => {
    expect(parseScannerConfig({ kind: 'serial', path: 'COM3', suffix: { byte: 3 } })).toMatchObject({ ok: true, value: { suffix: { byte: 3 } } });
    const bad = parseScannerConfigs([{ kind: 'serial', path: 'COM3' }, { kind: 'serial', path: 'COM4', suffix: { byte: 300 } }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'scanner.invalidConfig' } });
    if (!bad.ok) expect(JSON.stringify(bad.error.details)).toContain('"path":"1.suffix');
  });

  it('refuses two scanners with one id', () => {
    expect(parseScannerConfigs([{ kind: 'serial', path: 'COM3' }, { kind: 'serial', path: 'COM3' }])).toMatchObject({
      ok: false,
      error: { code: 'scanner.duplicateId', details: { id: 'serial:COM3' } },
    });
  });

  it('tells a port change (reopen) from a framing change (in place)', () => {
    const parse = (input: object) => {
      const r = parseScannerConfig({ kind: 'serial', path: 'COM3', ...input });
      if (!r.ok) throw new Error('bad config');
      return r.value;
    };
    expect(needsReopen(parse({}), parse({ baudRate: 19200 }))).toBe(true);
    expect(needsReopen(parse({}), parse({ suffix: 'lf' }))).toBe(false);
    expect(sameScannerConfig(parse({}), parse({ suffix: 'lf' }))).toBe(false);
    expect(sameScannerConfig(parse({ suffix: { byte: 3 } }), parse({ suffix: { byte: 3 } }))).toBe(true);
  });
});
