// Money crosses X12 as decimal text and lives in Mortar as integer minor units (DESIGN.md "Exact money"):
// every conversion here is digit arithmetic on strings and BigInt, never a float.
import type { Amount } from './contract.js';

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** 925 at exponent 2 → "9.25"; 5 at exponent 2 → "0.05"; 1500 at exponent 0 → "1500". */
export function decimalText(minor: bigint | number, exponent: number): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

export function amountText(amount: Amount): string {
  return decimalText(amount.minor, amount.exponent);
}

/** The same value at a larger exponent (9.25 at 2 → 92500 at 4). */
export function rescale(amount: Amount, exponent: number): bigint {
  if (exponent < amount.exponent) throw new RangeError('rescale only ever adds decimals');
  return BigInt(amount.minor) * 10n ** BigInt(exponent - amount.exponent);
}

export function isSafe(value: bigint): boolean {
  return value <= maxSafe && value >= -maxSafe;
}

/** Two amounts are the same money whatever their exponents (9.25 and 9.250). */
export function sameAmount(a: Amount, b: Amount): boolean {
  const exponent = Math.max(a.exponent, b.exponent);
  return rescale(a, exponent) === rescale(b, exponent);
}

/**
 * Reads an X12 R (decimal) value: optional minus, digits with an optional point ("9.25", ".5", "12.").
 * No exponent notation, no grouping. Returns null when the text is not such a number.
 */
export function readDecimal(text: string): { minor: bigint; exponent: number; digits: number } | null {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (match === null) return null;
  const whole = match[2] ?? '';
  const fraction = match[3] ?? '';
  if (whole.length + fraction.length === 0) return null;
  const unsigned = BigInt(`${whole}${fraction}` || '0');
  return {
    minor: match[1] === '-' ? -unsigned : unsigned,
    exponent: fraction.length,
    digits: whole.replace(/^0+/, '').length + fraction.length,
  };
}
