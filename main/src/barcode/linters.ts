// The GS1 Barcode Syntax Tests ("linters") that the Syntax Dictionary names per AI component: each one rejects
// a value that fits the AI's length and character set yet cannot be true (bad check digit, month 13, a
// country code that does not exist), so that such a scan never becomes a sale or a dispense.
import { CHECK_PAIR_MAX_DATA_LENGTH, cset82Value, gs1CheckDigit, gs1CheckPair } from './check-digits.js';
import { ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC, MEDIA_TYPES, PACKAGE_TYPES } from './code-lists.js';
import { lintCouponCode, lintCouponPosOffer } from './linters-coupon.js';
import { fail, type GcpLookup, type LintContext, type LintFailure, type Linter } from './lint-types.js';

export type { GcpLookup, LintCode, LintContext, LintFailure, Linter } from './lint-types.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function firstNonDigit(value: string): number {
  for (let i = 0; i < value.length; i++) if (!isDigit(value.charCodeAt(i))) return i;
  return -1;
}

function twoDigits(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + (value.charCodeAt(at + 1) - 48);
}

export const lintCsetNumeric: Linter = (v) => {
  const at = firstNonDigit(v);
  return at === -1 ? null : fail('nonDigitCharacter', at, 1);
};

export const lintCset82: Linter = (v) => {
  for (let i = 0; i < v.length; i++) if (cset82Value(v.charCodeAt(i)) < 0) return fail('invalidCset82Character', i, 1);
  return null;
};

const CSET39 = /[^#\-/0-9A-Z]/;
export const lintCset39: Linter = (v) => {
  const m = CSET39.exec(v);
  return m ? fail('invalidCset39Character', m.index, 1) : null;
};

const CSET64 = /[^A-Za-z0-9\-_]/;
export const lintCset64: Linter = (v) => {
  let pads = 0;
  while (pads < v.length && v.charCodeAt(v.length - pads - 1) === 61 /* = */) pads++;
  const len = v.length - pads;
  // Padding is optional, at most two characters, and only where it completes a group of three.
  if (pads > 2 || (pads > 0 && v.length % 3 !== 0)) return fail('invalidCset64Padding', len, pads);
  const m = CSET64.exec(v.slice(0, len));
  return m ? fail('invalidCset64Character', m.index, 1) : null;
};

export const lintCsum: Linter = (v) => {
  if (v.length === 0) return fail('tooShortForCheckDigit', 0, 0);
  const at = firstNonDigit(v);
  if (at !== -1) return fail('nonDigitCharacter', at, 1);
  return gs1CheckDigit(v.slice(0, -1)) === v.charCodeAt(v.length - 1) - 48
    ? null
    : fail('incorrectCheckDigit', v.length - 1, 1);
};

export const lintCsumAlpha: Linter = (v) => {
  if (v.length < 2) return fail('tooShortForCheckPair', 0, v.length);
  if (v.length - 2 > CHECK_PAIR_MAX_DATA_LENGTH) return fail('tooLongForCheckPairImplementation', 0, v.length);
  const data = v.slice(0, -2);
  const bad = lintCset82(data, {});
  if (bad) return bad;
  return gs1CheckPair(data) === v.slice(-2) ? null : fail('incorrectCheckPair', v.length - 2, 2);
};

const GCP_MIN_LENGTH = 4;

function consultGcpLookup(lookup: GcpLookup | undefined, data: string, start: number, length: number) {
  if (!lookup) return null;
  const verdict = lookup(data);
  if (verdict === 'offline') return fail('gcpDatasourceOffline', start, length);
  if (verdict === 'invalid') return fail('invalidGcpPrefix', start, length);
  return null;
}

function lintGcpAt(v: string, offset: number, short: 'tooShortForGcp' | 'tooShortForKey', ctx: LintContext) {
  if (v.length - offset < GCP_MIN_LENGTH) {
    return v.length <= offset ? fail(short, 0, v.length) : fail(short, offset, v.length - offset);
  }
  for (let i = offset; i < offset + GCP_MIN_LENGTH; i++) {
    if (!isDigit(v.charCodeAt(i))) return fail('invalidGcpPrefix', i, 1);
  }
  return consultGcpLookup(ctx.gcpLookup, v.slice(offset), offset, v.length - offset);
}

/** The value starts with a GS1 Company Prefix. */
export const lintKey: Linter = (v, ctx) => lintGcpAt(v, 0, 'tooShortForKey', ctx);
export const lintGcpPos1: Linter = (v, ctx) => lintGcpAt(v, 0, 'tooShortForGcp', ctx);
/** The GS1 Company Prefix starts at the second character (after an indicator digit). */
export const lintGcpPos2: Linter = (v, ctx) => lintGcpAt(v, 1, 'tooShortForGcp', ctx);

export const lintHasNonDigit: Linter = (v) =>
  firstNonDigit(v) === -1 ? fail('requiresNonDigitCharacter', 0, v.length) : null;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1..12) of `year`; a two-digit year follows the every-fourth-year rule. */
