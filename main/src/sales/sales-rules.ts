// Small rules every sales command shares: errors from the money engine and the GS1 parser cross the API with
// their own stable codes; dates compare as ISO days; percentages are exact ratios, never floats.
import { CoreError } from '../api/core-error.js';
import type { ErrorCode } from '../api/contract.js';
import { roundDivide, type MoneyResult } from '../money/index.js';

/** A money (`money.*`) or GS1 (`gs1.*`) error, passed through unchanged: those codes are documented there. */
export function passThrough(error: { code: string; message: string; details?: unknown }): CoreError {
  return new CoreError(error.code as ErrorCode, error.message, error.details);
}

export function unwrap<T>(result: MoneyResult<T>): T {
  if (!result.ok) throw passThrough(result.error);
  return result.value;
}

/** The UTC day of a timestamp, as YYYY-MM-DD: an expiry date is good through the whole of its day. */
export function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export type Fraction = { num: bigint; den: bigint };

/** "12.5" → 125/10; null for anything but a plain decimal from 0 to 100 with at most 4 decimals. */
export function parsePercent(text: string): Fraction | null {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) return null;
  const fraction = m[2] ?? '';
  const value = { num: BigInt(`${m[1]}${fraction}`), den: 10n ** BigInt(fraction.length) };
  return value.num > 100n * value.den ? null : value;
}

/** a/b > c/d, for non-negative fractions with positive denominators. */
export function greater(a: Fraction, b: Fraction): boolean {
  return a.num * b.den > b.num * a.den;
}

/** A percentage shown to two decimals, without trailing zeros: 25/2 → "12.5". */
export function percentText(f: Fraction): string {
  if (f.den === 0n) return '0';
  const hundredths = roundDivide(f.num * 100n, f.den, 'half-up');
  const whole = hundredths / 100n;
  const rest = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return rest === '' ? whole.toString() : `${whole}.${rest}`;
}

/** The share of `total` that `part` of `whole` stands for, rounded half-up: the cumulative step of a refund. */
export function shareOf(total: number, part: number, whole: number): number {
  return Number(roundDivide(BigInt(total) * BigInt(part), BigInt(whole), 'half-up'));
}
