// The shapes that cross the forecast module's edges (its callers, its worker threads, the UI that shows a
// forecast), as zod schemas, so that a forecast or a reorder suggestion is always complete and checkable.
import { z } from 'zod';

/** Every forecasting method the module knows; `seasonalNaive` is the baseline reported beside every choice. */
export const forecastMethods = ['seasonalNaive', 'croston', 'sba', 'tsb', 'ets', 'global'] as const;
export const forecastMethodSchema = z.enum(forecastMethods);
export type ForecastMethod = z.infer<typeof forecastMethodSchema>;

/**
 * Syntetos–Boylan demand classes (ADI cut-off 1.32, CV² cut-off 0.49); `noDemand` when a history has no sale,
 * where neither figure exists.
 */
export const demandClasses = ['smooth', 'erratic', 'intermittent', 'lumpy', 'noDemand'] as const;
export const demandClassSchema = z.enum(demandClasses);
export type DemandClass = z.infer<typeof demandClassSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');

export const demandHistorySchema = z.object({
  productId: z.string().min(1),
  /** Strictly increasing calendar days; a day that is missing counts as a day without sales. */
  dates: z.array(isoDate),
  /** Units sold on each day (integers ≥ 0, in the smallest dispensable unit). */
  quantities: z.array(z.number()),
});
export type DemandHistory = z.infer<typeof demandHistorySchema>;

export const forecastOptionsSchema = z.object({
  /** Days to forecast after the last day of each history. */
  horizon: z.number().int().min(1).max(366),
  /** Rolling-origin backtest: how many origins (default 8). */
  backtestOrigins: z.number().int().min(1).max(52).optional(),
  /** Days between consecutive backtest origins (default 14). */
  backtestStep: z.number().int().min(1).max(91).optional(),
  /** Candidate methods (default: all). The seasonal-naive baseline is always backtested and reported. */
  methods: z.array(forecastMethodSchema).min(1).optional(),
  /** Central coverage of the prediction interval (default 0.8: the 10th to the 90th percentile). */
  intervalLevel: z.number().min(0.5).max(0.99).optional(),
  /** Worker threads (default: one less than the cores, at least 1, at most 4); 0 runs in the calling thread. */
  workers: z.number().int().min(0).max(16).optional(),
  /** Where the global model lives (default: models/demand/demand-global.onnx in the repository). */
  modelPath: z.string().min(1).optional(),
});
export type ForecastOptions = z.infer<typeof forecastOptionsSchema>;

export const forecastPointSchema = z.object({
  date: isoDate,
  mean: z.number().min(0),
  lower: z.number().min(0),
  upper: z.number().min(0),
});
export type ForecastPoint = z.infer<typeof forecastPointSchema>;

export const backtestEntrySchema = z.object({
  method: forecastMethodSchema,
  /** Mean over origins of (MAE over the horizon ÷ in-sample seasonal-naive MAE); null without an origin. */
  mase: z.number().min(0).nullable(),
  /** Σ|error| ÷ Σ actual over every origin and day; null when nothing was sold in the tested days. */
  wape: z.number().min(0).nullable(),
});
export type BacktestEntry = z.infer<typeof backtestEntrySchema>;

export const demandStatsSchema = z.object({
  days: z.number().int().min(0),
  nonZeroDays: z.number().int().min(0),
  /** Average inter-demand interval in days (days ÷ days with a sale); null without a sale. */
  adi: z.number().nullable(),
  /** Squared coefficient of variation of the non-zero quantities; null without a sale. */
  cv2: z.number().nullable(),
});
export type DemandStats = z.infer<typeof demandStatsSchema>;

export const forecastResultSchema = z.object({
  productId: z.string(),
  /** The method the backtest chose (lowest MASE among the candidates). */
  method: forecastMethodSchema,
  classification: demandClassSchema,
  demandStats: demandStatsSchema,
  forecast: z.array(forecastPointSchema),
  /** The seasonal-naive (lag 7) forecast over the same days, the baseline shown beside the chosen one. */
  baselineForecast: z.array(z.number().min(0)),
  /** One entry per method backtested, the chosen one first; always includes `seasonalNaive`. */
  backtest: z.array(backtestEntrySchema),
  /** Central coverage of `lower`..`upper`. */
  intervalLevel: z.number(),
  /**
   * The chosen method's backtest errors (actual − forecast), one row per origin and one column per day of
   * the horizon: the empirical error distribution that safety stock is computed from.
   */
  errorPaths: z.array(z.array(z.number())),
});
export type ForecastResult = z.infer<typeof forecastResultSchema>;

export const reorderPolicySchema = z.object({
  /** Days from placing an order to the stock being on the shelf. */
  leadTimeDays: z.number().int().min(0).max(365),
  /** Days between two order decisions for this product (0: continuous review). */
  reviewPeriodDays: z.number().int().min(0).max(365),
  /** Probability of not running out before the next order can arrive (cycle service level). */
  serviceLevel: z.number().gt(0).lt(1),
  /** The supplier sells in packs of this many units: an order is a whole number of packs. */
  packMultiple: z.number().int().min(1),
  /** The smallest order the supplier accepts, in units. */
  minimumOrderQuantity: z.number().int().min(0),
});
export type ReorderPolicy = z.infer<typeof reorderPolicySchema>;

export const stockPositionSchema = z.object({
  /** Units on the shelf now (may be negative after an offline merge; it is then a debt). */
  onHand: z.number().int(),
  /** Units ordered and not yet received. */
  onOrder: z.number().int().min(0),
});
export type StockPosition = z.infer<typeof stockPositionSchema>;

export const reorderSuggestionSchema = z.object({
  /** On hand + on order. */
  inventoryPosition: z.number().int(),
  /** Forecast demand over the lead time. */
  leadTimeDemand: z.number().min(0),
  /** Forecast demand over the lead time plus the review period. */
  protectionDemand: z.number().min(0),
  /** Units held against forecast error over the lead time plus review period (may be negative if the forecast ran high). */
  safetyStock: z.number(),
  /** Order when the inventory position is at or below this. */
  reorderPoint: z.number().int().min(0),
  /** An order raises the inventory position to at least this. */
  orderUpToLevel: z.number().int().min(0),
  shouldOrder: z.boolean(),
  /** Units to order: 0, or a whole number of packs that is at least the minimum order quantity. */
  quantity: z.number().int().min(0),
  packs: z.number().int().min(0),
});
export type ReorderSuggestion = z.infer<typeof reorderSuggestionSchema>;
