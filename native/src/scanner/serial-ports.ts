// Lists the serial ports a scanner could be on, with the USB ids that tell a scanner's adapter from a printer's,
// so setup can offer ports instead of asking for a device path.
import { autoDetect } from '@serialport/bindings-cpp';
import type { ScannerResult } from './scan-event.js';
import type { SerialBinding } from './serial-scanner.js';

export type SerialPortInfo = {
  path: string;
  manufacturer: string | null;
  serialNumber: string | null;
  /** USB vendor and product ids, when the port is a USB adapter. */
  vendorId: number | null;
  productId: number | null;
  pnpId: string | null;
  locationId: string | null;
};

function hexId(value: string | undefined): number | null {
  if (!value) return null;
  const n = Number.parseInt(value, 16);
  return Number.isFinite(n) ? n : null;
}

export async function listPorts(binding: SerialBinding = autoDetect()): Promise<ScannerResult<SerialPortInfo[]>> {
  try {
    const ports = await binding.list();
    return {
      ok: true,
      value: ports.map((p) => ({
        path: p.path,
        manufacturer: p.manufacturer ?? null,
        serialNumber: p.serialNumber ?? null,
        vendorId: hexId(p.vendorId),
        productId: hexId(p.productId),
        pnpId: p.pnpId ?? null,
        locationId: p.locationId ?? null,
      })),
    };
  } catch (error: unknown) {
    return {
      ok: false,
      error: { code: 'scanner.listFailed', message: `The serial ports could not be listed: ${error instanceof Error ? error.message : String(error)}` },
    };
  }
}
