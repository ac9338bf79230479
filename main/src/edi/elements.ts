// Reading one data element with its X12 type (AN text, ID code, DT date, TM time, N0/N2 implied decimals,
// R decimal): each reader refuses a bad value with `edi.badElement`, naming the segment, line and element.
import type { Amount } from './contract.js';
import { readDecimal, isSafe } from './decimal.js';
import { at, fail, show, where, type SegmentLocation } from './errors.js';
import type { Segment } from './tokenizer.js';

export function elementName(segment: Segment, index: number): string {
  return `${segment.id}${String(index).padStart(2, '0')}`;
}

export function locationOf(segment: Segment): SegmentLocation {
  return { segment: segment.segment, line: segment.line, segmentId: segment.id };
}

export function badElement(segment: Segment, index: number, reason: string, value?: string): never {
  const name = elementName(segment, index);
  const shown = value === undefined ? '' : ` (${show(value)})`;
  fail(
    'edi.badElement',
    `${where(locationOf(segment))}: ${name} ${reason}${shown}`,
    at(locationOf(segment), {
      element: name,
      ...(value === undefined ? {} : { value: value.slice(0, 80) }),
    }),
  );
}

/** The raw element, '' when the segment is shorter. */
export function raw(segment: Segment, index: number): string {
  return segment.elements[index] ?? '';
}

type Length = { min?: number; max?: number };

function checkLength(segment: Segment, index: number, value: string, length: Length): void {
  if (length.min !== undefined && value.length < length.min) {
    badElement(segment, index, `must be at least ${length.min} characters`, value);
  }
  if (length.max !== undefined && value.length > length.max) {
    badElement(segment, index, `must be at most ${length.max} characters`, value);
  }
}

/** AN: text; null when empty. */
export function optionalText(segment: Segment, index: number, length: Length = {}): string | null {
  const value = raw(segment, index);
  if (value === '') return null;
  checkLength(segment, index, value, length);
  return value;
}

export function requiredText(segment: Segment, index: number, length: Length = {}): string {
  const value = optionalText(segment, index, length);
  if (value === null) badElement(segment, index, 'is required');
  return value;
}

/** ID: a code of upper-case letters and digits; optionally one of `allowed`. */
export function optionalCode(
  segment: Segment,
  index: number,
  length: Length = {},
  allowed?: readonly string[],
): string | null {
  const value = raw(segment, index);
  if (value === '') return null;
  checkLength(segment, index, value, length);
  if (!/^[A-Z0-9]+$/.test(value))
    badElement(segment, index, 'is not a code (upper-case letters and digits)', value);
  if (allowed !== undefined && !allowed.includes(value)) {
    badElement(segment, index, `must be one of ${allowed.join(', ')}`, value);
  }
  return value;
}

export function requiredCode(
  segment: Segment,
  index: number,
  length: Length = {},
  allowed?: readonly string[],
): string {
  const value = optionalCode(segment, index, length, allowed);
  if (value === null) badElement(segment, index, 'is required');
  return value;
}

function isDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** DT as CCYYMMDD → YYYY-MM-DD. */
export function optionalDate(segment: Segment, index: number): string | null {
  const value = raw(segment, index);
  if (value === '') return null;
  if (!/^\d{8}$/.test(value)) badElement(segment, index, 'must be a date as CCYYMMDD', value);
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  if (!isDate(year, month, day)) badElement(segment, index, 'is not a calendar date', value);
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

export function requiredDate(segment: Segment, index: number): string {
  const value = optionalDate(segment, index);
  if (value === null) badElement(segment, index, 'is required');
  return value;
}

/** DT as YYMMDD (the ISA) → 20YY-MM-DD. */
export function shortDate(segment: Segment, index: number): string {
  const value = raw(segment, index);
  if (!/^\d{6}$/.test(value)) badElement(segment, index, 'must be a date as YYMMDD', value);
  const year = 2000 + Number(value.slice(0, 2));
  if (!isDate(year, Number(value.slice(2, 4)), Number(value.slice(4, 6)))) {
    badElement(segment, index, 'is not a calendar date', value);
  }
  return `${year}-${value.slice(2, 4)}-${value.slice(4, 6)}`;
}

/** TM as HHMM, HHMMSS or HHMMSSD..: → HH:MM or HH:MM:SS. */
export function time(segment: Segment, index: number, allowSeconds: boolean): string {
  const value = raw(segment, index);
  const pattern = allowSeconds ? /^(\d{2})(\d{2})(?:(\d{2})\d{0,2})?$/ : /^(\d{2})(\d{2})$/;
  const match = pattern.exec(value);
  if (match === null)
    badElement(
      segment,
      index,
      allowSeconds ? 'must be a time as HHMM[SS[DD]]' : 'must be a time as HHMM',
      value,
    );
  const [hours, minutes, seconds] = [
    Number(match[1]),
    Number(match[2]),
    match[3] === undefined ? null : Number(match[3]),
  ];
  if (hours > 23 || minutes > 59 || (seconds !== null && seconds > 59))
    badElement(segment, index, 'is not a time of day', value);
  return seconds === null ? `${match[1]}:${match[2]}` : `${match[1]}:${match[2]}:${match[3]}`;
}

/** N0: a whole number without sign. */
export function optionalCount(segment: Segment, index: number, maxDigits = 9): number | null {
  const value = raw(segment, index);
  if (value === '') return null;
  if (!/^\d+$/.test(value)) badElement(segment, index, 'must be a whole number', value);
  if (value.replace(/^0+(?=\d)/, '').length > maxDigits)
    badElement(segment, index, `has more than ${maxDigits} digits`, value);
  return Number(value);
}

export function requiredCount(segment: Segment, index: number, maxDigits = 9): number {
  const value = optionalCount(segment, index, maxDigits);
  if (value === null) badElement(segment, index, 'is required');
  return value;
}

/**
 * R: a decimal, exact. The exponent is the number of decimals written, raised to `minExponent` (the
 * currency's) so that "7.5" dollars is 750 cents at exponent 2.
 */
export function optionalDecimal(
  segment: Segment,
  index: number,
  options: { minExponent?: number; allowNegative?: boolean } = {},
): Amount | null {
  const value = raw(segment, index);
  if (value === '') return null;
  const parsed = readDecimal(value);
  if (parsed === null) badElement(segment, index, 'is not a decimal number', value);
  if (parsed.minor < 0n && options.allowNegative !== true)
    badElement(segment, index, 'must not be negative', value);
  if (parsed.digits > 15) badElement(segment, index, 'has more than 15 significant digits', value);
  if (parsed.exponent > 15) badElement(segment, index, 'has more than 15 decimals', value);
  const exponent = Math.max(parsed.exponent, options.minExponent ?? 0);
  const minor = parsed.minor * 10n ** BigInt(exponent - parsed.exponent);
  if (!isSafe(minor))
    fail(
      'edi.amountOverflow',
      `${where(locationOf(segment))}: ${elementName(segment, index)} is too large to hold exactly`,
      at(locationOf(segment), { element: elementName(segment, index), value }),
    );
  return { minor: Number(minor), exponent };
}

/** N2 (or Nn): digits with `decimals` implied decimals and an optional minus ("21740" is 217.40). */
export function optionalImplied(
  segment: Segment,
  index: number,
  decimals: number,
  minExponent = 0,
): Amount | null {
  const value = raw(segment, index);
  if (value === '') return null;
  if (!/^-?\d{1,18}$/.test(value))
    badElement(segment, index, `must be digits with ${decimals} implied decimals`, value);
  const exponent = Math.max(decimals, minExponent);
  const minor = BigInt(value) * 10n ** BigInt(exponent - decimals);
  if (!isSafe(minor))
    fail(
      'edi.amountOverflow',
      `${where(locationOf(segment))}: ${elementName(segment, index)} is too large to hold exactly`,
      at(locationOf(segment), { element: elementName(segment, index), value }),
    );
  return { minor: Number(minor), exponent };
}

/** A quantity: an R value that must be whole and not negative ("3", "3.0"); Mortar counts whole units. */
export function optionalQuantity(segment: Segment, index: number): number | null {
  const value = raw(segment, index);
  if (value === '') return null;
  const parsed = readDecimal(value);
  if (parsed === null) badElement(segment, index, 'is not a number', value);
  if (parsed.minor < 0n) badElement(segment, index, 'must not be negative', value);
  const scale = 10n ** BigInt(parsed.exponent);
  if (parsed.minor % scale !== 0n)
    badElement(segment, index, 'is a fractional quantity; only whole units are supported', value);
  const whole = parsed.minor / scale;
  if (whole > 999_999_999n) badElement(segment, index, 'is more than 999,999,999', value);
  return Number(whole);
}

/** A percentage or rate as exact decimal text, normalised ("7.250" stays "7.250"; ".5" becomes "0.5"). */
export function optionalPercent(segment: Segment, index: number): string | null {
  const value = raw(segment, index);
  if (value === '') return null;
  const parsed = readDecimal(value);
  if (parsed === null || parsed.digits > 15 || parsed.exponent > 15)
    badElement(segment, index, 'is not a decimal number', value);
  const negative = parsed.minor < 0n;
  const digits = (negative ? -parsed.minor : parsed.minor).toString().padStart(parsed.exponent + 1, '0');
  const whole = digits.slice(0, digits.length - parsed.exponent);
  const fraction = digits.slice(digits.length - parsed.exponent);
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** Refuses elements past `max` that carry data: a segment longer than the standard defines. */
export function checkElementCount(segment: Segment, max: number): void {
  for (let index = max + 1; index < segment.elements.length; index++) {
    if ((segment.elements[index] ?? '') !== '') {
      badElement(
        segment,
        index,
        `is beyond the last element of ${segment.id} (${max})`,
        segment.elements[index],
      );
    }
  }
}
