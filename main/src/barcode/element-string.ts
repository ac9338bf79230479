// GS1 element strings, both as transmitted (AIs run together, a GS after each variable-length value) and in
// the bracketed human-readable form. Every value is checked component by component against the Syntax
// Dictionary: length, character set and each named linter, because a value that is only "probably right"
// can put the wrong batch or expiry on a dispensing record.
import { DICTIONARY, type AiEntry, type SyntaxDictionary } from './dictionary.js';
import {
  aiLabel,
  describeLintFailure,
  errorCodeForLint,
  failure,
  showCharacter,
  type Result,
} from './errors.js';
import { LINTERS } from './linters.js';
import type { GcpLookup, LintContext } from './lint-types.js';

/** One AI and its value, as read from a scan. */
export type ParsedAi = { readonly ai: string; readonly value: string; readonly entry: AiEntry };

export type ElementStringOptions = {
  /** Accept AIs missing from the dictionary (GS1 may allocate new ones); default false. */
  readonly permitUnknownAis?: boolean;
  /** Optional GS1 Company Prefix allocation check used by the gcppos/key linters. */
  readonly gcpLookup?: GcpLookup;
  /** A printable character that stands for GS in element strings (keyboard-wedge scanners). */
  readonly gsSubstitute?: string;
  readonly dictionary?: SyntaxDictionary;
};

/** GS (group separator), the transmitted form of FNC1 between element strings. */
export const GS = '\u001d';

/** More AIs than this in one scan is not a real carrier; the limit bounds the work done on hostile input. */
export const MAX_AIS = 64;

const CSET_LINTER: Record<AiEntry['components'][number]['cset'], string> = {
  N: 'csetnumeric',
  X: 'cset82',
  Y: 'cset39',
  Z: 'cset64',
};

// Value lengths that the GS1 General Specifications predefine per two-digit AI prefix; an unknown AI under
// one of these prefixes is fixed-length, any other unknown AI is variable-length up to 90 characters.
const PREDEFINED_VALUE_LENGTH: Readonly<Record<string, number>> = {
  '00': 18, '01': 14, '02': 14, '03': 14, '04': 16, '11': 6, '12': 6, '13': 6, '14': 6, '15': 6, '16': 6,
  '17': 6, '18': 6, '19': 6, '20': 2, '31': 6, '32': 6, '33': 6, '34': 6, '35': 6, '36': 6, '41': 13,
};

const UNKNOWN_ENTRIES = new WeakSet<AiEntry>();

/** True for the stand-in entry of an AI that is not in the dictionary (accepted with permitUnknownAis). */
export function isUnknownAiEntry(entry: AiEntry): boolean {
  return UNKNOWN_ENTRIES.has(entry);
}

function unknownAiEntry(ai: string): AiEntry {
  const fixed = PREDEFINED_VALUE_LENGTH[ai.slice(0, 2)];
  const min = fixed ?? 1;
  const max = fixed ?? 90;
  const entry: AiEntry = {
    ai,
    title: 'unknown AI',
    fixedLength: fixed !== undefined,
    dlDataAttribute: false,
    components: [{ cset: 'X', min, max, optional: false, linters: [] }],
    minLength: min,
    maxLength: max,
    requires: [],
    excludes: [],
    dlQualifiers: null,
    otherAttributes: [],
  };
  UNKNOWN_ENTRIES.add(entry);
  return entry;
}

const ALL_DIGITS = /^\d+$/;

/**
 * The dictionary entry for an AI given on its own (bracketed or Digital Link forms). With permitUnknownAis an
 * AI outside the dictionary is accepted when its length agrees with the AIs sharing its two-digit prefix.
 */
export function entryForAi(ai: string, options: ElementStringOptions = {}): AiEntry | null {
  if (ai.length < 2 || ai.length > 4 || !ALL_DIGITS.test(ai)) return null;
  const dictionary = options.dictionary ?? DICTIONARY;
  const known = dictionary.byAi.get(ai);
  if (known) return known;
  if (!options.permitUnknownAis) return null;
  const lengthForPrefix = dictionary.aiLengthByPrefix.get(ai.slice(0, 2));
  if (lengthForPrefix !== undefined && lengthForPrefix !== ai.length) return null;
  return unknownAiEntry(ai);
}

/**
 * The AI that starts `data` at `at` in a transmitted element string. Only prefixes whose AI length is known
 * can be split from their value, so unknown prefixes are never accepted here.
 */
