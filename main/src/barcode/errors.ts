// Errors cross the module boundary as data with stable dotted codes (CONVENTIONS 5): the checkout and the CLI
// switch on `code`, show `message` to a person, and log `details`.
import { gs1CheckDigit, gs1CheckPair } from './check-digits.js';
import type { AiEntry } from './dictionary.js';
import type { LintCode, LintFailure } from './lint-types.js';

export type Gs1ErrorCode =
  | 'gs1.empty'
  | 'gs1.inputTooLong'
  | 'gs1.invalidOption'
  | 'gs1.unknownSymbology'
  | 'gs1.unrecognisedFormat'
  | 'gs1.malformedElementString'
  | 'gs1.unknownAi'
  | 'gs1.valueTooShort'
  | 'gs1.valueTooLong'
  | 'gs1.missingSeparator'
  | 'gs1.characterNotAllowed'
  | 'gs1.badCheckDigit'
  | 'gs1.impossibleDate'
  | 'gs1.invalidValue'
  | 'gs1.gcpUnavailable'
  | 'gs1.tooManyAis'
  | 'gs1.repeatedAiMismatch'
  | 'gs1.aiNotAllowedTogether'
  | 'gs1.requiredAiMissing'
  | 'gs1.signatureNeedsSerialisedKey'
  | 'gs1.invalidDigitalLink'
  | 'gs1.internalError';

export type Gs1ErrorDetail = string | number | boolean | null | readonly string[];
export type Gs1ErrorDetails = { readonly [key: string]: Gs1ErrorDetail };

export type Gs1Error = {
  readonly code: Gs1ErrorCode;
  /** Plain English for the person at the till, naming the AI and what is wrong. */
  readonly message: string;
  readonly details: Gs1ErrorDetails;
};

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Gs1Error };

export function gs1Error(code: Gs1ErrorCode, message: string, details: Gs1ErrorDetails = {}): Gs1Error {
  return { code, message, details };
}

export function failure(code: Gs1ErrorCode, message: string, details: Gs1ErrorDetails = {}): Result<never> {
  return { ok: false, error: gs1Error(code, message, details) };
}

/** `AI (17) USE BY or EXPIRY`: how every message names an AI. */
export function aiLabel(ai: string, entry?: Pick<AiEntry, 'title'>): string {
  return entry?.title ? `AI (${ai}) ${entry.title}` : `AI (${ai})`;
}

/** Shows a character so that control characters stay visible in a message. */
export function showCharacter(ch: string | undefined): string {
  if (ch === undefined || ch === '') return 'nothing';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || code > 0x7e) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

const CHARACTER_CODES: ReadonlySet<LintCode> = new Set<LintCode>([
  'nonDigitCharacter',
  'invalidCset82Character',
  'invalidCset39Character',
  'invalidCset64Character',
  'invalidCset64Padding',
  'invalidIbanCharacter',
  'invalidImportIdxCharacter',
]);
const CHECK_CODES: ReadonlySet<LintCode> = new Set<LintCode>([
  'incorrectCheckDigit',
  'incorrectCheckPair',
  'incorrectIbanChecksum',
]);
const DATE_CODES: ReadonlySet<LintCode> = new Set<LintCode>([
  'illegalMonth',
  'illegalDay',
  'illegalHour',
  'illegalMinute',
  'illegalSecond',
  'couponInvalidExpirationDate',
  'couponInvalidStartDate',
]);

/** The product-level error code for a linter failure. */
export function errorCodeForLint(code: LintCode): Gs1ErrorCode {
  if (CHARACTER_CODES.has(code)) return 'gs1.characterNotAllowed';
  if (CHECK_CODES.has(code)) return 'gs1.badCheckDigit';
  if (DATE_CODES.has(code)) return 'gs1.impossibleDate';
  if (code === 'gcpDatasourceOffline') return 'gs1.gcpUnavailable';
  if (/TooShort|Truncated|Missing/.test(code)) return 'gs1.valueTooShort';
  if (/TooLong|ExcessData/.test(code)) return 'gs1.valueTooLong';
  return 'gs1.invalidValue';
}

const CHARACTER_SET_NAMES: Partial<Record<LintCode, string>> = {
  invalidCset82Character: 'GS1 character set 82',
  invalidCset39Character: 'GS1 character set 39',
  invalidCset64Character: 'GS1 character set 64',
  invalidIbanCharacter: 'an IBAN',
  invalidImportIdxCharacter: 'an importer index',
};

const LIST_NAMES: Partial<Record<LintCode, string>> = {
  notIso3166: 'an ISO 3166 country code',
  notIso3166Or999: 'an ISO 3166 country code or 999',
  notIso3166Alpha2: 'an ISO 3166 two-letter country code',
  notIso4217: 'an ISO 4217 currency code',
  invalidPackageType: 'a GS1 package type code',
  invalidMediaType: 'a GS1 media type code',
  invalidWindingDirection: 'a winding direction (0, 1 or 9)',
  invalidBiologicalSexCode: 'an ISO 5218 sex code (0, 1, 2 or 9)',
  notZeroOrOne: '0 or 1',
};

const DATE_PARTS: Partial<Record<LintCode, string>> = {
  illegalMonth: 'month',
  illegalDay: 'day',
  illegalHour: 'hour',
  illegalMinute: 'minute',
  illegalSecond: 'second',
};

function words(code: string): string {
  return code
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/**
 * Plain-English sentence for a linter failure on `component`, the part of the value the linter saw, which
 * starts at `offset` within the whole AI value.
 */
export function describeLintFailure(label: string, failure: LintFailure, component: string, offset: number): string {
  const { code, start, length } = failure;
  const at = offset + start + 1;
  const span = component.slice(start, start + length);
  if (code === 'nonDigitCharacter') {
    return `${label} must contain only digits, but has ${showCharacter(component[start])} at position ${at}`;
  }
  const set = CHARACTER_SET_NAMES[code];
  if (set) return `${label} has ${showCharacter(component[start])} at position ${at}, which is not in ${set}`;
  if (code === 'invalidCset64Padding') return `${label} has misplaced '=' padding at position ${at}`;
  if (code === 'incorrectCheckDigit') {
    const expected = gs1CheckDigit(component.slice(0, -1));
    return `${label} check digit should be ${expected}, found ${component.slice(-1)}`;
  }
  if (code === 'incorrectCheckPair') {
    const expected = gs1CheckPair(component.slice(0, -2)) ?? '??';
    return `${label} check characters should be ${expected}, found ${component.slice(-2)}`;
  }
  if (code === 'incorrectIbanChecksum') return `${label} IBAN check digits ${span} do not match the account number`;
  const part = DATE_PARTS[code];
  if (part) return `${label} has ${part} ${span}, which does not exist (in ${component})`;
  const list = LIST_NAMES[code];
  if (list) return `${label} has ${span === '' ? 'nothing' : `'${span}'`} where ${list} is required`;
  if (code === 'gcpDatasourceOffline') return `${label}: the GS1 Company Prefix list is not available to check it`;
  if (code === 'invalidGcpPrefix') return `${label} does not start with a valid GS1 Company Prefix`;
  return `${label} is not valid: ${words(code)}${span ? ` ('${span}' at position ${at})` : ''}`;
}
