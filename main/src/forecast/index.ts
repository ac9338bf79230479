// Public surface of the demand forecasting module: forecasts with a backtested method choice, the reorder
// arithmetic built on them, the sales-history CSV reader, and the seeded demand data-set generator.
export type {
  BacktestEntry,
  DemandClass,
  DemandHistory,
  DemandStats,
  ForecastMethod,
  ForecastOptions,
  ForecastPoint,
  ForecastResult,
  ReorderPolicy,
  ReorderSuggestion,
  StockPosition,
} from './contract.js';
export {
  backtestEntrySchema,
  demandClasses,
  demandHistorySchema,
  forecastMethods,
  forecastOptionsSchema,
  forecastResultSchema,
  reorderPolicySchema,
  reorderSuggestionSchema,
  stockPositionSchema,
} from './contract.js';
export { forecastProducts } from './forecast-products.js';
export { ForecastError, type ForecastErrorCode } from './history.js';
export { readDemandCsv, demandCsvErrorCodes, type DemandCsvError, type DemandCsvErrorCode, type DemandCsvOptions } from './csv-reader.js';
export {
  cumulativeErrorSamples,
  demandOutlookOf,
  demandQuantile,
  expectedDemand,
  orderUpToLevel,
  reorderPoint,
  roundOrderQuantity,
  suggestReorder,
  type DemandOutlook,
} from './reorder.js';
export { classifyDemand, demandStatsOf } from './classify.js';
export { generateDemandDataSet, toDemandHistory, type DesignClass, type GeneratedProduct, type GeneratorOptions } from './generator.js';
