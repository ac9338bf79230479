// Forecasts a batch of daily series: every candidate method is run from several rolling origins, scored by
// MASE (scaled by the in-sample seasonal-naive error) with WAPE beside it, the lowest MASE is chosen per
// product, and the chosen method's backtest errors become its prediction interval. Pure computation apart
// from the global model's runtime; it runs inside a worker thread for large batches.
import { formatIsoDay } from './calendar.js';
import { classifyDemand, demandStatsOf } from './classify.js';
import type { BacktestEntry, DemandClass, ForecastMethod, ForecastPoint, ForecastResult } from './contract.js';
import { forecastMethods } from './contract.js';
import { fitIntermittent, runIntermittent, type IntermittentMethod } from './croston.js';
import { featureCount, writeFeatureRows } from './features.js';
import type { GlobalModel } from './global-model.js';
import type { DailySeries } from './history.js';
import { fitHoltWinters, holtWintersForecast, holtWintersMinDays, runHoltWinters } from './holt-winters.js';
import { empiricalIntervals } from './intervals.js';
import { maseScale } from './metrics.js';
import { seasonalNaiveErrorPrefix, seasonalNaiveForecast } from './seasonal-naive.js';

export type EngineOptions = {
  horizon: number;
  backtestOrigins: number;
  backtestStep: number;
  /** Candidates; seasonal naive is backtested whether or not it is one. */
  methods: readonly ForecastMethod[];
  intervalLevel: number;
};

/** Days of history an origin needs before it: two weeks to start Holt–Winters, two more to fit anything. */
export const minTrainingDays = 28;

export type SeriesForecast = {
  result: ForecastResult;
  /** Each method's forecast from the end of the history (for accuracy studies). */
  finals: Partial<Record<ForecastMethod, Float64Array>>;
};

type Prepared = {
  series: DailySeries;
  demandClass: DemandClass;
  stats: ForecastResult['demandStats'];
  /** Backtest origins, ascending, then the end of the history. */
  at: number[];
  methods: ForecastMethod[];
  /** Per method: (origins + 1) × horizon forecasts, row i from at[i]. */
  forecasts: Map<ForecastMethod, Float64Array>;
  globalRow: number;
};

export async function forecastSeries(
  batch: readonly DailySeries[],
  options: EngineOptions,
  model: GlobalModel | null,
): Promise<SeriesForecast[]> {
  const h = options.horizon;
  const useGlobal = options.methods.includes('global') && model !== null;
  const prepared = batch.map((s) => prepare(s, options, useGlobal));

  if (useGlobal) {
    let rows = 0;
    for (const p of prepared) {
      p.globalRow = rows;
      rows += p.at.length * h;
    }
    const features = new Float32Array(rows * featureCount);
    const scales = new Float32Array(rows);
    for (const p of prepared) {
      p.at.forEach((origin, i) => writeFeatureRows(p.series.values, origin, p.series.startDay, h, features, scales, p.globalRow + i * h));
    }
    const predicted = await model.predict(features, scales, rows);
    for (const p of prepared) p.forecasts.set('global', Float64Array.from(predicted.subarray(p.globalRow, p.globalRow + p.at.length * h)));
  }
  return prepared.map((p) => finish(p, options));
}

function prepare(series: DailySeries, options: EngineOptions, useGlobal: boolean): Prepared {
  const y = series.values;
  const n = y.length;
  const h = options.horizon;
  const stats = demandStatsOf(y);
  const origins: number[] = [];
  for (let i = options.backtestOrigins - 1; i >= 0; i--) {
    const o = n - h - i * options.backtestStep;
    if (o >= minTrainingDays) origins.push(o);
  }
  const at = [...origins, n];
  const fitEnd = origins[0] ?? n;
  const wanted = new Set<ForecastMethod>([...options.methods, 'seasonalNaive']);
  const methods = forecastMethods.filter((m) => wanted.has(m) && (m !== 'global' || useGlobal) && (m !== 'ets' || n >= holtWintersMinDays));
  const forecasts = new Map<ForecastMethod, Float64Array>();
  for (const m of methods) {
    const rows = new Float64Array(at.length * h);
    switch (m) {
      case 'seasonalNaive':
        at.forEach((o, i) => rows.set(seasonalNaiveForecast(y, o, h), i * h));
        break;
      case 'croston':
      case 'sba':
      case 'tsb': {
        const method: IntermittentMethod = m;
        const { forecasts: flat } = runIntermittent(y, method, fitIntermittent(y, method, fitEnd), n, at);
        flat.forEach((v, i) => rows.fill(v, i * h, (i + 1) * h));
        break;
      }
      case 'ets': {
        const params = fitHoltWinters(y, fitEnd);
        runHoltWinters(y, params, n, at).states.forEach((state, i) => rows.set(holtWintersForecast(state, params, h), i * h));
        break;
      }
      case 'global':
        break; // filled from one model run for the whole batch
    }
    forecasts.set(m, rows);
  }
  return { series, demandClass: classifyDemand(stats), stats, at, methods, forecasts, globalRow: 0 };
}

