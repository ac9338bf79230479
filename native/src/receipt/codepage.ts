// A receipt printer prints one byte per character from the code page selected with ESC t; UTF-8 bytes come
// out as garbage. So every text is first reduced to characters the code page has (transliterating the rest),
// and only then laid out and encoded one byte per character. Control characters never reach the printer:
// a product name must not be able to smuggle in a command.
import { codepageHighHalves } from './codepage-tables.js';

export const codepages = ['cp858', 'cp850', 'cp437', 'cp1252'] as const;
export type Codepage = (typeof codepages)[number];

/** The ESC t table numbers of the ESC/POS character code tables (Epson numbering, followed by most clones). */
export const escPosCodeTable: Record<Codepage, number> = { cp437: 0, cp850: 2, cp1252: 16, cp858: 19 };

const codepageByTable = new Map<number, Codepage>(
  (Object.entries(escPosCodeTable) as [Codepage, number][]).map(([cp, n]) => [n, cp]),
);

/** The code page an ESC t table number selects, when it is one of ours. */
export function codepageForTable(table: number): Codepage | undefined {
  return codepageByTable.get(table);
}

const encoders = new Map<Codepage, Map<string, number>>();

function encoderFor(codepage: Codepage): Map<string, number> {
  let map = encoders.get(codepage);
  if (!map) {
    map = new Map();
    const high = codepageHighHalves[codepage];
    for (let i = 0; i < 128; i += 1) {
      const ch = high[i];
      // NBSP is folded to a plain space before encoding, so it is never looked up here.
      if (ch !== undefined && ch !== '\uFFFD' && ch !== '\u00A0' && !map.has(ch)) map.set(ch, 0x80 + i);
    }
    encoders.set(codepage, map);
  }
  return map;
}

/** The character a byte prints as under a code page; U+FFFD for bytes the page leaves undefined. */
export function decodeByte(byte: number, codepage: Codepage | undefined): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  if (!codepage) return '\uFFFD';
  return codepageHighHalves[codepage][byte - 0x80] ?? '\uFFFD';
}

function isPrintableAscii(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

export function canEncode(ch: string, codepage: Codepage): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return ch.length === 1 && (isPrintableAscii(code) || encoderFor(codepage).has(ch));
}

// Characters that have no place in the common code pages, and the nearest plain spelling. Letters with
// diacritics are handled generically (decomposed, marks dropped) after this table is consulted.
const transliterations: Record<string, string> = {
  '\u00A0': ' ', '\u2007': ' ', '\u2009': ' ', '\u202F': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u2026': '...', '\u2022': '*', '\u00B7': '.',
  '\u20AC': 'EUR', '\u00A3': 'GBP', '\u00A5': 'JPY', '\u20B9': 'INR', '\u20BD': 'RUB', '\u20A9': 'KRW',
  '\u00D7': 'x', '\u00B5': 'u', '\u03BC': 'u', '\u00AE': '(R)', '\u00A9': '(C)', '\u2122': 'TM',
  '\u00B0': 'o', '\u2030': '%o', '\u00BD': '1/2', '\u00BC': '1/4', '\u00BE': '3/4',
  '\u00DF': 'ss', '\u1E9E': 'SS', '\u00E6': 'ae', '\u00C6': 'AE', '\u0153': 'oe', '\u0152': 'OE',
  '\u00F8': 'o', '\u00D8': 'O', '\u0142': 'l', '\u0141': 'L', '\u0111': 'd', '\u0110': 'D',
  '\u00F0': 'd', '\u00D0': 'D', '\u00FE': 'th', '\u00DE': 'Th', '\u0131': 'i', '\u0130': 'I',
  '\u2264': '<=', '\u2265': '>=', '\u00B1': '+/-', '\u2192': '->',
};

function reduceChar(ch: string, codepage: Codepage): string {
  if (canEncode(ch, codepage)) return ch;
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return code === 0x09 ? ' ' : '';
  const mapped = transliterations[ch];
  if (mapped !== undefined) {
    // A transliteration may itself hold characters the page has (ß stays ß in CP858): keep what it can print.
    return [...mapped].map((c) => (canEncode(c, codepage) ? c : '?')).join('');
  }
  const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
  if (stripped.length > 0 && stripped !== ch && [...stripped].every((c) => canEncode(c, codepage))) return stripped;
  if (/\p{M}/u.test(ch)) return '';
  return '?';
}

/**
 * The text as it will print: each character is one the code page has, so a string's length is its width in
 * columns. Transliterates what the page lacks ("€" stays "€" in CP858, becomes "EUR" in CP437) and drops
 * control characters.
 */
export function toPrintable(text: string, codepage: Codepage): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    // Spaces of any width print as one column, and NBSP is printed as the plain space it means.
    out += transliterations[ch] === ' ' ? ' ' : reduceChar(ch, codepage);
  }
  return out;
}

/** Encodes printable text one byte per character; characters that slipped through print as '?'. */
export function encodeText(text: string, codepage: Codepage): Uint8Array {
  const printable = toPrintable(text, codepage);
  const map = encoderFor(codepage);
  const out = new Uint8Array(printable.length);
  for (let i = 0; i < printable.length; i += 1) {
    const ch = printable[i] ?? '?';
    const code = ch.charCodeAt(0);
    out[i] = isPrintableAscii(code) ? code : (map.get(ch) ?? 0x3f);
  }
  return out;
}
