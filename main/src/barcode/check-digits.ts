// GS1 check digit (mod 10, weights 3/1 from the right) and check character pair (mod 1021, prime weights)
// algorithms: a scanned key whose check fails is a misread or a forgery and must never reach the cart.

/** GS1 AI encodable character set 82, in the order that gives each character its value for check pairs. */
export const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/** The 32 characters a check character pair is drawn from. */
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const CSET82_VALUE: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < CSET82.length; i++) table[CSET82.charCodeAt(i)] = i;
  return table;
})();

/** Value of a CSET 82 character (0..81), or -1 for any other character. */
export function cset82Value(charCode: number): number {
  return charCode < 128 ? (CSET82_VALUE[charCode] ?? -1) : -1;
}

function firstPrimes(count: number): readonly number[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n++) {
    if (primes.every((p) => n % p !== 0)) primes.push(n);
  }
  return primes;
}

/** Longest data (excluding the pair) that a check character pair is defined for. */
export const CHECK_PAIR_MAX_DATA_LENGTH = 97;
const PRIME_WEIGHTS = firstPrimes(CHECK_PAIR_MAX_DATA_LENGTH);

/**
 * Computes the GS1 mod-10 check digit for `body`, the digits that precede the check digit.
 * Returns -1 when `body` contains a non-digit.
 */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = body.length - 1; i >= 0; i--) {
    const d = body.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    sum += d * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `digits` is all digits, at least two long, and its last digit is the GS1 check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (digits.length < 2) return false;
  const expected = gs1CheckDigit(digits.slice(0, -1));
  return expected >= 0 && digits.charCodeAt(digits.length - 1) - 48 === expected;
}

/**
 * Computes the two check characters for `data` (CSET 82, at most 97 characters), as used by GMN (8013) and
 * MUDI (8014). Returns null when the data is too long or holds a character outside CSET 82.
 */
export function gs1CheckPair(data: string): string | null {
  if (data.length > CHECK_PAIR_MAX_DATA_LENGTH) return null;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const value = cset82Value(data.charCodeAt(i));
    if (value < 0) return null;
    sum += value * (PRIME_WEIGHTS[data.length - 1 - i] ?? 0);
  }
  sum %= 1021;
  return (CSET32[sum >> 5] ?? '') + (CSET32[sum & 31] ?? '');
}

/** Pads a GTIN-8, -12, -13 or -14 to the 14-digit form used in AI (01). */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}
