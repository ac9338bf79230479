// One entry point for every scan the counter receives (DESIGN "Devices": a scan is parsed once, then routed).
// It never throws: hostile or garbled input comes back as a coded error, so a bad scan can never take the
// checkout down or slip an unchecked GTIN, batch or expiry into a sale.
import { validateAssociations } from './associations.js';
import { gs1CheckDigit } from './check-digits.js';
import { resolveYymmdd, resolveYyyymmdd } from './dates.js';
import { looksLikeDigitalLink, parseDigitalLink, type DigitalLinkOptions } from './digital-link.js';
import {
  GS,
  MAX_AIS,
  parseBracketed,
  parseElementString,
  toBracketed,
  type ParsedAi,
} from './element-string.js';
import { aiLabel, failure, gs1Error, type Gs1Error, type Result } from './errors.js';
import type { GcpLookup } from './lint-types.js';

export type ParseScanOptions = {
  /** "Today" for the two-digit-year century window; defaults to the time of the call. */
  readonly now?: Date;
  /**
   * A character that stands for GS (FNC1) in element strings, for keyboard-wedge scanners that cannot type
   * character 29 (e.g. '|' or '~'). It must be one character and not a digit or bracket.
   */
  readonly gsSubstitute?: string;
  /** Check GS1 pairing rules (req/ex, repeats, digital signature key); default true. */
  readonly checkAssociations?: boolean;
  /** Longest input accepted before any parsing; default 4096 characters. */
  readonly maxLength?: number;
  readonly permitUnknownAis?: boolean;
  readonly permitZeroSuppressedGtin?: boolean;
  readonly permitConvenienceAlphas?: boolean;
  readonly permitUnknownAiAttributes?: boolean;
  readonly gcpLookup?: GcpLookup;
};

export type ScanSource = 'gs1' | 'digitalLink' | 'ean' | 'text';

export type ScanAi = { readonly ai: string; readonly value: string; readonly title: string };

/** A parsed scan: plain data, safe to send as JSON. */
export type Scan = {
  readonly source: ScanSource;
  /** Symbology named by the scan's symbology identifier, or null when the scanner sent none. */
  readonly symbology: string | null;
  readonly symbologyId: string | null;
  /** Every AI in the order scanned (for an EAN/UPC, AI (01) with the GTIN-14). */
  readonly ais: readonly ScanAi[];
  /** GTIN-14 from AI (01) or from the EAN/UPC number, always 14 digits. */
  readonly gtin: string | null;
  /** Expiry as YYYY-MM-DD from AI (17), else from the date of AI (7003); day 00 is the month's last day. */
  readonly expiry: string | null;
  /** AI (10) batch or lot number. */
  readonly batch: string | null;
  /** AI (21) serial number. */
  readonly serial: string | null;
  /** Every date AI resolved to YYYY-MM-DD (first date component), keyed by AI. */
  readonly dates: Readonly<Record<string, string>>;
  /** The AIs in bracketed form, e.g. `(01)09506000134352(17)201225`; null for plain text. */
  readonly elementString: string | null;
  /** The data of a non-GS1 symbol (e.g. a prescription number in Code 128); null otherwise. */
  readonly text: string | null;
  /** For a Digital Link: scheme, domain and path before the primary key. */
  readonly digitalLinkStem: string | null;
};

export type ScanResult = Result<Scan>;

export const DEFAULT_MAX_SCAN_LENGTH = 4096;

type SymbologyKind = 'gs1' | 'ean13' | 'ean8' | 'itf' | 'plain';

