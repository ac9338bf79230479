// Rule: a scanner setting is saved only when it can work at this till: a baud rate scanners use, a port that
// exists, a port no other scanner holds (serial ports open exclusively), and a GS substitute that cannot be
// mistaken for data. Anything else is refused with its own code and nothing is saved.
import type { ApiError } from '../api/contract.js';
import { scannerBaudRates, type ScannerSetting } from './contract.js';

export const MAX_SCANNERS = 8;

/** GS1's character set 82 (the characters element string data may hold): a GS substitute must be outside it. */
const GS1_DATA_CHARACTER = /^[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]$/;

/** Whether a serial path may be used: listed by the OS, or present as a device node (a pty, a udev alias). */
export type SerialPresence = { present: boolean; listed: readonly string[] };

function sameDevice(a: ScannerSetting, b: ScannerSetting): boolean {
  if (a.kind === 'serial' && b.kind === 'serial') return a.path === b.path;
  if (a.kind === 'hid' && b.kind === 'hid') {
    return a.vendorId === b.vendorId && a.productId === b.productId && (a.serialNumber ?? null) === (b.serialNumber ?? null);
  }
  return false;
}

export function checkScannerSetting(next: ScannerSetting, existing: readonly ScannerSetting[], presence: SerialPresence | null): ApiError | null {
  const before = existing.find((s) => s.id === next.id);
  if (!before && existing.length >= MAX_SCANNERS) {
    return { code: 'scanning.tooManyScanners', message: `A terminal takes at most ${MAX_SCANNERS} scanners.`, details: { max: MAX_SCANNERS } };
  }
  if (next.kind === 'serial' && !(scannerBaudRates as readonly number[]).includes(next.baudRate)) {
    return {
      code: 'scanning.badBaudRate',
      message: `${next.baudRate} is not a baud rate a scanner uses; choose one of ${scannerBaudRates.join(', ')}.`,
      details: { baudRate: next.baudRate, allowed: [...scannerBaudRates] },
    };
  }
  const gs = next.gsSubstitute;
  if (gs !== null && (GS1_DATA_CHARACTER.test(gs) || gs.charCodeAt(0) <= 0x20 || gs.charCodeAt(0) === 0x7f)) {
    return {
      code: 'scanning.badGsSubstitute',
      message: `"${gs}" can be part of a barcode's data, so it cannot stand for GS; choose a character such as ~ or ^.`,
      details: { gsSubstitute: gs },
    };
  }
  if (next.kind === 'serial') {
    const keptPath = before?.kind === 'serial' && before.path === next.path;
    if (!keptPath && !(presence?.present ?? false)) {
      return {
        code: 'scanning.unknownPort',
        message: `There is no serial port ${next.path} on this terminal.`,
        details: { path: next.path, ports: [...(presence?.listed ?? [])] },
      };
    }
  }
  const holder = existing.find((s) => s.id !== next.id && sameDevice(s, next));
  if (holder) {
    return {
      code: 'scanning.portTaken',
      message: `${holder.name} already uses this ${next.kind === 'serial' ? 'port' : 'device'}.`,
      details: { scannerId: holder.id, name: holder.name },
    };
  }
  return null;
}

/** A scan's text with the scanner's GS substitute turned back into GS, past the symbology identifier. */
export function restoreGs(raw: string, symbologyId: string | null, gsSubstitute: string | null): string {
  if (gsSubstitute === null) return raw;
  const head = symbologyId !== null && raw.startsWith(symbologyId) ? symbologyId : '';
  return head + raw.slice(head.length).split(gsSubstitute).join('\u001d');
}
