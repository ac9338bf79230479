// Reads the serial ports and HID POS scanners attached to this terminal. The device drivers are loaded on first
// use, so a core that never lists ports (the CLI, most tests) never loads their native addons.
import { stat } from 'node:fs/promises';
import type { ScannerPorts } from './contract.js';
import type { SerialPresence } from './scanner-rules.js';

export async function readScannerPorts(): Promise<ScannerPorts> {
  const native = await import('@mortar/native');
  const [serial, hid] = await Promise.all([native.listPorts(), native.listHidScanners()]);
  return {
    serial: serial.ok
      ? serial.value.map((p) => ({ path: p.path, manufacturer: p.manufacturer, serialNumber: p.serialNumber, vendorId: p.vendorId, productId: p.productId }))
      : [],
    hid: hid.ok
      ? hid.value.map((d) => ({
          path: d.path,
          vendorId: d.vendorId,
          productId: d.productId,
          manufacturer: d.manufacturer,
          product: d.product,
          serialNumber: d.serialNumber,
        }))
      : [],
    serialError: serial.ok ? null : serial.error.message,
    hidError: hid.ok ? null : hid.error.message,
  };
}

/** A serial path is there when the OS lists it or a character device answers at it (ptys, udev aliases). */
export async function serialPresence(path: string): Promise<SerialPresence> {
  const native = await import('@mortar/native');
  const listed = await native.listPorts();
  const paths = listed.ok ? listed.value.map((p) => p.path) : [];
  if (paths.includes(path)) return { present: true, listed: paths };
  try {
    return { present: (await stat(path)).isCharacterDevice(), listed: paths };
  } catch {
    return { present: false, listed: paths };
  }
}
