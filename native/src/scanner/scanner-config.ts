// A terminal's scanners, as data the core stores per terminal. Parsing fills in the defaults once, so drivers
// and the hub work from complete settings and two configs can be compared field by field on reconfiguration.
import { z } from 'zod';
import type { ScannerError, ScannerResult } from './scan-event.js';

const idSchema = z.string().min(1).max(64);

export const serialSuffixSchema = z.union([
  z.enum(['cr', 'lf', 'crlf', 'none']),
  z.object({ byte: z.number().int().min(0).max(255) }),
]);

const scanOptions = {
  id: idSchema.optional(),
  /** Read a leading AIM symbology identifier (`]d2`) into `symbologyId` (default true). */
  symbologyIds: z.boolean().default(true),
  /** How scan bytes become text: UTF-8 when they are valid UTF-8, else byte for byte (default), or always bytes. */
  encoding: z.enum(['utf8', 'latin1']).default('utf8'),
  maxScanBytes: z.number().int().min(16).max(65_536).default(4096),
  /** A scan half received and then silent this long is dropped (default 500 ms). */
  partialTimeoutMs: z.number().int().min(20).max(60_000).default(500),
};

export const serialScannerConfigSchema = z.object({
  kind: z.literal('serial'),
  path: z.string().min(1).max(260),
  baudRate: z.number().int().min(300).max(921_600).default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
  rtscts: z.boolean().default(false),
  suffix: serialSuffixSchema.default('cr'),
  /** Characters the scanner sends before each scan (e.g. "\u0002"), taken off the scan. */
  prefix: z.string().max(16).default(''),
  /** With suffix 'none': the scan ends when no byte came for this long (default 50 ms). */
  idleEndMs: z.number().int().min(5).max(2000).default(50),
  ...scanOptions,
});

export const hidScannerConfigSchema = z.object({
  kind: z.literal('hid'),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  /** Picks one of several identical scanners. */
  serialNumber: z.string().min(1).max(128).optional(),
  /** Picks the device at this OS path (hidraw node, IOService path, Windows device path). */
  path: z.string().min(1).max(512).optional(),
  /** 'posScannedData': the HID POS scanned data report; 'lengthPrefixed': a length byte, then the data. */
  report: z.enum(['posScannedData', 'lengthPrefixed']).default('posScannedData'),
  /** The report id of scanned data reports; null when the device numbers no reports (defaults: 2, or null). */
  reportId: z.number().int().min(0).max(255).nullable().optional(),
  ...scanOptions,
});

export const scannerConfigSchema = z.discriminatedUnion('kind', [serialScannerConfigSchema, hidScannerConfigSchema]);

/** What a caller writes (defaults may be left out). */
export type ScannerConfigInput = z.input<typeof scannerConfigSchema>;
export type SerialScannerConfigInput = z.input<typeof serialScannerConfigSchema>;
export type HidScannerConfigInput = z.input<typeof hidScannerConfigSchema>;

/** A parsed configuration: every default filled in and the id settled. */
export type SerialScannerConfig = Omit<z.output<typeof serialScannerConfigSchema>, 'id'> & { id: string };
export type HidScannerConfig = Omit<z.output<typeof hidScannerConfigSchema>, 'id' | 'reportId'> & {
  id: string;
  reportId: number | null;
};
export type ScannerConfig = SerialScannerConfig | HidScannerConfig;

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** The id a scanner gets when its config names none: its port, or its USB ids (and serial number). */
export function defaultScannerId(config: ScannerConfigInput): string {
  if (config.kind === 'serial') return `serial:${config.path}`;
  const base = `hid:${hex4(config.vendorId)}:${hex4(config.productId)}`;
  return config.serialNumber ? `${base}:${config.serialNumber}` : config.path ? `${base}@${config.path}` : base;
}

function invalid(issues: { path: string; message: string }[]): ScannerError {
  return { code: 'scanner.invalidConfig', message: 'The scanner configuration is not valid.', details: { issues } };
}

export function parseScannerConfig(input: unknown): ScannerResult<ScannerConfig> {
  const parsed = scannerConfigSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: invalid(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))) };
  }
  const value = parsed.data;
  const id = value.id ?? defaultScannerId(value);
  if (value.kind === 'serial') return { ok: true, value: { ...value, id } };
  const reportId = value.reportId === undefined ? (value.report === 'posScannedData' ? 2 : null) : value.reportId;
  return { ok: true, value: { ...value, id, reportId } };
}

/** Parses a terminal's list of scanners; ids must be unique, since scans and states are told apart by them. */
export function parseScannerConfigs(input: unknown): ScannerResult<ScannerConfig[]> {
  if (!Array.isArray(input)) return { ok: false, error: invalid([{ path: '', message: 'Expected a list of scanners.' }]) };
  const configs: ScannerConfig[] = [];
  const seen = new Set<string>();
  for (const [index, item] of input.entries()) {
    const one = parseScannerConfig(item);
    if (!one.ok) {
      const issues = (one.error.details?.issues as { path: string; message: string }[] | undefined) ?? [];
      return { ok: false, error: invalid(issues.map((i) => ({ path: i.path ? `${index}.${i.path}` : String(index), message: i.message }))) };
    }
    if (seen.has(one.value.id)) {
      return {
        ok: false,
        error: { code: 'scanner.duplicateId', message: `Two scanners have the id ${one.value.id}.`, details: { id: one.value.id } },
      };
    }
    seen.add(one.value.id);
    configs.push(one.value);
  }
  return { ok: true, value: configs };
}

/** Whether two configs of one scanner differ in how the device is reached (then it must be reopened). */
export function needsReopen(a: ScannerConfig, b: ScannerConfig): boolean {
  if (a.kind === 'serial' && b.kind === 'serial') {
    return (
      a.path !== b.path ||
      a.baudRate !== b.baudRate ||
      a.dataBits !== b.dataBits ||
      a.parity !== b.parity ||
      a.stopBits !== b.stopBits ||
      a.rtscts !== b.rtscts
    );
  }
  if (a.kind === 'hid' && b.kind === 'hid') {
    return a.vendorId !== b.vendorId || a.productId !== b.productId || a.serialNumber !== b.serialNumber || a.path !== b.path;
  }
  return true;
}

/** Whether two configs of one scanner are the same in every field. */
export function sameScannerConfig(a: ScannerConfig, b: ScannerConfig): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