// ISO/IEC 15424 symbology identifiers; the modifier says whether the data is GS1 (FNC1 in first position).
const SYMBOLOGIES: ReadonlyMap<string, { readonly name: string; readonly kind: SymbologyKind }> = new Map([
  [']C1', { name: 'GS1-128', kind: 'gs1' }],
  [']e0', { name: 'GS1 DataBar', kind: 'gs1' }],
  [']d2', { name: 'GS1 DataMatrix', kind: 'gs1' }],
  [']Q3', { name: 'GS1 QR Code', kind: 'gs1' }],
  [']J1', { name: 'GS1 DotCode', kind: 'gs1' }],
  [']E0', { name: 'EAN-13', kind: 'ean13' }],
  [']E4', { name: 'EAN-8', kind: 'ean8' }],
  [']I0', { name: 'ITF', kind: 'itf' }],
  [']I1', { name: 'ITF', kind: 'itf' }],
  [']d1', { name: 'Data Matrix', kind: 'plain' }],
  [']Q1', { name: 'QR Code', kind: 'plain' }],
  [']J0', { name: 'DotCode', kind: 'plain' }],
  [']C0', { name: 'Code 128', kind: 'plain' }],
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((m) => [`]A${m}`, { name: 'Code 39', kind: 'plain' as const }] as const),
]);

type Context = {
  readonly now: Date;
  readonly options: ParseScanOptions & DigitalLinkOptions;
  readonly symbology: string | null;
  readonly symbologyId: string | null;
};

function checkOptions(options: ParseScanOptions): Gs1Error | null {
  const sub = options.gsSubstitute;
  if (sub !== undefined && (typeof sub !== 'string' || sub.length !== 1 || /[0-9()]/.test(sub))) {
    return gs1Error('gs1.invalidOption', 'gsSubstitute must be a single character that is not a digit or bracket', {
      option: 'gsSubstitute',
    });
  }
  if (options.now !== undefined && !(options.now instanceof Date && Number.isFinite(options.now.getTime()))) {
    return gs1Error('gs1.invalidOption', 'now must be a valid Date', { option: 'now' });
  }
  const max = options.maxLength;
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
    return gs1Error('gs1.invalidOption', 'maxLength must be a positive whole number', { option: 'maxLength' });
  }
  return null;
}

const DATE_LINTERS = new Set(['yymmd0', 'yymmdd', 'yyyymmdd', 'yyyymmd0']);

/** Resolves each AI's first date component; a date that the calendar of its full year lacks is an error. */
function resolveDates(ais: readonly ParsedAi[], now: Date): Result<Record<string, string>> {
  const dates: Record<string, string> = {};
  for (const { ai, value, entry } of ais) {
    let offset = 0;
    for (const component of entry.components) {
      const linter = component.linters.find((l) => DATE_LINTERS.has(l));
      if (linter) {
        const part = value.slice(offset, offset + component.max);
        const resolved =
          linter.startsWith('yyyy') ? resolveYyyymmdd(part, linter.endsWith('0')) : resolveYymmdd(part, now, linter.endsWith('0'));
        if (!resolved.ok) {
          return failure('gs1.impossibleDate', `${aiLabel(ai, entry)} date ${part} does not exist in year ${resolved.year ?? '?'}`, {
            ai,
            value,
            year: resolved.year ?? null,
          });
        }
        dates[ai] ??= resolved.date;
        break;
      }
      offset += component.max;
    }
  }
  return { ok: true, value: dates };
}

function finish(
  source: ScanSource,
  ais: readonly ParsedAi[],
  ctx: Context,
  extra: { readonly stem?: string } = {},
): ScanResult {
  if (ais.length > MAX_AIS) return failure('gs1.tooManyAis', `The scan holds more than ${MAX_AIS} AIs`);
  if (ctx.options.checkAssociations !== false) {
    const bad = validateAssociations(ais);
    if (bad) return { ok: false, error: bad };
  }
  const dates = resolveDates(ais, ctx.now);
  if (!dates.ok) return dates;
  const find = (ai: string) => ais.find((x) => x.ai === ai)?.value ?? null;
  return {
    ok: true,
    value: {
      source,
      symbology: ctx.symbology,
      symbologyId: ctx.symbologyId,
      ais: ais.map(({ ai, value, entry }) => ({ ai, value, title: entry.title })),
      gtin: find('01'),
      expiry: dates.value['17'] ?? dates.value['7003'] ?? null,
      batch: find('10'),
      serial: find('21'),
      dates: dates.value,
      elementString: toBracketed(ais),
      text: null,
      digitalLinkStem: extra.stem ?? null,
    },
  };
}