export function daysInMonth(year: number, month: number, twoDigitYear = false): number {
  if (month === 2) return (twoDigitYear ? year % 4 === 0 : isLeapYear(year)) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function lintDate(v: string, yearDigits: 2 | 4, allowDayZero: boolean): LintFailure | null {
  const len = yearDigits + 4;
  if (v.length < len) return fail('dateTooShort', 0, v.length);
  if (v.length > len) return fail('dateTooLong', 0, v.length);
  const at = firstNonDigit(v);
  if (at !== -1) return fail('nonDigitCharacter', at, 1);
  const year = yearDigits === 2 ? twoDigits(v, 0) : Number(v.slice(0, 4));
  const month = twoDigits(v, yearDigits);
  if (month < 1 || month > 12) return fail('illegalMonth', yearDigits, 2);
  const day = twoDigits(v, yearDigits + 2);
  if ((day === 0 && !allowDayZero) || day > daysInMonth(year, month, yearDigits === 2)) {
    return fail('illegalDay', yearDigits + 2, 2);
  }
  return null;
}

export const lintYymmdd: Linter = (v) => lintDate(v, 2, false);
/** As yymmdd, but day 00 is allowed and means the last day of the month. */
export const lintYymmd0: Linter = (v) => lintDate(v, 2, true);
export const lintYyyymmdd: Linter = (v) => lintDate(v, 4, false);
export const lintYyyymmd0: Linter = (v) => lintDate(v, 4, true);

function lintTwoDigitField(
  v: string,
  limit: number,
  codes: { short: LintFailure['code']; long: LintFailure['code']; illegal: LintFailure['code'] },
): LintFailure | null {
  if (v.length < 2) return fail(codes.short, 0, v.length);
  if (v.length > 2) return fail(codes.long, 0, v.length);
  const at = firstNonDigit(v);
  if (at !== -1) return fail('nonDigitCharacter', at, 1);
  return twoDigits(v, 0) > limit ? fail(codes.illegal, 0, 2) : null;
}

export const lintHh: Linter = (v) =>
  lintTwoDigitField(v, 23, { short: 'hourTooShort', long: 'hourTooLong', illegal: 'illegalHour' });
export const lintMi: Linter = (v) =>
  lintTwoDigitField(v, 59, { short: 'minuteTooShort', long: 'minuteTooLong', illegal: 'illegalMinute' });
export const lintSs: Linter = (v) =>
  lintTwoDigitField(v, 59, { short: 'secondTooShort', long: 'secondTooLong', illegal: 'illegalSecond' });

export const lintHhmi: Linter = (v) => {
  if (v.length < 4) return fail('hourWithMinuteTooShort', 0, v.length);
  if (v.length > 4) return fail('hourWithMinuteTooLong', 0, v.length);
  const at = firstNonDigit(v);
  if (at !== -1) return fail('nonDigitCharacter', at, 1);
  if (twoDigits(v, 0) > 23) return fail('illegalHour', 0, 2);
  return twoDigits(v, 2) > 59 ? fail('illegalMinute', 2, 2) : null;
};

export const lintHyphen: Linter = (v) => (/^-+$/.test(v) ? null : fail('notHyphen', 0, v.length));
export const lintYesNo: Linter = (v) => (v === '0' || v === '1' ? null : fail('notZeroOrOne', 0, v.length));
export const lintZero: Linter = (v) => (/^0+$/.test(v) ? null : fail('notZero', 0, v.length));

export const lintNonZero: Linter = (v) => {
  const at = firstNonDigit(v);
  if (at !== -1) return fail('nonDigitCharacter', at, 1);
  return /[1-9]/.test(v) ? null : fail('illegalZeroValue', 0, v.length);
};

export const lintNoZeroPrefix: Linter = (v) => {
  const at = firstNonDigit(v);
  if (at !== -1) return fail('nonDigitCharacter', at, 1);
  return v.charCodeAt(0) === 48 ? fail('illegalZeroPrefix', 0, 1) : null;
};

const inList = (list: ReadonlySet<string>, code: LintFailure['code']): Linter =>
  (v) => (list.has(v) ? null : fail(code, 0, v.length));

export const lintWinding: Linter = inList(new Set(['0', '1', '9']), 'invalidWindingDirection');
export const lintIso5218: Linter = inList(new Set(['0', '1', '2', '9']), 'invalidBiologicalSexCode');
export const lintIso3166: Linter = inList(ISO3166_NUMERIC, 'notIso3166');
export const lintIso3166Alpha2: Linter = inList(ISO3166_ALPHA2, 'notIso3166Alpha2');
export const lintIso4217: Linter = inList(ISO4217_NUMERIC, 'notIso4217');
export const lintPackageType: Linter = inList(PACKAGE_TYPES, 'invalidPackageType');
export const lintMediaType: Linter = inList(MEDIA_TYPES, 'invalidMediaType');
export const lintIso3166Or999: Linter = (v) =>
  v === '999' || ISO3166_NUMERIC.has(v) ? null : fail('notIso3166Or999', 0, v.length);

export const lintImporterIdx: Linter = (v) => {
  if (v.length !== 1) return fail('importerIdxMustBeOneCharacter', 0, v.length);
  return /^[0-9A-Za-z_-]$/.test(v) ? null : fail('invalidImportIdxCharacter', 0, 1);
};

const HEX = /^[0-9A-Fa-f]{2}$/;
export const lintPcenc: Linter = (v) => {
  for (let i = v.indexOf('%'); i !== -1; i = v.indexOf('%', i + 1)) {
    if (!HEX.test(v.slice(i + 1, i + 3))) return fail('invalidPercentSequence', i, Math.min(3, v.length - i));
    i += 2;
  }
  return null;
};

export const lintPieceOfTotal: Linter = (v) => {
  if (v.length === 0 || v.length % 2 !== 0) return fail('invalidLengthForPieceOfTotal', 0, v.length);
  const at = firstNonDigit(v);
  if (at !== -1) return fail('nonDigitCharacter', at, 1);
  const half = v.length / 2;
  const piece = Number(v.slice(0, half));
  const total = Number(v.slice(half));
  if (piece === 0) return fail('zeroPieceNumber', 0, half);
  if (total === 0) return fail('zeroTotalPieces', half, half);
  return piece > total ? fail('pieceNumberExceedsTotal', 0, v.length) : null;
};

export const lintPosInSeqSlash: Linter = (v) => {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  if (!m || m[1] === undefined || m[2] === undefined) return fail('positionInSequenceMalformed', 0, v.length);
  const position = m[1];
  const end = m[2];
  if (position.startsWith('0')) return fail('illegalZeroPrefix', 0, position.length);
  if (end.startsWith('0')) return fail('illegalZeroPrefix', position.length + 1, end.length);
  return Number(position) > Number(end) ? fail('positionExceedsEnd', 0, v.length) : null;
};

function lintCoordinate(v: string, max: number, invalidLength: LintFailure['code'], invalid: LintFailure['code']) {
  if (v.length !== 10) return fail(invalidLength, 0, v.length);
  const at = firstNonDigit(v);
  if (at !== -1) return fail('nonDigitCharacter', at, 1);
  return Number(v) > max ? fail(invalid, 0, v.length) : null;
}

/** Latitude as ten digits: (degrees + 90) × 10^7, so 0 .. 1800000000. */
export const lintLatitude: Linter = (v) =>
  lintCoordinate(v, 1_800_000_000, 'latitudeInvalidLength', 'invalidLatitude');
/** Longitude as ten digits: (degrees + 180) × 10^7, so 0 .. 3600000000. */
export const lintLongitude: Linter = (v) =>
  lintCoordinate(v, 3_600_000_000, 'longitudeInvalidLength', 'invalidLongitude');

export const lintIban: Linter = (v) => {
  if (v.length <= 4) return fail('ibanTooShort', 0, v.length);
  if (v.length > 34) return fail('ibanTooLong', 0, v.length);
  const bad = /[^0-9A-Z]/.exec(v);
  if (bad) return fail('invalidIbanCharacter', bad.index, 1);
  if (!ISO3166_ALPHA2.has(v.slice(0, 2))) return fail('illegalIbanCountryCode', 0, 2);
  // ISO 13616: move the first four characters to the end, read letters as 10..35, and the number mod 97 is 1.
  const rotated = v.slice(4) + v.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rotated.length; i++) {
    const c = rotated.charCodeAt(i);
    remainder = c <= 57 ? (remainder * 10 + (c - 48)) % 97 : (remainder * 100 + (c - 55)) % 97;
  }
  return remainder === 1 ? null : fail('incorrectIbanChecksum', 2, 2);
};

