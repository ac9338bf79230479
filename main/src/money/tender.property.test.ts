// Properties of tender and change: whatever the currencies, rates and split, the money reconciles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundingModes, type Tender, type TenderInput } from './contract.js';
import { currencies } from './currencies.js';
import { convertMinor, roundCash, settleTender } from './tender.js';

const runs = { seed: 4217, numRuns: 500 };
const baseCodes = ['CHF', 'SEK', 'DKK', 'CLP', 'JPY', 'KWD', 'EUR', 'HUF'] as const;
const foreignCodes = ['EUR', 'USD', 'JPY', 'BHD', 'GBP'] as const;
const incrementOf = (code: string): number =>
  currencies.find((currency) => currency.code === code)!.cash.incrementMinor;

/** A positive exact rate such as "0.9312" or "151.37". */
const rateText = fc
  .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 9999 }))
  .filter(([whole, fraction]) => whole > 0 || fraction > 0)
  .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(4, '0')}`);

const scenario = fc
  .record({
    base: fc.constantFrom(...baseCodes),
    due: fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 100_000_000 })),
    cardShare: fc.integer({ min: 0, max: 100 }),
    cardSplit: fc.integer({ min: 0, max: 100 }),
    foreign: fc.option(
      fc.tuple(fc.constantFrom(...foreignCodes), rateText, fc.integer({ min: 0, max: 10_000_000 })),
    ),
    baseCash: fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 2 }),
    extra: fc.integer({ min: 0, max: 100_000 }),
    conversion: fc.constantFrom(...roundingModes),
  })
  .map((draw): TenderInput => {
    const increment = incrementOf(draw.base);
    const card = Math.floor((draw.due * draw.cardShare) / 100);
    const firstCard = Math.floor((card * draw.cardSplit) / 100);
    const tenders: Tender[] = [];
    if (card > 0) {
      tenders.push({ kind: 'card', currency: draw.base, amountMinor: firstCard });
      tenders.push({ kind: 'voucher', currency: draw.base, amountMinor: card - firstCard });
    }
    const rates: Record<string, string> = {};
    if (draw.foreign !== null && draw.foreign[0] !== draw.base) {
      const [code, rate, amount] = draw.foreign;
      rates[code] = rate;
      tenders.push({ kind: 'cash', currency: code, amountMinor: amount });
    }
    // Base-currency notes and coins come in multiples of the cash increment.
    for (const amount of draw.baseCash) {
      tenders.push({ kind: 'cash', currency: draw.base, amountMinor: amount - (amount % increment) });
    }
    return {
      currency: draw.base,
      dueMinor: draw.due,
      tenders,
      rates: { base: draw.base, rates },
      conversionRounding: draw.conversion,
    };
  });

/** Adds enough base cash to cover the due, whatever the draw left short. */
const covered = scenario.map((input): TenderInput => {
  const increment = incrementOf(input.currency);
  const topUp = input.dueMinor + increment;
  return {
    ...input,
    tenders: [
      ...input.tenders,
      { kind: 'cash', currency: input.currency, amountMinor: topUp - (topUp % increment) },
    ],
  };
});

describe('settleTender reconciles for any split, currency and rate', () => {
  it('makes tendered − (due + cash rounding) = change + change rounding, with change payable in coins', () => {
    fc.assert(
      fc.property(covered, (input) => {
        const result = settleTender(input);
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
        const state = result.value;
        const increment = incrementOf(input.currency);
        expect(state.tenderedMinor - state.amountToPayMinor).toBe(
          state.changeMinor + state.changeRoundingMinor,
        );
        expect(state.amountToPayMinor).toBe(state.dueMinor + state.cashRoundingMinor);
        expect(state.tenderedMinor).toBe(
          state.tenders.reduce((sum, tender) => sum + tender.baseAmountMinor, 0),
        );
        expect(state.nonCashMinor + state.cashTenderedMinor).toBe(state.tenderedMinor);
        expect(state.changeMinor).toBeGreaterThanOrEqual(0);
        expect(state.changeMinor % increment).toBe(0);
        expect(state.changeRoundingMinor).toBeGreaterThanOrEqual(0);
        expect(state.changeRoundingMinor).toBeLessThan(increment);
        expect(Math.abs(state.cashRoundingMinor) * 2).toBeLessThanOrEqual(increment);
        // what the customer pays in cash is itself a whole number of the smallest coin
        expect((state.cashPortionMinor + state.cashRoundingMinor) % increment).toBe(0);
        expect(state.remainingMinor).toBe(0);
      }),
      runs,
    );
  });

  it('refuses exactly when the cash falls short of the rounded cash portion, and says by how much', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const result = settleTender(input);
        const cashTendered = input.tenders
          .filter((tender) => tender.kind === 'cash')
          .reduce((sum, tender) => {
            if (tender.currency === input.currency) return sum + tender.amountMinor;
            const converted = convertMinor({
              amountMinor: tender.amountMinor,
              from: tender.currency,
              to: input.currency,
              rate: input.rates!.rates[tender.currency]!,
              rounding: input.conversionRounding ?? 'down',
            });
            return sum + (converted.ok ? converted.value : Number.NaN);
          }, 0);
        const nonCash = input.tenders
          .filter((tender) => tender.kind !== 'cash')
          .reduce((sum, tender) => sum + tender.amountMinor, 0);
        const increment = incrementOf(input.currency);
        const portion = input.dueMinor - nonCash;
        const paysCash = input.tenders.some((tender) => tender.kind === 'cash');
        const rounded = roundCash(portion, input.currency);
        if (!rounded.ok) throw new Error(rounded.error.code);
        const enough = paysCash ? cashTendered >= rounded.value.roundedMinor : portion === 0;
        expect(result.ok).toBe(enough);
        if (!result.ok) {
          expect(result.error.code).toBe('money.insufficientTender');
          const details = result.error.details as { remainingMinor: number; remainingCashMinor: number };
          expect(details.remainingMinor).toBe(Math.max(0, portion - cashTendered));
          expect(details.remainingCashMinor).toBeGreaterThanOrEqual(0);
          expect(Math.abs(details.remainingCashMinor - (portion - cashTendered)) * 2).toBeLessThanOrEqual(
            increment,
          );
        }
      }),
      runs,
    );
  });

  it('never credits a foreign tender above its exact value when converting down', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...foreignCodes),
        fc.constantFrom(...baseCodes),
        rateText,
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (from, to, rate, amount) => {
          const result = convertMinor({ amountMinor: amount, from, to, rate });
          if (!result.ok) return false;
          const exponent = (code: string) =>
            BigInt(currencies.find((currency) => currency.code === code)!.exponent);
          const [whole, fraction] = rate.split('.');
          const numerator = BigInt(amount) * BigInt(whole! + fraction!) * 10n ** exponent(to);
          const denominator = 10n ** BigInt(fraction!.length) * 10n ** exponent(from);
          const value = BigInt(result.value);
          return value * denominator <= numerator && (value + 1n) * denominator > numerator;
        },
      ),
      runs,
    );
  });
});