function textScan(text: string, ctx: Context): ScanResult {
  return {
    ok: true,
    value: {
      source: 'text',
      symbology: ctx.symbology,
      symbologyId: ctx.symbologyId,
      ais: [],
      gtin: null,
      expiry: null,
      batch: null,
      serial: null,
      dates: {},
      elementString: null,
      text,
      digitalLinkStem: null,
    },
  };
}

const GTIN_NAMES: Readonly<Record<number, string>> = { 8: 'GTIN-8', 12: 'GTIN-12', 13: 'GTIN-13', 14: 'GTIN-14' };

/** Checks a GTIN-8/12/13/14 (as printed in EAN/UPC/ITF-14) and returns its 14-digit form. */
function checkGtinDigits(digits: string, expectedLength: number, name: string): Result<string> {
  const details = { value: digits, expectedLength };
  const nonDigit = /\D/.exec(digits);
  if (nonDigit) {
    return failure('gs1.characterNotAllowed', `${name} must contain only digits, found '${nonDigit[0]}'`, details);
  }
  if (digits.length < expectedLength) {
    return failure('gs1.valueTooShort', `${name} needs ${expectedLength} digits, found ${digits.length}`, details);
  }
  if (digits.length > expectedLength) {
    return failure('gs1.valueTooLong', `${name} needs ${expectedLength} digits, found ${digits.length}`, details);
  }
  const expected = gs1CheckDigit(digits.slice(0, -1));
  const found = digits.slice(-1);
  if (String(expected) !== found) {
    return failure('gs1.badCheckDigit', `${name} check digit should be ${expected}, found ${found}`, {
      ...details,
      expected: String(expected),
      found,
    });
  }
  return { ok: true, value: digits.padStart(14, '0') };
}

function gtinScan(digits: string, expectedLength: number, name: string, composite: string | null, ctx: Context) {
  const gtin = checkGtinDigits(digits, expectedLength, name);
  if (!gtin.ok) return gtin;
  const primary = parseBracketed(`(01)${gtin.value}`);
  if (!primary.ok) return primary;
  if (composite === null) return finish('ean', primary.value, ctx);
  const cc = parseElementString(composite, ctx.options);
  if (!cc.ok) return cc;
  return finish('gs1', [...primary.value, ...cc.value], ctx);
}

function digitalLinkScan(uri: string, ctx: Context): ScanResult {
  const dl = parseDigitalLink(uri, ctx.options);
  return dl.ok ? finish('digitalLink', dl.value.ais, ctx, { stem: dl.value.stem }) : dl;
}

const COMPOSITE_MARK = '|]e0';

function parseWithSymbology(data: string, ctx: Context & { kind: SymbologyKind }): ScanResult {
  switch (ctx.kind) {
    case 'gs1': {
      // Some scanners can be set to send the human-readable bracketed form behind the identifier.
      const ais = data.startsWith('(') ? parseBracketed(data, ctx.options) : parseElementString(data, ctx.options);
      return ais.ok ? finish('gs1', ais.value, ctx) : ais;
    }
    case 'ean13':
    case 'ean8': {
      const length = ctx.kind === 'ean13' ? 13 : 8;
      const mark = data.indexOf(COMPOSITE_MARK);
      const primary = mark === length ? data.slice(0, length) : data;
      const composite = mark === length ? data.slice(length + COMPOSITE_MARK.length) : null;
      return gtinScan(primary, length, ctx.kind === 'ean13' ? 'EAN-13' : 'EAN-8', composite, ctx);
    }
    case 'itf':
      return /^\d{14}$/.test(data) ? gtinScan(data, 14, 'ITF-14', null, ctx) : textScan(data, ctx);
    case 'plain':
      return looksLikeDigitalLink(data) ? digitalLinkScan(data, ctx) : textScan(data, ctx);
  }
}

