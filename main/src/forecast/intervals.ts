// Prediction intervals from a backtest: no distribution is assumed, the interval is what the method's own
// past errors say. Errors are taken relative to the forecast (actual ÷ forecast), because a product's
// level moves between backtest origins: with additive errors, a slow seller whose forecast rose since the
// backtest would get a lower bound above zero although most of its days sell nothing.
import { poissonQuantile, quantileSorted, sortedCopy } from './metrics.js';

const tiny = 1e-9;

export type Backtested = {
  /** actual[i][k]: units sold on day k after origin i. */
  actual: ArrayLike<number>[];
  /** forecast[i][k]: what the method forecast for that day from origin i. */
  forecast: ArrayLike<number>[];
};

/**
 * Central `level` interval around each of `mean`. Days the backtest forecast above zero give ratios that
 * scale the new forecast; days it forecast zero say what a zero forecast is followed by. Without any
 * backtest the count is taken as Poisson around the forecast.
 */
export function empiricalIntervals(backtest: Backtested, mean: ArrayLike<number>, level: number): { lower: Float64Array; upper: Float64Array } {
  const pLow = (1 - level) / 2;
  const pHigh = 1 - pLow;
  const ratios: number[] = [];
  const afterZero: number[] = [];
  const errors: number[] = [];
  backtest.actual.forEach((row, i) => {
    const f = backtest.forecast[i] as ArrayLike<number>;
    for (let k = 0; k < row.length; k++) {
      const a = row[k] as number;
      const fk = f[k] as number;
      errors.push(a - fk);
      if (fk > tiny) ratios.push(a / fk);
      else afterZero.push(a);
    }
  });
  const h = mean.length;
  const lower = new Float64Array(h);
  const upper = new Float64Array(h);
  const sortedRatios = sortedCopy(ratios);
  const sortedAfterZero = sortedCopy(afterZero);
  const sortedErrors = sortedCopy(errors);
  for (let k = 0; k < h; k++) {
    const m = mean[k] as number;
    let lo: number;
    let hi: number;
    if (errors.length === 0) {
      lo = poissonQuantile(m, pLow);
      hi = poissonQuantile(m, pHigh);
    } else if (m > tiny && sortedRatios.length > 0) {
      lo = m * quantileSorted(sortedRatios, pLow);
      hi = m * quantileSorted(sortedRatios, pHigh);
    } else if (m <= tiny && sortedAfterZero.length > 0) {
      lo = quantileSorted(sortedAfterZero, pLow);
      hi = quantileSorted(sortedAfterZero, pHigh);
    } else {
      lo = m + quantileSorted(sortedErrors, pLow);
      hi = m + quantileSorted(sortedErrors, pHigh);
    }
    lower[k] = Math.max(0, lo);
    upper[k] = Math.max(lower[k] as number, hi);
  }
  return { lower, upper };
}
