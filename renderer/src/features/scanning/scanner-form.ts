// The scanner form's values as typed, and how they become the core's input (the core judges every value).
import type { InputOf, ScannerSetting } from '@mortar/main/contract';

export type ScannerForm = {
  id?: string;
  kind: 'serial' | 'hid';
  name: string;
  enabled: boolean;
  gsSubstitute: string;
  path: string;
  baudRate: string;
  dataBits: '7' | '8';
  parity: 'none' | 'even' | 'odd';
  stopBits: '1' | '2';
  suffix: 'cr' | 'lf' | 'crlf' | 'none';
  vendorId: string;
  productId: string;
  serialNumber: string;
};

export const emptyScannerForm: ScannerForm = {
  kind: 'serial',
  name: '',
  enabled: true,
  gsSubstitute: '',
  path: '',
  baudRate: '9600',
  dataBits: '8',
  parity: 'none',
  stopBits: '1',
  suffix: 'cr',
  vendorId: '',
  productId: '',
  serialNumber: '',
};

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** A USB id typed as hex (with or without 0x), or NaN so the core's schema names the field. */
function hexId(text: string): number {
  const m = /^\s*(?:0x)?([0-9a-f]{1,4})\s*$/i.exec(text);
  return m?.[1] ? Number.parseInt(m[1], 16) : Number.NaN;
}

export function toScannerForm(s: ScannerSetting): ScannerForm {
  const common = { ...emptyScannerForm, id: s.id, kind: s.kind, name: s.name, enabled: s.enabled, gsSubstitute: s.gsSubstitute ?? '' };
  if (s.kind === 'hid') return { ...common, vendorId: hex4(s.vendorId), productId: hex4(s.productId), serialNumber: s.serialNumber ?? '' };
  return {
    ...common,
    path: s.path,
    baudRate: String(s.baudRate),
    dataBits: s.dataBits === 7 ? '7' : '8',
    parity: s.parity,
    stopBits: s.stopBits === 2 ? '2' : '1',
    suffix: s.suffix,
  };
}

export function toScannerInput(f: ScannerForm): InputOf<'scanning.saveScanner'> {
  const common = {
    ...(f.id ? { id: f.id } : {}),
    name: f.name.trim(),
    enabled: f.enabled,
    gsSubstitute: f.gsSubstitute === '' ? null : f.gsSubstitute,
  };
  if (f.kind === 'hid') {
    return {
      kind: 'hid',
      ...common,
      vendorId: hexId(f.vendorId),
      productId: hexId(f.productId),
      serialNumber: f.serialNumber.trim() === '' ? null : f.serialNumber.trim(),
    };
  }
  return {
    kind: 'serial',
    ...common,
    path: f.path.trim(),
    baudRate: Number(f.baudRate),
    dataBits: f.dataBits === '7' ? 7 : 8,
    parity: f.parity,
    stopBits: f.stopBits === '2' ? 2 : 1,
    suffix: f.suffix,
  };
}
