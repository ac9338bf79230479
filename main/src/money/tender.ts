// Tender and change reconcile to the minor unit (DESIGN.md "Exact money"): foreign money is converted at an
// exact rate with a stated rounding, change is only ever given in base-currency cash, and cash rounding
// is its own figure rather than a silent adjustment.
//
// Order of settlement: non-cash tenders (card, voucher, other) pay first and can never pay more than is due,
// since only cash gives change. What they leave is the cash portion; when cash is tendered, that portion is
// rounded to the currency's cash increment (CHF 0.05, SEK 1) and the difference is reported. Change is
// cash tendered minus the rounded portion; if that is finer than the smallest coin (after a foreign note),
// it is rounded down to the increment and the shop keeps the difference, reported as changeRounding.
import {
  cashRoundingSchema,
  roundingModeSchema,
  tenderKinds,
  type CashRounding,
  type RoundingMode,
  type SettledTender,
  type TenderInput,
  type TenderState,
} from './contract.js';
import { readMinor, readNonNegativeMinor, sumBig, toMinor } from './amount.js';
import { currencyInfo } from './currencies.js';
import { parseRatio, type Ratio } from './ratio.js';
import { attempt, fail, type MoneyResult } from './result.js';
import { roundDivide, roundToIncrementBig } from './rounding.js';

function readRate(text: unknown, from: string, to: string): Ratio {
  const rate = typeof text === 'string' ? parseRatio(text.trim()) : null;
  if (rate === null || rate.num <= 0n) {
    fail('money.invalidRate', `the ${from}→${to} rate must be a positive exact decimal or fraction`, {
      from,
      to,
      rate: String(text),
    });
  }
  return rate;
}

function readMode(value: unknown, field: string): RoundingMode {
  const parsed = roundingModeSchema.safeParse(value);
  if (!parsed.success)
    fail('money.invalidTender', `${field} is not a rounding mode`, { field, value: String(value) });
  return parsed.data;
}

/** amount (minor units of `from`) × rate (`to` per `from`, major units) in minor units of `to`. */
function convertBig(
  amount: bigint,
  fromExponent: number,
  toExponent: number,
  rate: Ratio,
  mode: RoundingMode,
) {
  const numerator = amount * rate.num * 10n ** BigInt(toExponent);
  const denominator = rate.den * 10n ** BigInt(fromExponent);
  return roundDivide(numerator, denominator, mode);
}

export type ConvertInput = {
  amountMinor: number;
  from: string;
  to: string;
  /** Units of `to` per unit of `from`: "0.9312" or "9312/10000". */
  rate: string;
  /** Default `down`: a foreign tender is never credited above its value at the posted rate. */
  rounding?: RoundingMode;
};

/** Converts minor units between currencies at an exact rate: EUR 50.00 at "0.9312" → CHF 46.56 (4656). */
export function convertMinor(input: ConvertInput): MoneyResult<number> {
  return attempt(() => {
    const from = currencyInfo(input.from);
    const to = currencyInfo(input.to);
    const amount = readMinor(input.amountMinor, 'amountMinor');
    const rate = readRate(input.rate, from.code, to.code);
    const mode = readMode(input.rounding ?? 'down', 'rounding');
    return toMinor(convertBig(amount, from.exponent, to.exponent, rate, mode), 'converted');
  });
}

function readCashRounding(value: unknown, currency: string): CashRounding {
  if (value === undefined) return currencyInfo(currency).cash;
  const parsed = cashRoundingSchema.safeParse(value);
  if (!parsed.success || !Number.isSafeInteger(parsed.data.incrementMinor)) {
    fail('money.invalidTender', 'cashRounding needs a positive whole incrementMinor and a rounding mode', {});
  }
  return parsed.data;
}

/**
 * Rounds an amount to what can be paid in cash: CHF 12.43 → 12.45 (+2). Uses the currency's rule unless
 * `cashRounding` replaces it. Symmetric about zero, so a cash refund rounds as its sale did.
 */
export function roundCash(
  amountMinor: number,
  currency: string,
  cashRounding?: CashRounding,
): MoneyResult<{ roundedMinor: number; adjustmentMinor: number }> {
  return attempt(() => {
    currencyInfo(currency);
    const rule = readCashRounding(cashRounding, currency);
    const amount = readMinor(amountMinor, 'amountMinor');
    const rounded = roundToIncrementBig(amount, BigInt(rule.incrementMinor), rule.mode);
    return {
      roundedMinor: toMinor(rounded, 'roundedMinor'),
      adjustmentMinor: toMinor(rounded - amount, 'adjustment'),
    };
  });
}

