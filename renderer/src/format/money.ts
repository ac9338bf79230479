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
