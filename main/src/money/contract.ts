// The data shapes of exact money (DESIGN.md "Exact money"): amounts are integers in minor units, and tax,
// rounding and currency rules are data. Pure: schemas and types only, so the renderer, the sync server and
// the typed API can share them without pulling in the engine.
import { z } from 'zod';

export const moneyErrorCodes = [
  'money.notInteger',
  'money.overflow',
  'money.unknownCurrency',
  'money.invalidDecimal',
  'money.tooManyDecimals',
  'money.negativeAmount',
  'money.invalidQuantity',
  'money.invalidDiscount',
  'money.invalidLine',
  'money.unknownTaxCategory',
  'money.invalidRuleSet',
  'money.currencyMismatch',
  'money.invalidRate',
  'money.rateNotFound',
  'money.invalidTender',
  'money.overTender',
  'money.insufficientTender',
  'money.invalidLocale',
] as const;
export type MoneyErrorCode = (typeof moneyErrorCodes)[number];

export const moneyErrorSchema = z.object({
  code: z.enum(moneyErrorCodes),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type MoneyError = z.infer<typeof moneyErrorSchema>;

/**
 * Symmetric about zero, so that a refund mirrors its sale to the minor unit:
 * `up` is away from zero, `down` towards zero, and the `half-*` modes settle ties away from zero (up),
 * towards zero (down) or to the even neighbour (even, "banker's rounding").
 */
export const roundingModes = ['half-up', 'half-even', 'half-down', 'up', 'down'] as const;
export const roundingModeSchema = z.enum(roundingModes);
export type RoundingMode = z.infer<typeof roundingModeSchema>;

export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 alphabetic code, upper case');

/** A safe integer count of minor units (cents, fils, yen). */
export const minorSchema = z.number().int();

export const cashRoundingSchema = z.object({
  /** The smallest amount a till can settle in cash, in minor units: 5 for CHF 0.05, 100 for SEK 1. */
  incrementMinor: z.number().int().min(1),
  mode: roundingModeSchema,
});
export type CashRounding = z.infer<typeof cashRoundingSchema>;

export const currencyInfoSchema = z.object({
  code: currencyCodeSchema,
  numeric: z.string().regex(/^\d{3}$/),
  name: z.string(),
  /** ISO 4217 minor-unit exponent: the number of decimals in one major unit. */
  exponent: z.union([z.literal(0), z.literal(2), z.literal(3)]),
  cash: cashRoundingSchema,
  /** Where the cash rule comes from, or why there is none. */
  cashNote: z.string(),
});
export type CurrencyInfo = z.infer<typeof currencyInfoSchema>;

// ---------------------------------------------------------------------------------------------- tax rules

/** A percentage as an exact decimal string: "20", "8.1", "9.975". Never a float. */
export const ratePercentSchema = z
  .string()
  .regex(/^(?:0|[1-9]\d{0,2})(?:\.\d{1,6})?$/, 'a percentage as a decimal string such as "20" or "9.975"');

export const taxComponentSchema = z.object({
  /** Stable code printed on receipts and used to group the breakdown: "VAT", "GST", "QST", "STATE". */
  code: z.string().regex(/^[A-Z][A-Z0-9_-]{0,19}$/),
  name: z.string().min(1).max(80),
  ratePercent: ratePercentSchema,
  /**
   * A compound component is charged on the net plus every component listed before it in the category
   * (Quebec's QST on price plus GST before 2013); otherwise it is charged on the net alone.
   */
  compound: z.boolean().optional(),
});
export type TaxComponent = z.infer<typeof taxComponentSchema>;

/**
 * `zero-rated` is a taxable supply at 0% (it appears on the breakdown with its rate, and keeps the seller's
 * input-tax recovery); `exempt` is outside the tax (no components, its own line on the breakdown).
 */
export const taxTreatments = ['standard', 'reduced', 'zero-rated', 'exempt'] as const;
export const taxTreatmentSchema = z.enum(taxTreatments);
export type TaxTreatment = z.infer<typeof taxTreatmentSchema>;

export const taxCategoryRuleSchema = z.object({
  treatment: taxTreatmentSchema,
  components: z.array(taxComponentSchema).max(6),
  note: z.string().max(300).optional(),
});
export type TaxCategoryRule = z.infer<typeof taxCategoryRuleSchema>;

export const pricingModes = ['inclusive', 'exclusive'] as const;
export const roundingLevels = ['line', 'invoice'] as const;

export const taxRuleSetSchema = z.object({
  id: z.string().min(1).max(80),
  name: z.string().min(1).max(120),
  /** ISO 3166 country code, optionally with a subdivision: "GB", "CA-QC", "US-XX". */
  jurisdiction: z.string().regex(/^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/),
  currency: currencyCodeSchema,
  /** The first day (YYYY-MM-DD) these rates apply; informative, the caller picks the rule set in force. */
  validFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** inclusive: shelf prices contain the tax (EU VAT); exclusive: tax is added on top (US sales tax). */
  pricing: z.enum(pricingModes),
  rounding: z.object({
    mode: roundingModeSchema,
    /** line: each line's tax is rounded; invoice: tax is rounded once per tax chain on the basket. */
    level: z.enum(roundingLevels),
  }),
  /** Category key (the line's `taxCategory`) to its rule. */
  categories: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/), taxCategoryRuleSchema),
});
export type TaxRuleSet = z.infer<typeof taxRuleSetSchema>;

