// Text in and out of minor units without floats (DESIGN.md "Exact money"): parsing is digit arithmetic on
// the string, and display hands Intl.NumberFormat a decimal string, which it formats exactly.
import { readMinor, toMinor } from './amount.js';
import { currencyInfo } from './currencies.js';
import { attempt, fail, type MoneyResult } from './result.js';
import { splitDecimal } from './ratio.js';

/**
 * "12.34" in EUR → 1234. Accepts an optional minus, digits, and a point followed by digits; no grouping,
 * spaces or exponent (the caller normalises what a user typed). Decimals beyond the currency's exponent are
 * refused (`money.tooManyDecimals`) unless they are zeros, since "1.230" is still exactly 1.23.
 */
export function parseMinor(text: string, currency: string): MoneyResult<number> {
  return attempt(() => {
    const { exponent } = currencyInfo(currency);
    const parts = typeof text === 'string' ? splitDecimal(text) : null;
    if (parts === null) {
      fail('money.invalidDecimal', 'not a plain decimal number such as 12.34', { text: String(text) });
    }
    const significant = parts.fraction.replace(/0+$/, '');
    if (significant.length > exponent) {
      fail('money.tooManyDecimals', `${currency} has ${exponent} decimal places`, {
        text,
        currency,
        exponent,
      });
    }
    const digits = BigInt(parts.whole + significant.padEnd(exponent, '0'));
    return toMinor(parts.negative ? -digits : digits, 'amount');
  });
}

/** 1234 in EUR → "12.34": the exact decimal spelling, for exports and storage that want major units. */
export function toDecimalString(amountMinor: number, currency: string): MoneyResult<string> {
  return attempt(() => decimalString(readMinor(amountMinor, 'amountMinor'), currencyInfo(currency).exponent));
}

export function decimalString(amount: bigint, exponent: number): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

export type FormatOptions = {
  currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name';
  signDisplay?: 'auto' | 'always' | 'exceptZero' | 'negative' | 'never';
  /** Drop ".00" from whole amounts ("CHF 5" rather than "CHF 5.00"), as some shelf labels do. */
  stripWholeDecimals?: boolean;
};

/**
 * Minor units → display text in a locale: formatMinor(1234, 'EUR', 'de-DE') → "12,34 €". Always shows the
 * ISO exponent's decimals (CLDR shows none for HUF, which would hide fillér); never rounds.
 */
export function formatMinor(
  amountMinor: number,
  currency: string,
  locale: string,
  options: FormatOptions = {},
): MoneyResult<string> {
  return attempt(() => {
    const { code, exponent } = currencyInfo(currency);
    const text = decimalString(readMinor(amountMinor, 'amountMinor'), exponent);
    let format: Intl.NumberFormat;
    try {
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: code,
        currencyDisplay: options.currencyDisplay ?? 'symbol',
        signDisplay: options.signDisplay ?? 'auto',
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
        trailingZeroDisplay: options.stripWholeDecimals === true ? 'stripIfInteger' : 'auto',
      });
    } catch (caught: unknown) {
      if (caught instanceof RangeError) fail('money.invalidLocale', `${locale} is not a locale`, { locale });
      throw caught;
    }
    // A decimal string is formatted as the exact mathematical value (ECMA-402 "Intl mathematical value").
    return format.format(text as Intl.StringNumericLiteral);
  });
}
