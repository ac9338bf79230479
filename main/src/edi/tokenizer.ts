// X12 names its own separators: the ISA is fixed width (106 characters), so the element separator is its
// 4th character, the sub-element separator its 105th and the segment terminator its 106th. This reads them
// from there, checks that every ISA field has its fixed width, and cuts the rest of the file into segments.
import type { Delimiters } from './contract.js';
import { fail, hasControlCharacter, show } from './errors.js';

/** One segment: `elements[0]` is the segment id, so `elements[n]` is the n-th data element (PO1 02 → [2]). */
export type Segment = {
  id: string;
  elements: string[];
  /** 1-based position in the interchange; the ISA is 1. */
  segment: number;
  /** 1-based line of the file the segment starts on. */
  line: number;
};

export type Tokens = { delimiters: Delimiters; segments: Segment[] };

export type TokenizeOptions = {
  /** Longest input read, in characters (default 10,000,000); longer is `edi.inputTooLarge`. */
  maxLength?: number;
};

export const ISA_LENGTH = 106;
/** Widths of ISA01..ISA16. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
const DEFAULT_MAX_LENGTH = 10_000_000;

/** Offsets of the separator in front of ISA01..ISA16. */
const ISA_SEPARATOR_OFFSETS: readonly number[] = (() => {
  const offsets: number[] = [];
  let offset = 3;
  for (const width of ISA_WIDTHS) {
    offsets.push(offset);
    offset += 1 + width;
  }
  return offsets;
})();

const isBetweenSegments = (ch: string): boolean => ch === '\r' || ch === '\n' || ch === ' ' || ch === '\t';

function isUnusableSeparator(ch: string): boolean {
  return /^[A-Za-z0-9 ]$/.test(ch);
}

export function tokenize(text: string, options: TokenizeOptions = {}): Tokens {
  if (typeof text !== 'string' || text.trim() === '' || text === '\ufeff') {
    fail('edi.empty', 'there is no EDI text to read');
  }
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    fail('edi.inputTooLarge', `the file has ${text.length} characters; at most ${maxLength} are read`, {
      length: text.length,
      maxLength,
    });
  }

  const lines = new LineCounter(text);
  // Leniency: a byte-order mark and blank lines before the ISA are skipped.
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length && isBetweenSegments(text[start] ?? '')) start++;
  if (start >= text.length) fail('edi.empty', 'there is no EDI text to read');
  const isaLine = lines.lineAt(start);
  const isaAt = { segment: 1, line: isaLine, segmentId: 'ISA' };

  if (!text.startsWith('ISA', start)) {
    fail('edi.badEnvelope', `an interchange begins with ISA; found ${show(text.slice(start, start + 3))}`, {
      ...isaAt,
      value: text.slice(start, start + 3),
    });
  }
  const delimiters = readDelimiters(text, start, isaAt);

  const segments: Segment[] = [];
  segments.push({
    id: 'ISA',
    elements: text.slice(start, start + ISA_LENGTH - 1).split(delimiters.element),
    segment: 1,
    line: isaLine,
  });

  let position = start + ISA_LENGTH;
  while (true) {
    while (position < text.length && isBetweenSegments(text[position] ?? '')) position++;
    if (position >= text.length) break;
    const number = segments.length + 1;
    const line = lines.lineAt(position);
    const end = text.indexOf(delimiters.segment, position);
    if (end < 0) {
      const rest = text.slice(position);
      fail('edi.truncated', `the file ends inside segment ${number} (no segment terminator): ${show(rest)}`, {
        segment: number,
        line,
        segmentId: rest.slice(0, 3),
      });
    }
    let content = text.slice(position, end);
    // A file whose terminator is a line feed may still end its lines with CR LF.
    if (delimiters.segment === '\n' && content.endsWith('\r')) content = content.slice(0, -1);
    segments.push(splitSegment(content, delimiters, number, line));
    position = end + 1;
  }
  return { delimiters, segments };
}

