import { describe, expect, it } from 'vitest';
import { evaluateHeldOut } from './accuracy.js';
import type { ForecastMethod } from './contract.js';
import { forecastSeries, type EngineOptions } from './forecast-engine.js';
import { generateDemandDataSet } from './generator.js';

const statistical: ForecastMethod[] = ['seasonalNaive', 'croston', 'sba', 'tsb', 'ets'];
const options = (o: Partial<EngineOptions> = {}): EngineOptions => ({
  horizon: 28,
  backtestOrigins: 8,
  backtestStep: 14,
  methods: statistical,
  intervalLevel: 0.8,
  ...o,
});
const series = (values: number[], productId = 'x') => ({ productId, startDay: 19_000, values: Float64Array.from(values) });

/** Forecast a known process from its first n days and score every method on the h days that follow. */
async function chooseAndCheck(process: (t: number) => number, n: number, o: EngineOptions) {
  const all = Array.from({ length: n + o.horizon }, (_, t) => process(t));
  const [out] = await forecastSeries([series(all.slice(0, n))], o, null);
  const future = all.slice(n);
  const trueMae = Object.fromEntries(
    Object.entries(out!.finals).map(([m, f]) => [m, future.reduce((s, a, k) => s + Math.abs(a - (f[k] as number)), 0) / o.horizon]),
  ) as Record<ForecastMethod, number>;
  const bestCandidate = o.methods.reduce((best, m) => (trueMae[m] < trueMae[best] ? m : best), o.methods[0] as ForecastMethod);
  return { result: out!.result, trueMae, bestCandidate };
}

describe('rolling-origin backtest', () => {
  it('scores MASE against the in-sample seasonal-naive error and WAPE against the units sold', async () => {
    // Weekdays sell 0…6 for four weeks, then 1…7 in the tested week. Seasonal naive is perfect in-sample,
    // so the scale is the mean demand (3); it misses by 1 every tested day: MASE 1/3, WAPE 7/28.
    const y = [...Array.from({ length: 28 }, (_, t) => t % 7), ...[1, 2, 3, 4, 5, 6, 7]];
    const [out] = await forecastSeries([series(y)], options({ horizon: 7, backtestOrigins: 1, methods: ['seasonalNaive'] }), null);
    expect(out?.result.backtest).toEqual([{ method: 'seasonalNaive', mase: expect.closeTo(1 / 3, 12), wape: 0.25 }]);
    expect(out?.result.errorPaths).toEqual([[1, 1, 1, 1, 1, 1, 1]]);
  });

  it('always reports the seasonal-naive baseline, even when it is not a candidate, and lists the chosen method first', async () => {
    const products = generateDemandDataSet({ seed: 11, products: 30 });
    const out = await forecastSeries(products.map((p) => series(p.quantities, p.productId)), options({ methods: ['sba', 'ets'] }), null);
    for (const { result } of out) {
      expect(result.backtest.map((b) => b.method).sort()).toEqual(['ets', 'sba', 'seasonalNaive']);
      expect(result.backtest[0]?.method).toBe(result.method);
      expect(['sba', 'ets']).toContain(result.method);
      expect(result.baselineForecast).toHaveLength(28);
      expect(result.errorPaths).toHaveLength(8);
    }
  });

  it('chooses seasonal naive for a weekly pattern that repeats exactly after a jump in level', async () => {
    const pattern = [2, 9, 4, 0, 13, 6, 1];
    const { result, trueMae, bestCandidate } = await chooseAndCheck((t) => (pattern[t % 7] as number) * (t < 300 ? 1 : 2), 600, options());
    expect(result.method).toBe('seasonalNaive');
    expect(result.backtest[0]?.mase).toBe(0);
    expect(bestCandidate).toBe('seasonalNaive');
    expect(trueMae.seasonalNaive).toBe(0);
  });

  it('chooses Holt–Winters for a trend under a weekly pattern', async () => {
    const pattern = [3, 8, 5, 0, 9, 4, 1];
    const { result, trueMae, bestCandidate } = await chooseAndCheck((t) => 20 + 0.05 * t + (pattern[t % 7] as number), 500, options());
    expect(result.method).toBe('ets');
    expect(bestCandidate).toBe('ets');
    expect(trueMae.ets).toBeLessThan(trueMae.seasonalNaive / 2);
  });

  it('chooses TSB among Croston’s family for a product that stopped selling', async () => {
    const o = options({ methods: ['croston', 'sba', 'tsb'] });
    const { result, bestCandidate } = await chooseAndCheck((t) => (t < 500 && t % 4 === 0 ? 3 : 0), 650, o);
    expect(result.method).toBe('tsb');
    expect(bestCandidate).toBe('tsb');
  });

  it('chooses SBA over Croston where Croston’s bias costs accuracy', async () => {
    const o = options({ methods: ['croston', 'sba'] });
    const { result, trueMae, bestCandidate } = await chooseAndCheck((t) => (t % 9 === 4 ? 6 : 0), 540, o);
    expect(result.method).toBe('sba');
    expect(bestCandidate).toBe('sba');
    expect(trueMae.sba).toBeLessThan(trueMae.croston);
  });

  it('falls back by demand class, with Poisson intervals, when the history is too short to backtest', async () => {
    const [out] = await forecastSeries([series([0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0])], options({ horizon: 7 }), null);
    expect(out?.result).toMatchObject({ method: 'sba', classification: 'intermittent', errorPaths: [] });
    expect(out?.result.backtest.every((b) => b.mase === null && b.wape === null)).toBe(true);
    expect(out?.result.forecast[0]?.lower).toBe(0);
    const [steady] = await forecastSeries([series(Array.from({ length: 20 }, (_, t) => 5 + (t % 3)))], options({ horizon: 7 }), null);
    expect(steady?.result).toMatchObject({ method: 'ets', classification: 'smooth' });
  });

  it('dates the forecast from the day after the history', async () => {
    const [out] = await forecastSeries([series(new Array<number>(60).fill(1))], options({ horizon: 3 }), null);
    // day 19000 is 2022-01-08; 60 days later is 2022-03-09
    expect(out?.result.forecast.map((f) => f.date)).toEqual(['2022-03-09', '2022-03-10', '2022-03-11']);
  });
});

describe('prediction intervals on generated data', () => {
  it('hold about 80% of the held-out days at the 80% level', async () => {
    const products = generateDemandDataSet({ seed: 77, products: 300 });
    const classes = await evaluateHeldOut(products, options(), null);
    const all = classes.find((c) => c.demandClass === 'all');
    const smooth = classes.find((c) => c.demandClass === 'smooth');
    // Slow sellers' counts are discrete (most days are exactly the lower bound 0), so their coverage
    // runs above the nominal level; smooth series show the calibration itself.
    expect(all?.intervalCoverage).toBeGreaterThan(0.77);
    expect(all?.intervalCoverage).toBeLessThan(0.95);
    expect(smooth?.intervalCoverage).toBeGreaterThan(0.72);
    expect(smooth?.intervalCoverage).toBeLessThan(0.88);
  });

  it('beat seasonal naive on held-out days with the backtest’s choice', async () => {
    const products = generateDemandDataSet({ seed: 78, products: 300 });
    const [all] = (await evaluateHeldOut(products, options(), null)).filter((c) => c.demandClass === 'all');
    const row = (m: string) => all?.rows.find((r) => r.method === m);
    expect(row('selected')!.wape!).toBeLessThan(row('seasonalNaive')!.wape! * 0.9);
    expect(row('selected')!.mase).toBeLessThan(row('seasonalNaive')!.mase);
  });
});
