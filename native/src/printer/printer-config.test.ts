import { describe, expect, it } from 'vitest';
import { parsePrinterConfig, printerColumns } from './printer-config.js';

describe('printer configuration per terminal', () => {
  it('accepts a network and a serial printer as data', () => {
    const tcp = parsePrinterConfig({
      connection: { kind: 'tcp', host: '127.0.0.1', port: 9100 },
      paperWidthMm: 80,
      codepage: 'cp858',
      drawer: { attached: true },
      cutter: true,
    });
    const serial = parsePrinterConfig({
      connection: { kind: 'serial', path: '/dev/ttyS0', baudRate: 38400, rtscts: true },
      paperWidthMm: 58,
      codepage: 'cp437',
      drawer: { attached: false },
      cutter: false,
    });
    expect(tcp.ok && printerColumns(tcp.value)).toBe(48);
    expect(serial.ok && printerColumns(serial.value)).toBe(32);
  });

  it('refuses a USB printer, an unknown paper width and a bad port with printer.invalidConfig', () => {
    const result = parsePrinterConfig({
      connection: { kind: 'usb', vendorId: 0x04b8 },
      paperWidthMm: 76,
      codepage: 'utf8',
      drawer: { attached: true },
      cutter: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('printer.invalidConfig');
    const paths = (result.error.details?.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['connection.kind', 'paperWidthMm', 'codepage']));
  });

  it('lets a printer with another font width override the columns', () => {
    const result = parsePrinterConfig({
      connection: { kind: 'tcp', host: 'printer.local', port: 9100 },
      paperWidthMm: 80,
      columns: 42,
      codepage: 'cp858',
      drawer: { attached: false },
      cutter: true,
    });
    expect(result.ok && printerColumns(result.value)).toBe(42);
  });
});
