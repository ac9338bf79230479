// The exact-money and tax engine: pure functions over integers of minor units (DESIGN.md "Exact money").
export * from './contract.js';
export type { MoneyResult } from './result.js';
export { checkMinor } from './amount.js';
export { currencies, getCurrency } from './currencies.js';
export { roundDivide, roundToIncrement } from './rounding.js';
export { allocateLargestRemainder } from './allocate.js';
export { parseMinor, formatMinor, toDecimalString, type FormatOptions } from './parse-format.js';
export { validateTaxRuleSet } from './tax-rules.js';
export { priceBasket } from './price-basket.js';
export { convertMinor, roundCash, settleTender, tenderBalance, type ConvertInput } from './tender.js';
export {
  ukLikeVatRules,
  germanLikeVatRules,
  usStateLikeSalesTaxRules,
  swissVatRules,
  canadianLikeCompoundRules,
  exampleTaxRuleSets,
} from './example-rule-sets.js';
