// The scanning domain's contract: a terminal's serial and HID scanners as settings, their live status, the ports
// that can be chosen, and the push messages that carry device scans and state changes to the terminal's screen.
// Pure: zod schemas and types only.
import { z } from 'zod';

/** The baud rates a till's serial scanner is set to; anything else is refused with `scanning.badBaudRate`. */
export const scannerBaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export const scannerSuffixes = ['cr', 'lf', 'crlf', 'none'] as const;

const commonFields = {
  /** Absent on a new scanner: the core gives it one. */
  id: z.string().trim().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(60),
  enabled: z.boolean().default(true),
  /** The character this scanner sends instead of GS (ASCII 29); turned back into GS before the scan is used. */
  gsSubstitute: z.string().length(1).nullable().default(null),
};

export const serialScannerSettingInputSchema = z.object({
  kind: z.literal('serial'),
  ...commonFields,
  path: z.string().trim().min(1).max(260),
  // Checked by the handler against scannerBaudRates, so a wrong rate gets its own error code.
  baudRate: z.number().int().default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  suffix: z.enum(scannerSuffixes).default('cr'),
});

export const hidScannerSettingInputSchema = z.object({
  kind: z.literal('hid'),
  ...commonFields,
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  serialNumber: z.string().trim().min(1).max(128).nullable().default(null),
});

export const scannerSettingInputSchema = z.discriminatedUnion('kind', [serialScannerSettingInputSchema, hidScannerSettingInputSchema]);

const storedId = { id: z.string().min(1).max(64) };
export const scannerSettingSchema = z.discriminatedUnion('kind', [
  serialScannerSettingInputSchema.extend(storedId),
  hidScannerSettingInputSchema.extend(storedId),
]);

export type ScannerSettingInput = z.input<typeof scannerSettingInputSchema>;
export type ScannerSetting = z.output<typeof scannerSettingSchema>;
export type SerialScannerSetting = Extract<ScannerSetting, { kind: 'serial' }>;
export type HidScannerSetting = Extract<ScannerSetting, { kind: 'hid' }>;

/** What the till shows of a scanner's link: `disconnected` always carries the reason. */
export const scannerLinks = ['connected', 'connecting', 'disconnected', 'stopped'] as const;
export type ScannerLink = (typeof scannerLinks)[number];

export const scannerStatusSchema = z.object({
  id: z.string(),
  kind: z.enum(['serial', 'hid']),
  name: z.string(),
  enabled: z.boolean(),
  link: z.enum(scannerLinks),
  reason: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** When the scanner tries again by itself; null when it does not (stopped, or connected). */
  retryInMs: z.number().int().nullable(),
  /** The port or device path it is connected on. */
  device: z.string().nullable(),
  lastScanAt: z.number().int().nullable(),
  changedAt: z.number().int().nullable(),
});
export type ScannerStatus = z.infer<typeof scannerStatusSchema>;

export const scannerSerialPortSchema = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  vendorId: z.number().int().nullable(),
  productId: z.number().int().nullable(),
});

export const scannerHidDeviceSchema = z.object({
  path: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  manufacturer: z.string().nullable(),
  product: z.string().nullable(),
  serialNumber: z.string().nullable(),
});

export const scannerPortsSchema = z.object({
  serial: z.array(scannerSerialPortSchema),
  hid: z.array(scannerHidDeviceSchema),
  /** Why a list is missing (no serial support, node-hid not loadable); null when it was read. */
  serialError: z.string().nullable(),
  hidError: z.string().nullable(),
});
export type ScannerPorts = z.infer<typeof scannerPortsSchema>;

/** A scan from a serial or HID scanner, GS substitutes already turned back into GS (character 29). */
export type DeviceScan = {
  scannerId: string;
  kind: 'serial' | 'hid';
  raw: string;
  symbologyId: string | null;
  receivedAt: number;
};

/**
 * What the core pushes to the terminal's screen beside call results and change notices. A scan goes to one
 * screen only (the one being worked in); a state change goes to every screen of the terminal.
 */
export type ScanningPush = { type: 'scan'; scan: DeviceScan } | { type: 'scannerState'; scanner: ScannerStatus };

/** The part of a bridge that carries scanning pushes (Electron preload, WebSocket, fakes in tests). */
export type ScanningBridge = { onScanning(listener: (push: ScanningPush) => void): () => void };

export const scanningOperations = {
  'scanning.listPorts': {
    input: z.object({}),
    output: scannerPortsSchema,
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'List the serial ports and HID POS scanners attached to this terminal.',
  },
  'scanning.listScanners': {
    input: z.object({}),
    output: z.object({ scanners: z.array(scannerSettingSchema) }),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: "List this terminal's configured scanners.",
  },
  'scanning.saveScanner': {
    input: scannerSettingInputSchema,
    output: scannerSettingSchema,
    permission: 'devices.manage',
    writes: true,
    topics: ['settings'],
    summary: 'Add or change a scanner of this terminal.',
  },
  'scanning.removeScanner': {
    input: z.object({ id: z.string().min(1).max(64) }),
    output: z.object({ id: z.string() }),
    permission: 'devices.manage',
    writes: true,
    topics: ['settings'],
    summary: 'Remove a scanner from this terminal.',
  },
  'scanning.getStatus': {
    input: z.object({}),
    output: z.object({ hostRunning: z.boolean(), scanners: z.array(scannerStatusSchema) }),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: "Show each scanner's connection state and its last scan.",
  },
} as const;