function readDelimiters(
  text: string,
  start: number,
  isaAt: { segment: number; line: number; segmentId: string },
): Delimiters {
  const element = text[start + 3] ?? '';
  if (element === '' || isUnusableSeparator(element) || element === '\r' || element === '\n') {
    fail('edi.badSeparators', `the element separator (4th character of ISA) cannot be ${show(element)}`, {
      ...isaAt,
      value: element,
    });
  }
  // Each ISA field has a fixed width, so the separator must stand at each of these offsets.
  for (let field = 1; field < ISA_SEPARATOR_OFFSETS.length; field++) {
    const offset = start + (ISA_SEPARATOR_OFFSETS[field] ?? 0);
    if (offset >= text.length) {
      fail('edi.truncated', `the file ends inside the ISA segment (ISA is ${ISA_LENGTH} characters)`, {
        ...isaAt,
        length: text.length - start,
      });
    }
    if (text[offset] !== element) {
      const name = `ISA${String(field).padStart(2, '0')}`;
      fail(
        'edi.badSeparators',
        `the ISA is not fixed width: ${name} must be exactly ${ISA_WIDTHS[field - 1]} characters ` +
          `(padded with spaces), so the element separator ${show(element)} must follow it`,
        { ...isaAt, element: name, expected: element, actual: text[offset] ?? '' },
      );
    }
  }
  if (start + ISA_LENGTH > text.length) {
    fail('edi.truncated', `the file ends inside the ISA segment (ISA is ${ISA_LENGTH} characters)`, {
      ...isaAt,
      length: text.length - start,
    });
  }
  const subElement = text[start + ISA_LENGTH - 2] ?? '';
  const segment = text[start + ISA_LENGTH - 1] ?? '';
  if (isUnusableSeparator(subElement) || subElement === '\r' || subElement === '\n') {
    fail('edi.badSeparators', `the sub-element separator (ISA16) cannot be ${show(subElement)}`, {
      ...isaAt,
      element: 'ISA16',
      value: subElement,
    });
  }
  if (isUnusableSeparator(segment)) {
    fail(
      'edi.badSeparators',
      `the segment terminator (character ${ISA_LENGTH} of ISA) cannot be ${show(segment)}`,
      {
        ...isaAt,
        value: segment,
      },
    );
  }
  if (segment === element || segment === subElement || subElement === element) {
    fail(
      'edi.badSeparators',
      'the element separator, sub-element separator and segment terminator must differ',
      {
        ...isaAt,
        element: 'ISA16',
        value: `${element}${subElement}${segment}`,
      },
    );
  }
  if (segment === '\r' || segment === '\n') {
    // A file whose ISA lost ISA16 reads its real terminator (say "~") as ISA16 and the line feed after it as
    // the terminator; every later segment then ends in that character. Say so rather than read garbage.
    const next = text.slice(start + ISA_LENGTH).replace(/^[\r\n]+/, '');
    const nextLineEnd = next.search(/[\r\n]/);
    const nextSegment = nextLineEnd < 0 ? next : next.slice(0, nextLineEnd);
    if (nextSegment.length > 0 && nextSegment.endsWith(subElement)) {
      fail(
        'edi.badSeparators',
        `ISA16 seems to be missing: ${show(subElement)} was read as the sub-element separator but also ends ` +
          'the next segment, so it is the segment terminator',
        { ...isaAt, element: 'ISA16', value: subElement },
      );
    }
  }
  return { element, subElement, segment };
}

function splitSegment(content: string, delimiters: Delimiters, number: number, line: number): Segment {
  const elements = content.split(delimiters.element);
  const id = elements[0] ?? '';
  if (content === '') {
    fail('edi.badSegment', `segment ${number}, line ${line} is empty (two terminators in a row)`, {
      segment: number,
      line,
      segmentId: '',
    });
  }
  if (!/^[A-Z][A-Z0-9]{1,2}$/.test(id)) {
    fail('edi.badSegment', `segment ${number}, line ${line}: ${show(id)} is not a segment identifier`, {
      segment: number,
      line,
      segmentId: id.slice(0, 3),
      value: id.slice(0, 40),
    });
  }
  for (let index = 1; index < elements.length; index++) {
    const value = elements[index] ?? '';
    if (hasControlCharacter(value)) {
      const name = `${id}${String(index).padStart(2, '0')}`;
      fail(
        'edi.badElement',
        `segment ${number} (${id}), line ${line}: ${name} holds a control character ${show(value)}`,
        {
          segment: number,
          line,
          segmentId: id,
          element: name,
          value: value.slice(0, 40),
        },
      );
    }
  }
  return { id, elements, segment: number, line };
}

/** Line numbers by offset, counting LF, CR LF and a lone CR as one line break each. */
class LineCounter {
  private readonly breaks: number[] = [];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) this.breaks.push(i);
    }
  }

  /** 1-based line of the character at `offset`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.breaks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.breaks[mid] ?? 0) < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  }
}
