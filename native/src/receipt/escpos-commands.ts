// The ESC/POS commands a receipt needs, each written out byte by byte from the command reference, so that a
// stream is complete by construction (every parameter byte present) and can be checked by the decoder.
import { planCode128 } from './code128.js';

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const LF = 0x0a;

export type DrawerPin = 2 | 5;
export type CutMode = 'partial' | 'full';

function byte(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`${what} must be a byte, got ${n}`);
  return n;
}

/** ESC @: clears the print buffer and resets modes (alignment, emphasis, size, code table) to the defaults. */
export function initialize(): number[] {
  return [ESC, 0x40];
}

/** ESC t n: selects the character code table that bytes 0x80-0xFF print from. */
export function selectCodeTable(table: number): number[] {
  return [ESC, 0x74, byte(table, 'code table')];
}

/** ESC a n: 0 left, 1 centre, 2 right; takes effect at the start of a line. */
export function align(where: 'left' | 'center' | 'right'): number[] {
  return [ESC, 0x61, where === 'left' ? 0 : where === 'center' ? 1 : 2];
}

/** ESC E n: emphasized (bold) on when the lowest bit of n is set. */
export function bold(on: boolean): number[] {
  return [ESC, 0x45, on ? 1 : 0];
}

/** GS ! n: character width multiplier in the high nibble, height in the low nibble (both minus one). */
export function characterSize(width: number, height: number): number[] {
  if (width < 1 || width > 8 || height < 1 || height > 8) throw new RangeError('size multipliers are 1 to 8');
  return [GS, 0x21, ((width - 1) << 4) | (height - 1)];
}

/** ESC d n: prints the buffer and feeds n lines. */
export function feedLines(lines: number): number[] {
  return [ESC, 0x64, byte(lines, 'feed lines')];
}

/**
 * GS V m n (function B): feeds the paper to the cutting position plus n motion units, then cuts; m = 66 for a
 * partial cut (one point left uncut, the receipt hangs until torn), 65 for a full cut.
 */
export function feedAndCut(mode: CutMode, extraFeed = 0): number[] {
  return [GS, 0x56, mode === 'partial' ? 66 : 65, byte(extraFeed, 'cut feed')];
}

/**
 * ESC p m t1 t2: a pulse on the drawer kick-out connector, pin 2 (m = 0) or pin 5 (m = 1), on for t1 x 2 ms and
 * off for t2 x 2 ms. The usual 50 ms / 500 ms pulse is ESC p 0 25 250; all five bytes must be sent.
 */
export function drawerKick(pin: DrawerPin = 2, onMs = 50, offMs = 500): number[] {
  return [ESC, 0x70, pin === 2 ? 0 : 1, byte(Math.round(onMs / 2), 'pulse on time'), byte(Math.round(offMs / 2), 'pulse off time')];
}

/** DLE EOT n: real-time status request, answered with one byte even while the printer is offline. */
export function statusRequest(n: 1 | 2 | 3 | 4): number[] {
  return [DLE, 0x04, n];
}

/** The CODE128 data bytes of GS k 73: each code set stretch is announced with "{B" or "{C"; set C packs digit pairs. */
export function code128Data(data: string): number[] {
  const out: number[] = [];
  for (const segment of planCode128(data).segments) {
    out.push(0x7b, segment.set === 'C' ? 0x43 : 0x42);
    if (segment.set === 'C') {
      for (let i = 0; i < segment.text.length; i += 2) out.push(Number(segment.text.slice(i, i + 2)));
    } else {
      for (const ch of segment.text) {
        const code = ch.charCodeAt(0);
        if (code < 0x20 || code > 0x7e) throw new RangeError('CODE128 set B takes printable ASCII');
        // '{' announces a code set switch, so a literal one is sent twice.
        if (code === 0x7b) out.push(0x7b);
        out.push(code);
      }
    }
  }
  return out;
}

/**
 * A CODE128 bar code, centred, with its human-readable text below: GS H 2 (HRI below), GS f 0 (HRI font A),
 * GS h (height in dots), GS w (module width in dots), then GS k 73 n d1..dn (function B, length-prefixed).
 */
export function barcode128(data: string, moduleWidth: number, heightDots: number): number[] {
  const payload = code128Data(data);
  if (payload.length > 255) throw new RangeError('a GS k bar code carries at most 255 bytes');
  return [
    GS, 0x48, 2,
    GS, 0x66, 0,
    GS, 0x68, byte(heightDots, 'bar code height'),
    GS, 0x77, byte(moduleWidth, 'module width'),
    GS, 0x6b, 73, payload.length, ...payload,
  ];
}
