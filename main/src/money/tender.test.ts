import { describe, expect, it } from 'vitest';
import { tenderStateSchema, type TenderInput } from './contract.js';
import type { MoneyResult } from './result.js';
import { convertMinor, roundCash, settleTender, tenderBalance } from './tender.js';

const codeOf = (result: MoneyResult<unknown>): string | null => (result.ok ? null : result.error.code);
const chf = (
  dueMinor: number,
  tenders: TenderInput['tenders'],
  extra: Partial<TenderInput> = {},
): TenderInput => ({
  currency: 'CHF',
  dueMinor,
  tenders,
  rates: { base: 'CHF', rates: { EUR: '0.9312', USD: '0.8840' } },
  ...extra,
});

describe('cash rounding', () => {
  it('rounds CHF to 0.05, SEK and NOK to whole units, DKK to 0.50 and CLP to 10 with 5 downwards', () => {
    const cases: [number, string, number][] = [
      [6743, 'CHF', 6745],
      [6742, 'CHF', 6740],
      [12350, 'SEK', 12400],
      [12349, 'SEK', 12300],
      [9950, 'NOK', 10000],
      [1024, 'DKK', 1000],
      [1025, 'DKK', 1050],
      [1235, 'CLP', 1230],
      [1236, 'CLP', 1240],
      [1234, 'EUR', 1234],
      [-6743, 'CHF', -6745],
    ];
    for (const [amount, currency, rounded] of cases) {
      expect(roundCash(amount, currency), `${amount} ${currency}`).toEqual({
        ok: true,
        value: { roundedMinor: rounded, adjustmentMinor: rounded - amount },
      });
    }
  });

  it('takes a branch override: EUR cash to 0.05 where the country rounds it', () => {
    expect(roundCash(1232, 'EUR', { incrementMinor: 5, mode: 'half-up' })).toMatchObject({
      ok: true,
      value: { roundedMinor: 1230 },
    });
  });
});

describe('convertMinor', () => {
  it('converts at an exact rate, across exponents, rounding down unless told otherwise', () => {
    expect(convertMinor({ amountMinor: 5000, from: 'EUR', to: 'CHF', rate: '0.9312' })).toEqual({
      ok: true,
      value: 4656,
    });
    // EUR 10.00 at 0.3321 KWD/EUR = 3.321 KWD: exponent 2 → 3
    expect(convertMinor({ amountMinor: 1000, from: 'EUR', to: 'KWD', rate: '0.3321' })).toEqual({
      ok: true,
      value: 3321,
    });
    // USD 20.00 at 151.37 JPY/USD = 3027.4 JPY: exponent 2 → 0
    expect(convertMinor({ amountMinor: 2000, from: 'USD', to: 'JPY', rate: '151.37' })).toEqual({
      ok: true,
      value: 3027,
    });
    expect(
      convertMinor({ amountMinor: 2000, from: 'USD', to: 'JPY', rate: '151.37', rounding: 'up' }),
    ).toEqual({ ok: true, value: 3028 });
  });

  it('takes a rate as a fraction: EUR 10.00 at 1/1.0739 CHF/EUR is 9.3118 → CHF 9.31', () => {
    expect(convertMinor({ amountMinor: 1000, from: 'EUR', to: 'CHF', rate: '1/1.0739' })).toEqual({
      ok: true,
      value: 931,
    });
    expect(convertMinor({ amountMinor: 1000, from: 'EUR', to: 'CHF', rate: '9312/10000' })).toEqual({
      ok: true,
      value: 931,
    });
  });

  it.each(['0', '-0.93', '0/5', '1/0', 'abc', '1e-1', '', '0.93.1'])(
    'refuses the rate %j as money.invalidRate',
    (rate) => {
      expect(codeOf(convertMinor({ amountMinor: 1000, from: 'EUR', to: 'CHF', rate }))).toBe(
        'money.invalidRate',
      );
    },
  );
});

