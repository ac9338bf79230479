// Reads an ESC/POS byte stream back into commands and printed lines, for tests and for diagnosing what a
// printer was actually sent. It never throws: unknown commands and a stream cut short are reported as such.
import { codepageForTable, decodeByte, type Codepage } from './codepage.js';

export type DecodedAlign = 'left' | 'center' | 'right';

export type EscPosCommand =
  | { type: 'init' }
  | { type: 'codeTable'; table: number; codepage?: Codepage }
  | { type: 'align'; align: DecodedAlign }
  | { type: 'bold'; on: boolean }
  | { type: 'printMode'; fontB: boolean; bold: boolean; doubleHeight: boolean; doubleWidth: boolean; underline: boolean }
  | { type: 'size'; width: number; height: number }
  | { type: 'underline'; dots: number }
  | { type: 'font'; font: number }
  | { type: 'lineSpacing'; dots: number | 'default' }
  /** One printed line: the characters up to a line feed (or to a command that prints the buffer). */
  | { type: 'text'; text: string; align: DecodedAlign; bold: boolean; width: number; height: number }
  | { type: 'feed'; lines: number }
  | { type: 'feedDots'; dots: number }
  | { type: 'barcodeHeight'; dots: number }
  | { type: 'barcodeWidth'; dots: number }
  | { type: 'hriPosition'; position: 'none' | 'above' | 'below' | 'both' }
  | { type: 'hriFont'; font: number }
  | { type: 'barcode'; symbology: string; m: number; data: string; bytes: number[] }
  | { type: 'cut'; mode: 'partial' | 'full'; feed: number | null; command: 'GS V' | 'ESC i' | 'ESC m' }
  | { type: 'drawerKick'; pin: 2 | 5; onMs: number; offMs: number; bytes: number[] }
  | { type: 'statusRequest'; n: number }
  | { type: 'other'; name: string; bytes: number[] }
  | { type: 'unknown'; bytes: number[] }
  | { type: 'truncated'; bytes: number[] };

const symbologiesB: Record<number, string> = {
  65: 'UPC-A', 66: 'UPC-E', 67: 'EAN13', 68: 'EAN8', 69: 'CODE39', 70: 'ITF', 71: 'CODABAR', 72: 'CODE93',
  73: 'CODE128', 74: 'GS1-128', 75: 'GS1 DataBar Omnidirectional', 76: 'GS1 DataBar Truncated',
  77: 'GS1 DataBar Limited', 78: 'GS1 DataBar Expanded', 79: 'CODE128 auto',
};
const symbologiesA: Record<number, string> = { 0: 'UPC-A', 1: 'UPC-E', 2: 'EAN13', 3: 'EAN8', 4: 'CODE39', 5: 'ITF', 6: 'CODABAR' };

// Commands we do not use but must step over with their parameters, so the rest of the stream stays in sync.
const fixedEsc: Record<number, [string, number]> = {
  0x20: ['ESC SP', 1], 0x25: ['ESC %', 1], 0x3d: ['ESC =', 1], 0x47: ['ESC G', 1], 0x4a: ['ESC J', 1],
  0x52: ['ESC R', 1], 0x56: ['ESC V', 1], 0x7b: ['ESC {', 1], 0x24: ['ESC $', 2], 0x5c: ['ESC \\', 2],
  0x55: ['ESC U', 1], 0x63: ['ESC c', 2], 0x4c: ['ESC L', 0], 0x53: ['ESC S', 0], 0x54: ['ESC T', 1],
};
const fixedGs: Record<number, [string, number]> = {
  0x42: ['GS B', 1], 0x4c: ['GS L', 2], 0x57: ['GS W', 2], 0x61: ['GS a', 1], 0x72: ['GS r', 1],
  0x49: ['GS I', 1], 0x62: ['GS b', 1], 0x50: ['GS P', 2], 0x24: ['GS $', 2], 0x5c: ['GS \\', 2],
};