// ---------------------------------------------------------------------------------------------- basket

export const basketLineInputSchema = z.object({
  id: z.string().min(1).max(80),
  /** Shelf price of one unit: gross under inclusive pricing, net under exclusive pricing. */
  unitPriceMinor: minorSchema.min(0),
  quantity: z.number().int().min(1),
  taxCategory: z.string().min(1),
  /** A discount on this line, in the same terms as the price (gross or net). */
  discountMinor: minorSchema.min(0).optional(),
});
export type BasketLineInput = z.infer<typeof basketLineInputSchema>;

export const basketInputSchema = z.object({
  currency: currencyCodeSchema,
  rules: taxRuleSetSchema,
  lines: z.array(basketLineInputSchema),
  basketDiscountMinor: minorSchema.min(0).optional(),
});
export type BasketInput = z.infer<typeof basketInputSchema>;

export const lineTaxSchema = z.object({
  code: z.string(),
  name: z.string(),
  ratePercent: z.string(),
  compound: z.boolean(),
  /** What the rate was applied to: the net, plus earlier components' tax for a compound component. */
  baseMinor: minorSchema,
  taxMinor: minorSchema,
});
export type LineTax = z.infer<typeof lineTaxSchema>;

export const pricedLineSchema = z.object({
  id: z.string(),
  taxCategory: z.string(),
  treatment: taxTreatmentSchema,
  quantity: z.number().int(),
  unitPriceMinor: minorSchema,
  /** unit price × quantity */
  extendedMinor: minorSchema,
  lineDiscountMinor: minorSchema,
  /** This line's share of the basket discount. */
  basketDiscountMinor: minorSchema,
  /** extended − both discounts: the price the tax is worked from (gross or net per the rule set). */
  amountMinor: minorSchema,
  netMinor: minorSchema,
  taxes: z.array(lineTaxSchema),
  taxMinor: minorSchema,
  grossMinor: minorSchema,
});
export type PricedLine = z.infer<typeof pricedLineSchema>;

export const taxBreakdownRowSchema = z.object({
  /** "VAT@20", "QST@9.5+" (the plus marks a compound component), or "exempt". */
  key: z.string(),
  kind: z.enum(['tax', 'exempt']),
  code: z.string().nullable(),
  name: z.string(),
  ratePercent: z.string().nullable(),
  compound: z.boolean(),
  /** Sum of the nets of the lines this row covers. */
  netMinor: minorSchema,
  /** Sum of the amounts the rate was applied to (differs from net only for compound components). */
  baseMinor: minorSchema,
  taxMinor: minorSchema,
});
export type TaxBreakdownRow = z.infer<typeof taxBreakdownRowSchema>;

