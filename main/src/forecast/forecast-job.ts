// One batch of histories to forecasts: the same code runs inside a worker thread and, for small calls and
// tests, in the calling thread.
import type { DemandHistory, ForecastMethod, ForecastOptions, ForecastResult } from './contract.js';
import { forecastMethods, forecastOptionsSchema } from './contract.js';
import { createDayParser } from './calendar.js';
import { forecastSeries, type EngineOptions } from './forecast-engine.js';
import { defaultModelPath, loadGlobalModel, type GlobalModel } from './global-model.js';
import { ForecastError, toDailySeries } from './history.js';

export type ResolvedForecastOptions = EngineOptions & { workers: number; modelPath: string };

export function resolveForecastOptions(options: ForecastOptions, cores: number): ResolvedForecastOptions {
  const parsed = forecastOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ForecastError('forecast.badOptions', `forecast options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const o = parsed.data;
  const methods: ForecastMethod[] = forecastMethods.filter((m) => (o.methods ?? forecastMethods).includes(m));
  return {
    horizon: o.horizon,
    backtestOrigins: o.backtestOrigins ?? 8,
    backtestStep: o.backtestStep ?? 14,
    methods,
    intervalLevel: o.intervalLevel ?? 0.8,
    // Leave a core to the counter: a forecast must never make a scan wait.
    workers: o.workers ?? Math.min(4, Math.max(1, cores - 1)),
    modelPath: o.modelPath ?? defaultModelPath,
  };
}

export async function openModelFor(options: ResolvedForecastOptions): Promise<GlobalModel | null> {
  if (!options.methods.includes('global')) return null;
  try {
    return await loadGlobalModel(options.modelPath);
  } catch (e: unknown) {
    throw new ForecastError('forecast.modelUnavailable', `the global demand model could not be loaded from ${options.modelPath}`, {
      reason: e instanceof Error ? e.message : String(e),
    });
  }
}

export async function runForecastJob(
  histories: readonly DemandHistory[],
  options: ResolvedForecastOptions,
  model: GlobalModel | null,
): Promise<ForecastResult[]> {
  const parseDay = createDayParser();
  const series = histories.map((h) => toDailySeries(h, parseDay));
  const out = await forecastSeries(series, options, model);
  return out.map((o) => o.result);
}