/** The text of CODE128 data as sent with GS k 73: "{A"/"{B"/"{C" switch sets, "{{" is a brace, FNC1-4 as "{1}".. */
export function decodeCode128Data(bytes: number[]): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b === 0x7b && i + 1 < bytes.length) {
      const next = bytes[i + 1]!;
      i += 1;
      if (next === 0x41 || next === 0x42 || next === 0x43) set = String.fromCharCode(next) as 'A' | 'B' | 'C';
      else if (next === 0x7b) out += '{';
      else if (next === 0x53 && i + 1 < bytes.length) {
        i += 1;
        out += String.fromCharCode(bytes[i]!);
      } else out += `{${String.fromCharCode(next)}}`;
      continue;
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

export function decodeEscPos(input: Uint8Array | number[]): EscPosCommand[] {
  const bytes = Array.from(input);
  const commands: EscPosCommand[] = [];
  let codepage: Codepage | undefined = 'cp437';
  let align: DecodedAlign = 'left';
  let bold = false;
  let width = 1;
  let height = 1;
  let line: { text: string; align: DecodedAlign; bold: boolean; width: number; height: number } | null = null;

  const flush = (force: boolean): void => {
    if (line) commands.push({ type: 'text', ...line });
    else if (force) commands.push({ type: 'text', text: '', align, bold, width, height });
    line = null;
  };
  const resetModes = (): void => {
    codepage = 'cp437';
    align = 'left';
    bold = false;
    width = 1;
    height = 1;
  };

  let i = 0;
  // Reads `count` parameter bytes after a command of `head` bytes, or reports the stream as cut short.
  const params = (head: number, count: number): number[] | null => {
    if (i + head + count > bytes.length) {
      flush(false);
      commands.push({ type: 'truncated', bytes: bytes.slice(i) });
      i = bytes.length;
      return null;
    }
    const p = bytes.slice(i + head, i + head + count);
    i += head + count;
    return p;
  };

  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      flush(true);
      i += 1;
    } else if (b === 0x0d) {
      i += 1;
    } else if (b === 0x1b) {
      const c = bytes[i + 1];
      if (c === undefined) {
        params(1, 1);
        continue;
      }
      switch (c) {
        case 0x40: {
          i += 2;
          line = null; // ESC @ clears the line buffer without printing it
          resetModes();
          commands.push({ type: 'init' });
          break;
        }
        case 0x74: {
          const p = params(2, 1);
          if (!p) break;
          codepage = codepageForTable(p[0]!);
          commands.push({ type: 'codeTable', table: p[0]!, ...(codepage ? { codepage } : {}) });
          break;
        }
        case 0x61: {
          const p = params(2, 1);
          if (!p) break;
          const n = p[0]! % 48;
          align = n === 1 ? 'center' : n === 2 ? 'right' : 'left';
          commands.push({ type: 'align', align });
          break;
        }
        case 0x45: {
          const p = params(2, 1);
          if (!p) break;
          bold = (p[0]! & 1) === 1;
          commands.push({ type: 'bold', on: bold });
          break;
        }
        case 0x21: {
          const p = params(2, 1);
          if (!p) break;
          const n = p[0]!;
          bold = (n & 0x08) !== 0;
          height = n & 0x10 ? 2 : 1;
          width = n & 0x20 ? 2 : 1;
          commands.push({
            type: 'printMode',
            fontB: (n & 1) !== 0,
            bold,
            doubleHeight: height === 2,
            doubleWidth: width === 2,
            underline: (n & 0x80) !== 0,
          });
          break;
        }
        case 0x2d: {
          const p = params(2, 1);
          if (p) commands.push({ type: 'underline', dots: p[0]! % 48 });
          break;
        }
        case 0x4d: {
          const p = params(2, 1);
          if (p) commands.push({ type: 'font', font: p[0]! % 48 });
          break;
        }
        case 0x32: {
          i += 2;
          commands.push({ type: 'lineSpacing', dots: 'default' });
          break;
        }
        case 0x33: {
          const p = params(2, 1);
          if (p) commands.push({ type: 'lineSpacing', dots: p[0]! });
          break;
        }
        case 0x64: {
          const p = params(2, 1);
          if (!p) break;
          flush(false);
          commands.push({ type: 'feed', lines: p[0]! });
          break;
        }
        case 0x4a: {
          const p = params(2, 1);
          if (!p) break;
          flush(false);
          commands.push({ type: 'feedDots', dots: p[0]! });
          break;
        }
        case 0x69:
        case 0x6d: {
          i += 2;
          flush(false);
          commands.push({ type: 'cut', mode: 'partial', feed: null, command: c === 0x69 ? 'ESC i' : 'ESC m' });
          break;
        }
        case 0x70: {
          const start = i;
          const p = params(2, 3);
          if (!p) break;
          const m = p[0]!;
          commands.push({
            type: 'drawerKick',
            pin: m === 1 || m === 49 ? 5 : 2,
            onMs: p[1]! * 2,
            offMs: p[2]! * 2,
            bytes: bytes.slice(start, i),
          });
          break;
        }
        case 0x2a: {
          // ESC * m nL nH d1..dk: bit image, k = (nL + nH*256) columns of 1 or 3 bytes
          const head = params(2, 3);
          if (!head) break;
          const cols = head[1]! + head[2]! * 256;
          const k = cols * (head[0]! >= 32 ? 3 : 1);
          const data = params(0, k);
          if (data) commands.push({ type: 'other', name: 'ESC *', bytes: [0x1b, 0x2a, ...head, ...data] });
          break;
        }
        default: {
          const known = fixedEsc[c];
          if (known) {
            const start = i;
            const p = params(2, known[1]);
            if (p) commands.push({ type: 'other', name: known[0], bytes: bytes.slice(start, i) });
          } else {
            commands.push({ type: 'unknown', bytes: [0x1b, c] });
            i += 2;
          }
        }
      }
    } else if (b === 0x1d) {
      const c = bytes[i + 1];
      if (c === undefined) {
        params(1, 1);
        continue;
      }
      switch (c) {
        case 0x21: {
          const p = params(2, 1);
          if (!p) break;
          width = ((p[0]! >> 4) & 0x07) + 1;
          height = (p[0]! & 0x07) + 1;
          commands.push({ type: 'size', width, height });
          break;
        }
        case 0x56: {
          const first = params(2, 1);
          if (!first) break;
          const m = first[0]!;
          let feed: number | null = null;
          if (m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104) {
            const p = params(0, 1);
            if (!p) break;
            feed = p[0]!;
          }
          flush(false);
          const partial = m === 1 || m === 49 || m === 66 || m === 98 || m === 104;
          commands.push({ type: 'cut', mode: partial ? 'partial' : 'full', feed, command: 'GS V' });
          break;
        }
        case 0x68: {
          const p = params(2, 1);
          if (p) commands.push({ type: 'barcodeHeight', dots: p[0]! });
          break;
        }
        case 0x77: {
          const p = params(2, 1);
          if (p) commands.push({ type: 'barcodeWidth', dots: p[0]! });
          break;
        }
        case 0x48: {
          const p = params(2, 1);
          if (!p) break;
          const positions = ['none', 'above', 'below', 'both'] as const;
          commands.push({ type: 'hriPosition', position: positions[p[0]! % 48] ?? 'none' });
          break;
        }
        case 0x66: {
          const p = params(2, 1);
          if (p) commands.push({ type: 'hriFont', font: p[0]! % 48 });
          break;
        }
        case 0x6b: {
          const mp = params(2, 1);
          if (!mp) break;
          const m = mp[0]!;
          let data: number[] | null;
          if (m <= 6) {
            // Function A: the data runs to a NUL byte.
            const end = bytes.indexOf(0, i);
            if (end < 0) {
              params(0, bytes.length - i + 1);
              break;
            }
            data = bytes.slice(i, end);
            i = end + 1;
          } else {
            const n = params(0, 1);
            data = n ? params(0, n[0]!) : null;
          }
          if (!data) break;
          flush(false);
          const symbology = (m <= 6 ? symbologiesA[m] : symbologiesB[m]) ?? `m=${m}`;
          const text = m === 73 ? decodeCode128Data(data) : String.fromCharCode(...data);
          commands.push({ type: 'barcode', symbology, m, data: text, bytes: data });
          break;
        }
        case 0x28: {
          // GS ( X pL pH ...: length-prefixed functions (2D codes, graphics); stepped over whole.
          const head = params(2, 3);
          if (!head) break;
          const body = params(0, head[1]! + head[2]! * 256);
          if (body) commands.push({ type: 'other', name: `GS ( ${String.fromCharCode(head[0]!)}`, bytes: [0x1d, 0x28, ...head, ...body] });
          break;
        }
        case 0x76: {
          // GS v 0 m xL xH yL yH d1..dk: raster image, k = (xL + xH*256) * (yL + yH*256)
          const head = params(2, 6);
          if (!head) break;
          const body = params(0, (head[2]! + head[3]! * 256) * (head[4]! + head[5]! * 256));
          if (body) commands.push({ type: 'other', name: 'GS v 0', bytes: [0x1d, 0x76, ...head, ...body] });
          break;
        }
        default: {
          const known = fixedGs[c];
          if (known) {
            const start = i;
            const p = params(2, known[1]);
            if (p) commands.push({ type: 'other', name: known[0], bytes: bytes.slice(start, i) });
          } else {
            commands.push({ type: 'unknown', bytes: [0x1d, c] });
            i += 2;
          }
        }
      }
    } else if (b === 0x10) {
      const c = bytes[i + 1];
      if (c === 0x04) {
        const p = params(2, 1);
        if (p) commands.push({ type: 'statusRequest', n: p[0]! });
      } else if (c === 0x14) {
        // DLE DC4 fn m t: real-time pulse and other real-time requests
        const start = i;
        const p = params(2, 3);
        if (p) commands.push({ type: 'other', name: 'DLE DC4', bytes: bytes.slice(start, i) });
      } else {
        commands.push({ type: 'unknown', bytes: bytes.slice(i, i + 2) });
        i += 2;
      }
    } else if (b < 0x20 && b !== 0x09) {
      commands.push({ type: 'unknown', bytes: [b] });
      i += 1;
    } else {
      if (!line) line = { text: '', align, bold, width, height };
      line.text += b === 0x09 ? '\t' : decodeByte(b, codepage);
      i += 1;
    }
  }
  flush(false);
  return commands;
}

/** The printed lines of a stream, in order. */
export function decodedText(commands: EscPosCommand[]): string[] {
  return commands.flatMap((c) => (c.type === 'text' ? [c.text] : []));
}
