// The currency table is data (DESIGN.md "Exact money"): ISO 4217 codes with their minor-unit exponent and
// the cash rounding a till must apply where the smallest coins have been withdrawn.
// Exponents follow the ISO 4217 list (SIX Group, maintenance agency). Cash rules are the national practice
// named in each note; a branch whose practice differs passes its own `cashRounding` to the tender step.
import type { CurrencyInfo } from './contract.js';
import { attempt, fail, type MoneyResult } from './result.js';

const exact = { incrementMinor: 1, mode: 'half-up' } as const;
const noCashRule = 'Every minor unit circulates as a coin or no national cash-rounding rule applies.';
const filsNote =
  'No statutory cash rounding; if a branch rounds to the smallest coin in circulation, configure it there.';

export const currencies: readonly CurrencyInfo[] = [
  {
    code: 'EUR',
    numeric: '978',
    name: 'Euro',
    exponent: 2,
    cash: exact,
    cashNote:
      '1 and 2 cent coins are legal tender; Finland, the Netherlands, Belgium, Ireland and Italy round cash ' +
      'totals to 0.05, which such a branch configures as { incrementMinor: 5, mode: "half-up" }.',
  },
  { code: 'USD', numeric: '840', name: 'US Dollar', exponent: 2, cash: exact, cashNote: noCashRule },
  { code: 'GBP', numeric: '826', name: 'Pound Sterling', exponent: 2, cash: exact, cashNote: noCashRule },
  {
    code: 'CHF',
    numeric: '756',
    name: 'Swiss Franc',
    exponent: 2,
    cash: { incrementMinor: 5, mode: 'half-up' },
    cashNote: 'The smallest coin is 5 centimes: cash totals are rounded to the nearest 0.05.',
  },
  { code: 'JPY', numeric: '392', name: 'Yen', exponent: 0, cash: exact, cashNote: noCashRule },
  { code: 'KWD', numeric: '414', name: 'Kuwaiti Dinar', exponent: 3, cash: exact, cashNote: filsNote },
  { code: 'BHD', numeric: '048', name: 'Bahraini Dinar', exponent: 3, cash: exact, cashNote: filsNote },
  { code: 'JOD', numeric: '400', name: 'Jordanian Dinar', exponent: 3, cash: exact, cashNote: filsNote },
  { code: 'OMR', numeric: '512', name: 'Rial Omani', exponent: 3, cash: exact, cashNote: filsNote },
  { code: 'TND', numeric: '788', name: 'Tunisian Dinar', exponent: 3, cash: exact, cashNote: filsNote },
  {
    code: 'SEK',
    numeric: '752',
    name: 'Swedish Krona',
    exponent: 2,
    cash: { incrementMinor: 100, mode: 'half-up' },
    cashNote: 'Öre coins were withdrawn in 2010: cash totals are rounded to whole kronor, 50 öre upwards.',
  },
  {
    code: 'NOK',
    numeric: '578',
    name: 'Norwegian Krone',
    exponent: 2,
    cash: { incrementMinor: 100, mode: 'half-up' },
    cashNote:
      'The 50-øre coin was withdrawn in 2012: cash totals are rounded to whole kroner, 50 øre upwards.',
  },
  {
    code: 'DKK',
    numeric: '208',
    name: 'Danish Krone',
    exponent: 2,
    cash: { incrementMinor: 50, mode: 'half-up' },
    cashNote: 'The smallest coin is 50 øre: cash totals are rounded to the nearest 0.50, 25 øre upwards.',
  },
  { code: 'PLN', numeric: '985', name: 'Zloty', exponent: 2, cash: exact, cashNote: noCashRule },
  {
    code: 'CZK',
    numeric: '203',
    name: 'Czech Koruna',
    exponent: 2,
    cash: { incrementMinor: 100, mode: 'half-up' },
    cashNote:
      'Haléř coins were withdrawn in 2008: cash totals are rounded to whole koruny, 50 haléřů upwards.',
  },
  {
    code: 'HUF',
    numeric: '348',
    name: 'Forint',
    exponent: 2,
    cash: { incrementMinor: 500, mode: 'half-up' },
    cashNote:
      'The 1 and 2 forint coins were withdrawn in 2008: cash totals are rounded to the nearest 5 forint.',
  },
  {
    code: 'CAD',
    numeric: '124',
    name: 'Canadian Dollar',
    exponent: 2,
    cash: { incrementMinor: 5, mode: 'half-up' },
    cashNote: 'The cent coin was withdrawn in 2013: cash totals are rounded to the nearest 0.05.',
  },
  {
    code: 'AUD',
    numeric: '036',
    name: 'Australian Dollar',
    exponent: 2,
    cash: { incrementMinor: 5, mode: 'half-up' },
    cashNote: 'The 1 and 2 cent coins were withdrawn in 1992: cash totals are rounded to the nearest 0.05.',
  },
  {
    code: 'NZD',
    numeric: '554',
    name: 'New Zealand Dollar',
    exponent: 2,
    cash: { incrementMinor: 10, mode: 'half-down' },
    cashNote:
      'The smallest coin is 10 cents (since 2006); how 5 cents rounds is the retailer\'s choice, and "down" ' +
      'is the common one.',
  },
  { code: 'ISK', numeric: '352', name: 'Iceland Krona', exponent: 0, cash: exact, cashNote: noCashRule },
  {
    code: 'CLP',
    numeric: '152',
    name: 'Chilean Peso',
    exponent: 0,
    cash: { incrementMinor: 10, mode: 'half-down' },
    cashNote:
      'Law 20.956 (2017): cash totals are rounded to 10 pesos, endings 1–5 downwards and 6–9 upwards.',
  },
];

const byCode = new Map(currencies.map((currency) => [currency.code, currency]));

/** The table entry for an ISO 4217 code; `money.unknownCurrency` for anything else (codes are upper case). */
export function currencyInfo(code: unknown): CurrencyInfo {
  const found = typeof code === 'string' ? byCode.get(code) : undefined;
  if (found === undefined) {
    fail('money.unknownCurrency', `${String(code)} is not a currency this till knows`, {
      currency: String(code),
    });
  }
  return found;
}

/** The table entry for a currency code, or `money.unknownCurrency`. */
export function getCurrency(code: string): MoneyResult<CurrencyInfo> {
  return attempt(() => currencyInfo(code));
}