/** Preference among equally accurate methods: the simpler one. */
const preference: readonly ForecastMethod[] = forecastMethods;
/** Without a backtest: what suits the demand class. */
const fallbackBySmoothness: readonly ForecastMethod[] = ['ets', 'seasonalNaive', 'sba', 'tsb', 'croston', 'global'];
const fallbackIntermittent: readonly ForecastMethod[] = ['sba', 'tsb', 'croston', 'seasonalNaive', 'ets', 'global'];

function finish(p: Prepared, options: EngineOptions): SeriesForecast {
  const y = p.series.values;
  const n = y.length;
  const h = options.horizon;
  const originCount = p.at.length - 1;
  const prefix = seasonalNaiveErrorPrefix(y);
  const scales = p.at.slice(0, originCount).map((o) => maseScale(y, prefix, o));
  const scored: Array<BacktestEntry & { candidate: boolean }> = [];
  for (const m of p.methods) {
    const rows = p.forecasts.get(m) as Float64Array;
    let maseSum = 0;
    let absErr = 0;
    let actual = 0;
    for (let i = 0; i < originCount; i++) {
      const o = p.at[i] as number;
      let mae = 0;
      for (let k = 0; k < h; k++) {
        const e = Math.abs((y[o + k] as number) - (rows[i * h + k] as number));
        mae += e;
        actual += y[o + k] as number;
      }
      absErr += mae;
      maseSum += mae / h / (scales[i] as number);
    }
    scored.push({
      method: m,
      mase: originCount > 0 ? maseSum / originCount : null,
      wape: originCount > 0 && actual > 0 ? absErr / actual : null,
      candidate: options.methods.includes(m),
    });
  }

  const candidates = scored.filter((s) => s.candidate);
  // Every candidate can be unavailable (only 'ets' asked for, and under two weeks of history).
  if (candidates.length === 0) candidates.push(scored.find((s) => s.method === 'seasonalNaive') as (typeof scored)[number]);
  let chosen: ForecastMethod;
  if (originCount > 0) {
    let best = candidates[0] as BacktestEntry;
    for (const c of candidates) {
      const a = c.mase as number;
      const b = best.mase as number;
      const better = a < b - 1e-9 * Math.max(1, b) || (Math.abs(a - b) <= 1e-9 * Math.max(1, b) && preference.indexOf(c.method) < preference.indexOf(best.method));
      if (better) best = c;
    }
    chosen = best.method;
  } else {
    const order = p.demandClass === 'smooth' || p.demandClass === 'erratic' ? fallbackBySmoothness : fallbackIntermittent;
    chosen = order.find((m) => candidates.some((c) => c.method === m)) ?? 'seasonalNaive';
  }

  const chosenRows = p.forecasts.get(chosen) as Float64Array;
  const mean = chosenRows.subarray(originCount * h, (originCount + 1) * h);
  const errorPaths: number[][] = [];
  for (let i = 0; i < originCount; i++) {
    const o = p.at[i] as number;
    const path = new Array<number>(h);
    for (let k = 0; k < h; k++) path[k] = (y[o + k] as number) - (chosenRows[i * h + k] as number);
    errorPaths.push(path);
  }
  const intervals = empiricalIntervals(
    {
      actual: p.at.slice(0, originCount).map((o) => y.subarray(o, o + h)),
      forecast: Array.from({ length: originCount }, (_, i) => chosenRows.subarray(i * h, (i + 1) * h)),
    },
    mean,
    options.intervalLevel,
  );
  const forecast: ForecastPoint[] = new Array(h);
  for (let k = 0; k < h; k++) {
    forecast[k] = { date: formatIsoDay(p.series.startDay + n + k), mean: mean[k] as number, lower: intervals.lower[k] as number, upper: intervals.upper[k] as number };
  }

  const backtest: BacktestEntry[] = [];
  const chosenEntry = scored.find((s) => s.method === chosen);
  for (const s of chosenEntry ? [chosenEntry, ...scored.filter((x) => x !== chosenEntry)] : scored) {
    backtest.push({ method: s.method, mase: s.mase, wape: s.wape });
  }
  const finals: Partial<Record<ForecastMethod, Float64Array>> = {};
  for (const [m, rows] of p.forecasts) finals[m] = rows.slice(originCount * h, (originCount + 1) * h);
  return {
    result: {
      productId: p.series.productId,
      method: chosen,
      classification: p.demandClass,
      demandStats: p.stats,
      forecast,
      baselineForecast: Array.from(finals.seasonalNaive as Float64Array),
      backtest,
      intervalLevel: options.intervalLevel,
      errorPaths,
    },
    finals,
  };
}