function tenderState(input: TenderInput): TenderState {
  const base = currencyInfo(input.currency);
  const due = readNonNegativeMinor(input.dueMinor, 'dueMinor');
  const cashRule = readCashRounding(input.cashRounding, base.code);
  const increment = BigInt(cashRule.incrementMinor);
  const conversion = readMode(input.conversionRounding ?? 'down', 'conversionRounding');
  if (input.rates !== undefined && input.rates.base !== base.code) {
    fail('money.currencyMismatch', `the rate table is for ${String(input.rates.base)}, not ${base.code}`, {
      rateBase: String(input.rates.base),
      currency: base.code,
    });
  }
  if (!Array.isArray(input.tenders)) fail('money.invalidTender', 'tenders must be a list', {});

  const settled: SettledTender[] = [];
  const valued = input.tenders.map((tender, index) => {
    const field = `tenders[${index}]`;
    if (typeof tender !== 'object' || tender === null)
      fail('money.invalidTender', `${field} is not a tender`, { field });
    if (!(tenderKinds as readonly unknown[]).includes(tender.kind)) {
      fail('money.invalidTender', `${field}.kind is not a tender kind`, { field, kind: String(tender.kind) });
    }
    const currency = currencyInfo(tender.currency);
    const amount = readNonNegativeMinor(tender.amountMinor, `${field}.amountMinor`);
    let rateText: string | null = null;
    let value = amount;
    if (currency.code !== base.code) {
      const table = input.rates?.rates ?? {};
      const text = Object.hasOwn(table, currency.code) ? table[currency.code] : undefined;
      if (text === undefined) {
        fail('money.rateNotFound', `no ${currency.code}→${base.code} rate in the rate table`, {
          field,
          currency: currency.code,
        });
      }
      rateText = text;
      value = convertBig(
        amount,
        currency.exponent,
        base.exponent,
        readRate(text, currency.code, base.code),
        conversion,
      );
    }
    settled.push({
      ...(tender.id === undefined ? {} : { id: tender.id }),
      kind: tender.kind,
      currency: currency.code,
      amountMinor: toMinor(amount, `${field}.amountMinor`),
      rate: rateText,
      baseAmountMinor: toMinor(value, `${field}.baseAmountMinor`),
    });
    return { cash: tender.kind === 'cash', value };
  });

  const nonCash = sumBig(valued.filter((entry) => !entry.cash).map((entry) => entry.value));
  const cashTendered = sumBig(valued.filter((entry) => entry.cash).map((entry) => entry.value));
  const paysCash = valued.some((entry) => entry.cash);
  if (nonCash > due) {
    fail(
      'money.overTender',
      'card, voucher and other tenders cannot pay more than is due: only cash gives change',
      {
        dueMinor: toMinor(due, 'dueMinor'),
        nonCashMinor: toMinor(nonCash, 'nonCashMinor'),
      },
    );
  }
  const cashPortion = due - nonCash;
  const cashDue = roundToIncrementBig(cashPortion, increment, cashRule.mode);
  const cashRounding = paysCash ? cashDue - cashPortion : 0n;
  const isSettled = paysCash ? cashTendered >= cashDue : cashPortion === 0n;
  const changeRaw = isSettled && paysCash ? cashTendered - cashDue : 0n;
  const change = (changeRaw / increment) * increment;
  const remaining = due - nonCash - cashTendered;
  return {
    status: isSettled ? 'settled' : 'short',
    currency: base.code,
    dueMinor: toMinor(due, 'dueMinor'),
    tenders: settled,
    nonCashMinor: toMinor(nonCash, 'nonCashMinor'),
    cashTenderedMinor: toMinor(cashTendered, 'cashTenderedMinor'),
    cashPortionMinor: toMinor(cashPortion, 'cashPortionMinor'),
    cashRoundingMinor: toMinor(cashRounding, 'cashRoundingMinor'),
    amountToPayMinor: toMinor(due + cashRounding, 'amountToPayMinor'),
    tenderedMinor: toMinor(nonCash + cashTendered, 'tenderedMinor'),
    changeMinor: toMinor(change, 'changeMinor'),
    changeRoundingMinor: toMinor(changeRaw - change, 'changeRoundingMinor'),
    remainingMinor: isSettled ? 0 : toMinor(remaining > 0n ? remaining : 0n, 'remainingMinor'),
    remainingCashMinor: isSettled ? 0 : toMinor(cashDue - cashTendered, 'remainingCashMinor'),
  };
}

/**
 * Where a payment stands while the cashier is still taking tenders: `status: 'short'` with what is still
 * owed (exactly, for a card; cash-rounded, for cash), or `status: 'settled'` with the change.
 */
export function tenderBalance(input: TenderInput): MoneyResult<TenderState> {
  return attempt(() => tenderState(input));
}

/**
 * Settles a payment. Tenders that fall short are refused with `money.insufficientTender`, whose details
 * say what is still owed (`remainingMinor`, `remainingCashMinor`); a sale is only completed when settled.
 * Invariant: tenderedMinor − amountToPayMinor = changeMinor + changeRoundingMinor.
 */
export function settleTender(input: TenderInput): MoneyResult<TenderState> {
  return attempt(() => {
    const state = tenderState(input);
    if (state.status === 'short') {
      fail('money.insufficientTender', 'the tenders do not cover the amount due', {
        dueMinor: state.dueMinor,
        tenderedMinor: state.tenderedMinor,
        remainingMinor: state.remainingMinor,
        remainingCashMinor: state.remainingCashMinor,
      });
    }
    return state;
  });
}