function stripLineEnds(input: string): string {
  let start = 0;
  let end = input.length;
  while (start < end && (input[start] === '\r' || input[start] === '\n')) start++;
  while (end > start && (input[end - 1] === '\r' || input[end - 1] === '\n')) end--;
  return input.slice(start, end);
}

function parse(input: string, options: ParseScanOptions): ScanResult {
  const badOption = checkOptions(options);
  if (badOption) return { ok: false, error: badOption };
  const max = options.maxLength ?? DEFAULT_MAX_SCAN_LENGTH;
  if (input.length > max) {
    return failure('gs1.inputTooLong', `The scan is ${input.length} characters long; at most ${max} are accepted`, {
      length: input.length,
      maxLength: max,
    });
  }
  // A keyboard wedge ends each scan with Enter: CR/LF at the ends is transport, not data.
  const scan = stripLineEnds(input);
  if (scan.length === 0) return failure('gs1.empty', 'The scan is empty');
  const base = { now: options.now ?? new Date(), options, symbology: null, symbologyId: null };

  if (scan.startsWith(']')) {
    const id = scan.slice(0, 3);
    if (id.length < 3) {
      return failure('gs1.unknownSymbology', `'${id}' is not a complete symbology identifier`, { symbologyId: id });
    }
    const symbology = SYMBOLOGIES.get(id);
    if (!symbology) {
      return failure('gs1.unknownSymbology', `Symbology identifier '${id}' is not supported`, { symbologyId: id });
    }
    return parseWithSymbology(scan.slice(3), {
      ...base,
      symbology: symbology.name,
      symbologyId: id,
      kind: symbology.kind,
    });
  }
  if (scan.startsWith('(')) {
    const ais = parseBracketed(scan, options);
    return ais.ok ? finish('gs1', ais.value, base) : ais;
  }
  if (looksLikeDigitalLink(scan)) return digitalLinkScan(scan, base);
  if (/^\d+$/.test(scan) && GTIN_NAMES[scan.length]) {
    return gtinScan(scan, scan.length, GTIN_NAMES[scan.length] ?? 'GTIN', null, base);
  }
  const first = scan[0];
  if (first === GS || first === options.gsSubstitute || /^\d\d/.test(scan)) {
    const ais = parseElementString(scan, options);
    return ais.ok ? finish('gs1', ais.value, base) : ais;
  }
  return failure(
    'gs1.unrecognisedFormat',
    'The scan is not GS1 data, a GS1 Digital Link or an EAN/UPC number, and carries no symbology identifier',
    { length: scan.length },
  );
}

/**
 * Parses one scan: GS1 element strings behind a symbology identifier (]C1 ]e0 ]d2 ]Q3 ]J1), bracketed
 * element strings, GS1 Digital Link URIs, EAN-13/UPC-A/EAN-8/ITF-14 (]E0 ]E4 ]I0/]I1 or bare digits, with
 * any EAN composite component), and plain text from non-GS1 symbols (]Q1 ]d1 ]J0 ]C0 ]A0-]A7).
 * Never throws: every failure is `{ ok: false, error: { code, message, details } }`.
 */
export function parseScan(input: string, options: ParseScanOptions = {}): ScanResult {
  try {
    if (typeof input !== 'string') return failure('gs1.empty', 'No scan data was given');
    return parse(input, options ?? {});
  } catch (e: unknown) {
    // Reaching here is a defect in this module, reported as data so that the till keeps working.
    return failure('gs1.internalError', 'The scan could not be read because of an internal error', {
      reason: e instanceof Error ? e.message : String(e),
    });
  }
}
