// The seam between the HID scanner driver and node-hid. A USB HID device cannot exist on a test machine, so
// tests replace only this lowest layer (listing devices and opening one); everything above it is the code the
// till runs. node-hid is loaded on first use, so a terminal without HID scanners never loads its native module.
import type * as NodeHidModule from 'node-hid';
import type { ScannerResult } from './scan-event.js';

/** HID usage page of point-of-sale barcode scanners (HID Point of Sale Usage Tables). */
export const HID_POS_BARCODE_USAGE_PAGE = 0x8c;

export type HidDeviceInfo = {
  path: string;
  vendorId: number;
  productId: number;
  /** Null where the platform does not report it. */
  usagePage: number | null;
  usage: number | null;
  manufacturer: string | null;
  product: string | null;
  serialNumber: string | null;
  interface: number | null;
};

/** An open HID device: input reports as 'data', a failed read (unplugged) as 'error'. */
export type HidDeviceLike = {
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): void | Promise<void>;
};

export type HidBackend = {
  list(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceLike>;
};

type NodeHid = typeof NodeHidModule;

export function createNodeHidBackend(): HidBackend {
  let loading: Promise<NodeHid> | null = null;
  const load = (): Promise<NodeHid> => {
    loading ??= import('node-hid');
    return loading;
  };
  return {
    async list() {
      const hid = await load();
      const devices = await hid.devicesAsync();
      return devices.flatMap((d): HidDeviceInfo[] =>
        d.path
          ? [
              {
                path: d.path,
                vendorId: d.vendorId,
                productId: d.productId,
                usagePage: d.usagePage ?? null,
                usage: d.usage ?? null,
                manufacturer: d.manufacturer ?? null,
                product: d.product ?? null,
                serialNumber: d.serialNumber || null,
                interface: d.interface ?? null,
              },
            ]
          : [],
      );
    },
    async open(path) {
      const hid = await load();
      const device = await hid.HIDAsync.open(path);
      const wrapped: HidDeviceLike = {
        on(event: 'data' | 'error', listener: ((report: Uint8Array) => void) | ((error: unknown) => void)) {
          return device.on(event, listener as (arg: unknown) => void);
        },
        close: () => device.close(),
      };
      return wrapped;
    },
  };
}

let sharedBackend: HidBackend | null = null;

/** The node-hid backend, made once per process. */
export function nodeHidBackend(): HidBackend {
  sharedBackend ??= createNodeHidBackend();
  return sharedBackend;
}

/** The HID POS barcode scanners attached (usage page 0x8C), for setup to offer. */
export async function listHidScanners(backend: HidBackend = nodeHidBackend()): Promise<ScannerResult<HidDeviceInfo[]>> {
  try {
    const devices = await backend.list();
    return { ok: true, value: devices.filter((d) => d.usagePage === HID_POS_BARCODE_USAGE_PAGE) };
  } catch (error: unknown) {
    return {
      ok: false,
      error: { code: 'scanner.hidUnavailable', message: `HID devices could not be listed: ${error instanceof Error ? error.message : String(error)}` },
    };
  }
}