describe('settleTender', () => {
  it('pays CHF 67.43 with a 100 note: due rounded to 67.45 on its own line, change 32.55', () => {
    const result = settleTender(chf(6743, [{ kind: 'cash', currency: 'CHF', amountMinor: 10000 }]));
    expect(result).toMatchObject({
      ok: true,
      value: {
        status: 'settled',
        cashRoundingMinor: 2,
        amountToPayMinor: 6745,
        tenderedMinor: 10000,
        changeMinor: 3255,
        changeRoundingMinor: 0,
      },
    });
    expect(result.ok && tenderStateSchema.safeParse(result.value).success).toBe(true);
  });

  it('does not cash-round a payment made wholly by card', () => {
    const result = settleTender(chf(6743, [{ kind: 'card', currency: 'CHF', amountMinor: 6743 }]));
    expect(result).toMatchObject({
      ok: true,
      value: { cashRoundingMinor: 0, amountToPayMinor: 6743, changeMinor: 0 },
    });
  });

  it('splits card, then foreign cash: EUR 20 at 0.9312 is CHF 18.62 against 17.45 due in cash', () => {
    const result = settleTender(
      chf(6743, [
        { id: 't1', kind: 'card', currency: 'CHF', amountMinor: 5000 },
        { id: 't2', kind: 'cash', currency: 'EUR', amountMinor: 2000 },
      ]),
    );
    // 6743 − 5000 = 1743 in cash → 1745 (+2); 1862 − 1745 = 117 → 115 in coins, the shop keeps 2
    expect(result).toMatchObject({
      ok: true,
      value: {
        nonCashMinor: 5000,
        cashPortionMinor: 1743,
        cashRoundingMinor: 2,
        amountToPayMinor: 6745,
        tenderedMinor: 6862,
        changeMinor: 115,
        changeRoundingMinor: 2,
        tenders: [
          { id: 't1', kind: 'card', rate: null, baseAmountMinor: 5000 },
          {
            id: 't2',
            kind: 'cash',
            currency: 'EUR',
            amountMinor: 2000,
            rate: '0.9312',
            baseAmountMinor: 1862,
          },
        ],
      },
    });
  });

  it('settles in a three-decimal base currency with change in fils', () => {
    const result = settleTender({
      currency: 'KWD',
      dueMinor: 3000,
      tenders: [{ kind: 'cash', currency: 'EUR', amountMinor: 1000 }],
      rates: { base: 'KWD', rates: { EUR: '0.3321' } },
    });
    expect(result).toMatchObject({ ok: true, value: { tenderedMinor: 3321, changeMinor: 321 } });
  });

  it('rounds a SEK cash total to whole kronor and a JPY total not at all', () => {
    expect(
      settleTender({
        currency: 'SEK',
        dueMinor: 12350,
        tenders: [{ kind: 'cash', currency: 'SEK', amountMinor: 20000 }],
      }),
    ).toMatchObject({
      ok: true,
      value: { cashRoundingMinor: 50, amountToPayMinor: 12400, changeMinor: 7600 },
    });
    expect(
      settleTender({
        currency: 'JPY',
        dueMinor: 1234,
        tenders: [{ kind: 'cash', currency: 'JPY', amountMinor: 5000 }],
      }),
    ).toMatchObject({ ok: true, value: { cashRoundingMinor: 0, changeMinor: 3766 } });
  });

  it('refuses tenders that fall short and says what is still owed, by card and in cash', () => {
    const result = settleTender(chf(6743, [{ kind: 'cash', currency: 'CHF', amountMinor: 5000 }]));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'money.insufficientTender',
        message: expect.any(String),
        details: { dueMinor: 6743, tenderedMinor: 5000, remainingMinor: 1743, remainingCashMinor: 1745 },
      },
    });
  });

  it('reports the same short state through tenderBalance without refusing', () => {
    const result = tenderBalance(chf(6743, [{ kind: 'card', currency: 'CHF', amountMinor: 5000 }]));
    expect(result).toMatchObject({
      ok: true,
      value: { status: 'short', remainingMinor: 1743, remainingCashMinor: 1745, changeMinor: 0 },
    });
  });

  it('refuses a card paying more than is due, since only cash gives change', () => {
    expect(codeOf(settleTender(chf(6743, [{ kind: 'card', currency: 'CHF', amountMinor: 7000 }])))).toBe(
      'money.overTender',
    );
  });

  it('refuses a foreign tender without a rate, a rate table for another base and a bad rate', () => {
    expect(codeOf(settleTender(chf(100, [{ kind: 'cash', currency: 'GBP', amountMinor: 100 }])))).toBe(
      'money.rateNotFound',
    );
    expect(
      codeOf(
        settleTender(
          chf(100, [{ kind: 'cash', currency: 'EUR', amountMinor: 100 }], {
            rates: { base: 'EUR', rates: {} },
          }),
        ),
      ),
    ).toBe('money.currencyMismatch');
    expect(
      codeOf(
        settleTender(
          chf(100, [{ kind: 'cash', currency: 'EUR', amountMinor: 100 }], {
            rates: { base: 'CHF', rates: { EUR: '0' } },
          }),
        ),
      ),
    ).toBe('money.invalidRate');
  });

  it('refuses bad amounts, kinds and currencies with codes', () => {
    expect(codeOf(settleTender(chf(10.5, [])))).toBe('money.notInteger');
    expect(codeOf(settleTender(chf(-1, [])))).toBe('money.negativeAmount');
    expect(codeOf(settleTender(chf(100, [{ kind: 'cash', currency: 'CHF', amountMinor: 2 ** 54 }])))).toBe(
      'money.overflow',
    );
    expect(
      codeOf(settleTender(chf(100, [{ kind: 'iou' as 'cash', currency: 'CHF', amountMinor: 100 }]))),
    ).toBe('money.invalidTender');
    expect(codeOf(settleTender(chf(100, [{ kind: 'cash', currency: 'XBT', amountMinor: 100 }])))).toBe(
      'money.unknownCurrency',
    );
  });
});