function entryAt(data: string, at: number, options: ElementStringOptions): AiEntry | null {
  const dictionary = options.dictionary ?? DICTIONARY;
  const length = dictionary.aiLengthByPrefix.get(data.slice(at, at + 2));
  if (length === undefined || at + length > data.length) return null;
  const ai = data.slice(at, at + length);
  if (!ALL_DIGITS.test(ai)) return null;
  return dictionary.byAi.get(ai) ?? (options.permitUnknownAis ? unknownAiEntry(ai) : null);
}

/** The dictionary's format specification of an AI, e.g. `N6 [N6]` or `X..20`. */
export function formatSpec(entry: AiEntry): string {
  return entry.components
    .map((c) => {
      const size = c.min === c.max ? `${c.max}` : c.min === 1 ? `..${c.max}` : `${c.min}..${c.max}`;
      return c.optional ? `[${c.cset}${size}]` : `${c.cset}${size}`;
    })
    .join(' ');
}

/**
 * Validates `value` against the entry's components. With `whole` the value must be exactly one AI value;
 * otherwise (transmitted element strings) a fixed-length AI may be followed by more data and the number of
 * characters consumed is returned.
 */
export function validateAiValue(
  entry: AiEntry,
  value: string,
  options: ElementStringOptions & { readonly whole?: boolean } = {},
): Result<number> {
  const label = aiLabel(entry.ai, entry);
  const details = { ai: entry.ai, value };
  if (value.length === 0) return failure('gs1.valueTooShort', `${label} has no value`, details);
  if (options.whole) {
    if (value.length < entry.minLength) {
      return failure(
        'gs1.valueTooShort',
        `${label} is too short: ${value.length} characters, at least ${entry.minLength} needed`,
        { ...details, format: formatSpec(entry) },
      );
    }
    if (value.length > entry.maxLength) {
      return failure(
        'gs1.valueTooLong',
        `${label} is too long: ${value.length} characters, at most ${entry.maxLength} allowed`,
        { ...details, format: formatSpec(entry) },
      );
    }
  }
  const ctx: LintContext = options.gcpLookup ? { gcpLookup: options.gcpLookup } : {};
  let p = 0;
  for (const component of entry.components) {
    const length = Math.min(component.max, value.length - p);
    if (component.optional && length === 0) continue;
    if (length < component.min) {
      return failure(
        'gs1.valueTooShort',
        `${label} is too short: ${value.length} characters for the format ${formatSpec(entry)}`,
        { ...details, format: formatSpec(entry) },
      );
    }
    const part = value.slice(p, p + length);
    for (const name of [CSET_LINTER[component.cset], ...component.linters]) {
      const linter = LINTERS.get(name);
      if (!linter) throw new Error(`No GS1 linter named "${name}"`);
      const bad = linter(part, ctx);
      if (bad) {
        return failure(errorCodeForLint(bad.code), describeLintFailure(label, bad, part, p), {
          ...details,
          check: bad.code,
          linter: name,
          position: p + bad.start,
          length: bad.length,
        });
      }
    }
    p += length;
  }
  return { ok: true, value: p };
}

function isSeparator(code: number, substitute: number): boolean {
  return code === 29 || code === substitute;
}

/**
 * Parses transmitted GS1 element strings: the data after a GS1 symbology identifier, where FNC1 in first
 * position is implied and GS (or the configured substitute) ends each variable-length value. A leading
 * separator (FNC1 sent as GS) and a trailing one are tolerated.
 */