/** Every linter by the name the Syntax Dictionary uses for it. */
export const LINTERS: ReadonlyMap<string, Linter> = new Map<string, Linter>([
  ['csetnumeric', lintCsetNumeric],
  ['cset82', lintCset82],
  ['cset39', lintCset39],
  ['cset64', lintCset64],
  ['csum', lintCsum],
  ['csumalpha', lintCsumAlpha],
  ['key', lintKey],
  ['gcppos1', lintGcpPos1],
  ['gcppos2', lintGcpPos2],
  ['hasnondigit', lintHasNonDigit],
  ['yymmdd', lintYymmdd],
  ['yymmd0', lintYymmd0],
  ['yyyymmdd', lintYyyymmdd],
  ['yyyymmd0', lintYyyymmd0],
  ['hh', lintHh],
  ['mi', lintMi],
  ['ss', lintSs],
  ['hhmi', lintHhmi],
  ['hyphen', lintHyphen],
  ['yesno', lintYesNo],
  ['zero', lintZero],
  ['nonzero', lintNonZero],
  ['nozeroprefix', lintNoZeroPrefix],
  ['winding', lintWinding],
  ['iso5218', lintIso5218],
  ['iso3166', lintIso3166],
  ['iso3166999', lintIso3166Or999],
  ['iso3166alpha2', lintIso3166Alpha2],
  ['iso4217', lintIso4217],
  ['packagetype', lintPackageType],
  ['mediatype', lintMediaType],
  ['importeridx', lintImporterIdx],
  ['pcenc', lintPcenc],
  ['pieceoftotal', lintPieceOfTotal],
  ['posinseqslash', lintPosInSeqSlash],
  ['latitude', lintLatitude],
  ['longitude', lintLongitude],
  ['iban', lintIban],
  ['couponcode', lintCouponCode],
  ['couponposoffer', lintCouponPosOffer],
]);

/** Runs the named linter; an unknown name is a programming error and throws. */
export function runLinter(name: string, value: string, ctx: LintContext = {}): LintFailure | null {
  const linter = LINTERS.get(name);
  if (!linter) throw new Error(`No GS1 linter named "${name}"`);
  return linter(value, ctx);
}