export const pricedBasketSchema = z.object({
  currency: currencyCodeSchema,
  exponent: z.number().int(),
  ruleSetId: z.string(),
  pricing: z.enum(pricingModes),
  rounding: z.object({ mode: roundingModeSchema, level: z.enum(roundingLevels) }),
  lines: z.array(pricedLineSchema),
  totals: z.object({
    extendedMinor: minorSchema,
    lineDiscountMinor: minorSchema,
    basketDiscountMinor: minorSchema,
    netMinor: minorSchema,
    taxMinor: minorSchema,
    grossMinor: minorSchema,
  }),
  breakdown: z.array(taxBreakdownRowSchema),
});
export type PricedBasket = z.infer<typeof pricedBasketSchema>;

// ---------------------------------------------------------------------------------------------- tender

/** Only cash gives change and is cash-rounded; every other tender pays at most what is still due. */
export const tenderKinds = ['cash', 'card', 'voucher', 'other'] as const;

export const tenderSchema = z.object({
  id: z.string().max(80).optional(),
  kind: z.enum(tenderKinds),
  currency: currencyCodeSchema,
  amountMinor: minorSchema.min(0),
});
export type Tender = z.infer<typeof tenderSchema>;

/**
 * An exchange rate is how many units of the base currency one unit of the foreign currency buys
 * (major units: CHF per EUR), as an exact decimal "0.9312" or a fraction "9312/10000". Never a float.
 */
export const rateTableSchema = z.object({
  base: currencyCodeSchema,
  rates: z.record(currencyCodeSchema, z.string().max(60)),
});
export type RateTable = z.infer<typeof rateTableSchema>;

export const tenderInputSchema = z.object({
  /** The base currency: the basket's, and the only one change is given in. */
  currency: currencyCodeSchema,
  dueMinor: minorSchema.min(0),
  tenders: z.array(tenderSchema),
  rates: rateTableSchema.optional(),
  /** How a foreign tender's value is rounded into base minor units; default `down`. */
  conversionRounding: roundingModeSchema.optional(),
  /** Replaces the currency's cash rounding (a country where EUR cash is rounded to 0.05, say). */
  cashRounding: cashRoundingSchema.optional(),
});
export type TenderInput = z.infer<typeof tenderInputSchema>;

export const settledTenderSchema = z.object({
  id: z.string().optional(),
  kind: z.enum(tenderKinds),
  currency: currencyCodeSchema,
  amountMinor: minorSchema,
  /** The rate used, as given; null for a tender in the base currency. */
  rate: z.string().nullable(),
  /** Value in base minor units. */
  baseAmountMinor: minorSchema,
});
export type SettledTender = z.infer<typeof settledTenderSchema>;

export const tenderStateSchema = z.object({
  status: z.enum(['settled', 'short']),
  currency: currencyCodeSchema,
  dueMinor: minorSchema,
  tenders: z.array(settledTenderSchema),
  nonCashMinor: minorSchema,
  cashTenderedMinor: minorSchema,
  /** What non-cash tenders left to pay: the part of the due that is settled in cash. */
  cashPortionMinor: minorSchema,
  /** Cash rounding of that portion, its own receipt line (signed); 0 when nothing is paid in cash. */
  cashRoundingMinor: minorSchema,
  /** due + cash rounding: what the customer pays in all. */
  amountToPayMinor: minorSchema,
  /** Sum of all tenders in base minor units. */
  tenderedMinor: minorSchema,
  /** Change handed back, in base currency cash: always a multiple of the cash increment. */
  changeMinor: minorSchema,
  /**
   * Change the till cannot hand out because no coin is that small (after a foreign tender, say): the change
   * is rounded down to the cash increment and this is what the shop keeps. 0 ≤ it < increment.
   */
  changeRoundingMinor: minorSchema,
  /** While short: what a non-cash tender must still cover. 0 when settled. */
  remainingMinor: minorSchema,
  /** While short: what must still be handed over if the rest is paid in cash. 0 when settled. */
  remainingCashMinor: minorSchema,
});
export type TenderState = z.infer<typeof tenderStateSchema>;
