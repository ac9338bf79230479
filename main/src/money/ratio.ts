// Rates (tax percentages, exchange rates) are exact rationals of BigInts, parsed from decimal strings, so
// that 9.975% or 0.9312 CHF/EUR never pass through a float (DESIGN.md "Exact money").

/** num/den with den > 0, kept in lowest terms. */
export type Ratio = { readonly num: bigint; readonly den: bigint };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new RangeError('ratio: zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(num, den) || 1n;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

export const zero: Ratio = { num: 0n, den: 1n };
export const one: Ratio = { num: 1n, den: 1n };

export function add(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function multiply(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den);
}

export function divide(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den, a.den * b.num);
}

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?$/;

export type DecimalParts = { negative: boolean; whole: string; fraction: string };

/** Splits a plain decimal ("-12.340"): digits, an optional point and digits. No exponent, no grouping. */
export function splitDecimal(text: string): DecimalParts | null {
  const match = decimalPattern.exec(text);
  if (match === null) return null;
  return { negative: match[1] === '-', whole: match[2] ?? '0', fraction: match[3] ?? '' };
}

export function parseDecimalRatio(text: string): Ratio | null {
  const parts = splitDecimal(text);
  if (parts === null) return null;
  const digits = BigInt(parts.whole + parts.fraction);
  return ratio(parts.negative ? -digits : digits, 10n ** BigInt(parts.fraction.length));
}

/** "0.9312", "9312/10000" or "1/1.0739": an exact decimal or a fraction of two exact decimals. */
export function parseRatio(text: string): Ratio | null {
  const slash = text.indexOf('/');
  if (slash < 0) return parseDecimalRatio(text);
  const top = parseDecimalRatio(text.slice(0, slash));
  const bottom = parseDecimalRatio(text.slice(slash + 1));
  if (top === null || bottom === null || bottom.num === 0n) return null;
  return divide(top, bottom);
}

/** The canonical spelling of a percentage string: no trailing fractional zeros ("8.10" → "8.1"). */
export function canonicalPercent(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}