export function parseElementString(data: string, options: ElementStringOptions = {}): Result<ParsedAi[]> {
  const substitute = options.gsSubstitute ? options.gsSubstitute.charCodeAt(0) : -1;
  let i = data.length > 0 && isSeparator(data.charCodeAt(0), substitute) ? 1 : 0;
  if (i >= data.length) return failure('gs1.empty', 'The scan holds no GS1 data', {});
  const ais: ParsedAi[] = [];
  while (i < data.length) {
    if (ais.length === MAX_AIS) {
      return failure('gs1.tooManyAis', `The scan holds more than ${MAX_AIS} AIs`, { limit: MAX_AIS });
    }
    const entry = entryAt(data, i, options);
    if (!entry) {
      const shown = data.slice(i, i + 4);
      return failure('gs1.unknownAi', `No known AI starts the data at position ${i + 1} ('${shown}')`, {
        position: i,
        data: shown,
      });
    }
    const valueStart = i + entry.ai.length;
    let valueEnd = valueStart;
    while (valueEnd < data.length && !isSeparator(data.charCodeAt(valueEnd), substitute)) valueEnd++;
    const value = data.slice(valueStart, valueEnd);
    const checked = validateAiValue(entry, value, options);
    if (!checked.ok) return checked;
    const consumed = checked.value;
    if (!entry.fixedLength && consumed < value.length) {
      const rest = value.slice(consumed);
      const label = aiLabel(entry.ai, entry);
      const details = { ai: entry.ai, value, maxLength: entry.maxLength };
      // A known AI right after the longest allowed value is the usual sign of a lost GS.
      return entryAt(rest, 0, options)
        ? failure(
            'gs1.missingSeparator',
            `${label} runs on past ${entry.maxLength} characters into '${rest.slice(0, 8)}': a GS separator is missing`,
            details,
          )
        : failure(
            'gs1.valueTooLong',
            `${label} is too long: ${value.length} characters, at most ${entry.maxLength} allowed`,
            details,
          );
    }
    ais.push({ ai: entry.ai, value: value.slice(0, consumed), entry });
    i = valueStart + consumed;
    if (i < data.length && isSeparator(data.charCodeAt(i), substitute)) i++;
  }
  return { ok: true, value: ais };
}

/**
 * Parses the bracketed human-readable form, e.g. `(01)09506000134352(17)201225(10)ABC`. A literal `(` inside
 * a value is written `\(`.
 */
export function parseBracketed(text: string, options: ElementStringOptions = {}): Result<ParsedAi[]> {
  if (text.length === 0) return failure('gs1.empty', 'The scan holds no GS1 data', {});
  const ais: ParsedAi[] = [];
  let i = 0;
  while (i < text.length) {
    if (ais.length === MAX_AIS) {
      return failure('gs1.tooManyAis', `The scan holds more than ${MAX_AIS} AIs`, { limit: MAX_AIS });
    }
    if (text[i] !== '(') {
      return failure(
        'gs1.malformedElementString',
        `Expected '(' to open an AI at position ${i + 1}, found ${showCharacter(text[i])}`,
        { position: i },
      );
    }
    const close = text.indexOf(')', i + 1);
    if (close === -1) {
      return failure('gs1.malformedElementString', `The AI opened at position ${i + 1} is never closed`, { position: i });
    }
    const ai = text.slice(i + 1, close);
    if (!/^\d{2,4}$/.test(ai)) {
      return failure('gs1.malformedElementString', `'(${ai})' is not an AI: an AI is two to four digits`, {
        position: i,
        ai,
      });
    }
    const entry = entryForAi(ai, options);
    if (!entry) return failure('gs1.unknownAi', `AI (${ai}) is not a GS1 Application Identifier`, { ai });
    let value = '';
    let j = close + 1;
    for (;;) {
      const next = text.indexOf('(', j);
      const end = next === -1 ? text.length : next;
      if (next !== -1 && text[next - 1] === '\\') {
        value += text.slice(j, next - 1) + '(';
        j = next + 1;
        continue;
      }
      value += text.slice(j, end);
      j = end;
      break;
    }
    const checked = validateAiValue(entry, value, { ...options, whole: true });
    if (!checked.ok) return checked;
    ais.push({ ai, value, entry });
    i = j;
  }
  return { ok: true, value: ais };
}

/** Writes AIs in bracketed form, escaping `(` in values. */
export function toBracketed(ais: readonly { readonly ai: string; readonly value: string }[]): string {
  return ais.map(({ ai, value }) => `(${ai})${value.replaceAll('(', '\\(')}`).join('');
}

/**
 * Writes AIs as transmitted data: a separator after every variable-length value except the last
 * (`separator` defaults to GS; the GS1 syntax engine's notation uses '^').
 */
export function toElementString(
  ais: readonly { readonly ai: string; readonly value: string; readonly entry?: AiEntry }[],
  separator: string = GS,
): string {
  let out = '';
  ais.forEach(({ ai, value, entry }, index) => {
    out += ai + value;
    const fixed = (entry ?? DICTIONARY.byAi.get(ai))?.fixedLength ?? false;
    if (!fixed && index < ais.length - 1) out += separator;
  });
  return out;
}
