// Rule: money is an integer of minor units and is never put through float arithmetic (DESIGN.md, exact
// money). The decimal string is built from the integer's digits and handed to Intl as a string.

/** How many minor-unit digits a currency has, as the platform's ISO 4217 data says (JPY 0, EUR 2, KWD 3). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 1999, 2 → "19.99"; -5, 2 → "-0.05"; 150, 0 → "150". Exact for any safe integer. */
export function minorToDecimalString(minor: number, digits: number): `${number}` {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units`);
  const negative = minor < 0;
  const magnitude = (negative ? String(minor).slice(1) : String(minor)).padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = magnitude.slice(magnitude.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}` as `${number}`;
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorToDecimalString(minor, digits));
}

export type MoneyInputProblem = 'empty' | 'invalid' | 'tooManyDecimals' | 'negative' | 'tooLarge';
export type ParsedMoneyInput =
  | { ok: true; minor: number; /** The canonical decimal the core parses: "12.50". */ decimal: `${number}` }
  | { ok: false; problem: MoneyInputProblem };

/**
 * An amount as a person types it ("12,5", "12.50", "0.5", "7") → integer minor units, by moving the decimal
 * point within the string: no float ever holds the amount. A comma or a point is the decimal separator (the
 * counter may be set to German); grouping separators are refused rather than guessed.
 */
export function parseMoneyInput(input: string, digits: number, options: { allowNegative?: boolean } = {}): ParsedMoneyInput {
  const text = input.replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return { ok: false, problem: 'empty' };
  const m = /^(-)?(\d*)(?:[.,](\d*))?$/.exec(text);
  const whole = m?.[2] ?? '';
  const fraction = m?.[3] ?? '';
  if (!m || (whole === '' && fraction === '')) return { ok: false, problem: 'invalid' };
  if (m[1] && !options.allowNegative) return { ok: false, problem: 'negative' };
  // "12.500" in a 2-digit currency is still twelve and a half; "12.505" is not an amount of it.
  if (/[^0]/.test(fraction.slice(digits))) return { ok: false, problem: 'tooManyDecimals' };
  const minorDigits = `${whole}${fraction.slice(0, digits).padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  const magnitude = BigInt(minorDigits);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, problem: 'tooLarge' };
  const minor = m[1] && magnitude !== 0n ? -Number(magnitude) : Number(magnitude);
  return { ok: true, minor, decimal: minorToDecimalString(minor, digits) };
}
