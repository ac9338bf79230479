// Reorder point, order-up-to level and the order to suggest, from a forecast and its backtest errors.
// Rule: an order is suggested only when the inventory position (on hand + on order) is at or below the
// reorder point, and it is a whole number of packs of at least the supplier's minimum, because a pharmacy
// can only buy what its wholesaler sells. The numbers are a suggestion for a person to confirm.
//
// Safety stock comes from the empirical distribution of the forecast's cumulative error over the days that
// matter (the lead time for the reorder point, lead time + review period for the order-up-to level), taken
// from the backtest: a forecast that ran low in the backtest is topped up by exactly how low it ran.
import type { Result } from '../api/contract.js';
import type { ForecastResult, ReorderPolicy, ReorderSuggestion, StockPosition } from './contract.js';
import { reorderPolicySchema, stockPositionSchema } from './contract.js';
import { poissonQuantile, quantileSorted, sortedCopy } from './metrics.js';

export type DemandOutlook = {
  /** Expected units per day from tomorrow. */
  dailyMean: readonly number[];
  /** Backtest errors (actual − forecast) per origin and day, as in ForecastResult.errorPaths. */
  errorPaths: readonly (readonly number[])[];
};

export function demandOutlookOf(result: Pick<ForecastResult, 'forecast' | 'errorPaths'>): DemandOutlook {
  return { dailyMean: result.forecast.map((p) => p.mean), errorPaths: result.errorPaths };
}

/** Expected demand over the first `days` days; past the horizon the forecast's last week repeats. */
export function expectedDemand(dailyMean: readonly number[], days: number): number {
  const h = dailyMean.length;
  if (days <= 0 || h === 0) return 0;
  let sum = 0;
  for (let d = 0; d < Math.min(days, h); d++) sum += dailyMean[d] as number;
  if (days > h) {
    const week = Math.min(7, h);
    for (let d = h; d < days; d++) sum += dailyMean[h - week + ((d - h) % week)] as number;
  }
  return sum;
}

/**
 * Samples of the forecast error summed over `days` consecutive days: every window of that length inside
 * every backtest path. Past the path length the bias grows with the days and the spread with their square
 * root (independent daily errors), which is the usual assumption and is stated rather than hidden.
 */
export function cumulativeErrorSamples(errorPaths: readonly (readonly number[])[], days: number): number[] {
  const samples: number[] = [];
  if (days <= 0) return samples;
  const h = Math.min(...errorPaths.map((p) => p.length));
  if (!Number.isFinite(h) || h === 0) return samples;
  const w = Math.min(days, h);
  for (const path of errorPaths) {
    let s = 0;
    for (let d = 0; d < w; d++) s += path[d] as number;
    samples.push(s);
    for (let d = w; d < h; d++) {
      s += (path[d] as number) - (path[d - w] as number);
      samples.push(s);
    }
  }
  if (days > h) {
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const bias = (mean / h) * days;
    const spread = Math.sqrt(days / h);
    for (let i = 0; i < samples.length; i++) samples[i] = bias + ((samples[i] as number) - mean) * spread;
  }
  return samples;
}

/** Demand over `days` days that is not exceeded with probability `serviceLevel` (units, ≥ 0). */
export function demandQuantile(outlook: DemandOutlook, days: number, serviceLevel: number): { mean: number; quantile: number } {
  const mean = expectedDemand(outlook.dailyMean, days);
  if (days <= 0) return { mean: 0, quantile: 0 };
  const samples = cumulativeErrorSamples(outlook.errorPaths, days);
  // No backtest (a short history): Poisson demand around the forecast.
  const quantile = samples.length === 0 ? poissonQuantile(mean, serviceLevel) : mean + quantileSorted(sortedCopy(samples), serviceLevel);
  return { mean, quantile: Math.max(0, quantile) };
}

/** Whole units; the tiny allowance keeps 12.000000001 from becoming 13 through float noise. */
const wholeUnitsAtLeast = (x: number): number => Math.max(0, Math.ceil(x - 1e-9));

export function reorderPoint(outlook: DemandOutlook, leadTimeDays: number, serviceLevel: number): number {
  return wholeUnitsAtLeast(demandQuantile(outlook, leadTimeDays, serviceLevel).quantile);
}

export function orderUpToLevel(outlook: DemandOutlook, leadTimeDays: number, reviewPeriodDays: number, serviceLevel: number): number {
  const level = wholeUnitsAtLeast(demandQuantile(outlook, leadTimeDays + reviewPeriodDays, serviceLevel).quantile);
  return Math.max(level, reorderPoint(outlook, leadTimeDays, serviceLevel));
}

/** The smallest whole number of packs that covers `need` and the minimum order; 0 when nothing is needed. */
export function roundOrderQuantity(need: number, packMultiple: number, minimumOrderQuantity: number): number {
  if (!(need > 0)) return 0;
  const units = Math.max(need, minimumOrderQuantity);
  return Math.ceil(units / packMultiple) * packMultiple;
}

export function suggestReorder(outlook: DemandOutlook, policy: ReorderPolicy, stock: StockPosition): Result<ReorderSuggestion> {
  const p = reorderPolicySchema.safeParse(policy);
  const s = stockPositionSchema.safeParse(stock);
  const badOutlook = outlook.dailyMean.some((v) => !Number.isFinite(v) || v < 0) || outlook.errorPaths.some((r) => r.some((v) => !Number.isFinite(v)));
  if (!p.success || !s.success || badOutlook) {
    const issues = [...(p.error?.issues ?? []), ...(s.error?.issues ?? [])].map((i) => ({ path: i.path.join('.'), message: i.message }));
    if (badOutlook) issues.push({ path: 'outlook', message: 'forecast means must be finite and ≥ 0, errors finite' });
    return { ok: false, error: { code: 'forecast.badReorderInput', message: 'the reorder inputs are not valid', details: { issues } } };
  }
  const { leadTimeDays, reviewPeriodDays, serviceLevel, packMultiple, minimumOrderQuantity } = p.data;
  const inventoryPosition = s.data.onHand + s.data.onOrder;
  const lead = demandQuantile(outlook, leadTimeDays, serviceLevel);
  const protection = demandQuantile(outlook, leadTimeDays + reviewPeriodDays, serviceLevel);
  const rop = wholeUnitsAtLeast(lead.quantile);
  const upTo = Math.max(rop, wholeUnitsAtLeast(protection.quantile));
  const shouldOrder = inventoryPosition <= rop && upTo - inventoryPosition > 0;
  const quantity = shouldOrder ? roundOrderQuantity(upTo - inventoryPosition, packMultiple, minimumOrderQuantity) : 0;
  return {
    ok: true,
    value: {
      inventoryPosition,
      leadTimeDemand: lead.mean,
      protectionDemand: protection.mean,
      safetyStock: protection.quantile - protection.mean,
      reorderPoint: rop,
      orderUpToLevel: upTo,
      shouldOrder,
      quantity,
      packs: quantity / packMultiple,
    },
  };
}
