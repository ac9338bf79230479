// The accuracy benchmark of the model card: generated products that the global model never saw, the last
// `horizon` days of each held out, every method (and the backtest's choice) scored on them per demand
// class, beside the seasonal-naive baseline.
import type { DemandClass, ForecastMethod } from './contract.js';
import { forecastSeries, type EngineOptions } from './forecast-engine.js';
import type { GeneratedProduct } from './generator.js';
import type { GlobalModel } from './global-model.js';
import { maseScale } from './metrics.js';
import { seasonalNaiveErrorPrefix } from './seasonal-naive.js';

export type ScoredMethod = ForecastMethod | 'selected';

export type AccuracyRow = {
  method: ScoredMethod;
  /** Σ|actual − forecast| ÷ Σ actual over the class's held-out days. */
  wape: number | null;
  /** Mean over products of held-out MAE ÷ in-sample seasonal-naive MAE. */
  mase: number;
  /** Σ(forecast − actual) ÷ Σ actual: positive when the method over-forecasts. */
  bias: number | null;
};

export type ClassAccuracy = {
  demandClass: DemandClass | 'all';
  products: number;
  rows: AccuracyRow[];
  /** Share of held-out days inside the selected method's interval. */
  intervalCoverage: number;
  /** How often the backtest chose each method. */
  chosen: Partial<Record<ForecastMethod, number>>;
};

export async function evaluateHeldOut(
  products: readonly GeneratedProduct[],
  options: Omit<EngineOptions, 'horizon'> & { horizon: number },
  model: GlobalModel | null,
): Promise<ClassAccuracy[]> {
  const h = options.horizon;
  const series = products.map((p) => ({ productId: p.productId, startDay: p.startDay, values: Float64Array.from(p.quantities.slice(0, -h)) }));
  const out = await forecastSeries(series, options, model);
  type Acc = { abs: number; signed: number; mase: number };
  const groups = new Map<DemandClass | 'all', { products: number; inside: number; days: number; actual: number; acc: Map<ScoredMethod, Acc>; chosen: Partial<Record<ForecastMethod, number>> }>();
  out.forEach((o, i) => {
    const p = products[i] as GeneratedProduct;
    const actual = p.quantities.slice(-h);
    const y = series[i]?.values as Float64Array;
    const scale = maseScale(y, seasonalNaiveErrorPrefix(y), y.length);
    const forecasts: Array<[ScoredMethod, ArrayLike<number>]> = Object.entries(o.finals) as Array<[ForecastMethod, Float64Array]>;
    forecasts.push(['selected', o.result.forecast.map((f) => f.mean)]);
    for (const key of [o.result.classification, 'all'] as const) {
      let g = groups.get(key);
      if (!g) {
        g = { products: 0, inside: 0, days: 0, actual: 0, acc: new Map(), chosen: {} };
        groups.set(key, g);
      }
      g.products++;
      g.chosen[o.result.method] = (g.chosen[o.result.method] ?? 0) + 1;
      for (let k = 0; k < h; k++) {
        const a = actual[k] as number;
        const f = o.result.forecast[k];
        if (f && a >= f.lower - 1e-9 && a <= f.upper + 1e-9) g.inside++;
        g.days++;
        g.actual += a;
      }
      for (const [m, f] of forecasts) {
        const acc = g.acc.get(m) ?? { abs: 0, signed: 0, mase: 0 };
        let abs = 0;
        for (let k = 0; k < h; k++) {
          abs += Math.abs((actual[k] as number) - (f[k] as number));
          acc.signed += (f[k] as number) - (actual[k] as number);
        }
        acc.abs += abs;
        acc.mase += abs / h / scale;
        g.acc.set(m, acc);
      }
    }
  });
  const order: ScoredMethod[] = ['selected', 'seasonalNaive', 'croston', 'sba', 'tsb', 'ets', 'global'];
  const classOrder: Array<DemandClass | 'all'> = ['smooth', 'erratic', 'intermittent', 'lumpy', 'noDemand', 'all'];
  return classOrder
    .filter((c) => groups.has(c))
    .map((c) => {
      const g = groups.get(c) as NonNullable<ReturnType<typeof groups.get>>;
      return {
        demandClass: c,
        products: g.products,
        rows: order
          .filter((m) => g.acc.has(m))
          .map((m) => {
            const a = g.acc.get(m) as Acc;
            return { method: m, wape: g.actual > 0 ? a.abs / g.actual : null, mase: a.mase / g.products, bias: g.actual > 0 ? a.signed / g.actual : null };
          }),
        intervalCoverage: g.inside / g.days,
        chosen: g.chosen,
      };
    });
}
