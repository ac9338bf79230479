// Accuracy measures and empirical quantiles shared by the backtest, the intervals and the reorder logic.

/** Linear-interpolation quantile (Hyndman–Fan type 7) of ascending `sorted`; monotone in p. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return sorted[0] as number;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The MASE denominator for an origin: the in-sample MAE of seasonal naive before it. When that is 0 (a
 * history that repeats exactly, or nothing sold), the mean absolute demand stands in, and 1 when that is 0
 * too, so that MASE stays defined and an all-zero history scores its forecast's MAE.
 */
export function maseScale(y: ArrayLike<number>, errorPrefix: Float64Array, origin: number, season = 7): number {
  if (origin > season) {
    const mae = (errorPrefix[origin] as number) / (origin - season);
    if (mae > 0) return mae;
  }
  let s = 0;
  for (let t = 0; t < origin; t++) s += Math.abs(y[t] as number);
  return origin > 0 && s > 0 ? s / origin : 1;
}

/** Smallest k with P(Poisson(mean) ≤ k) ≥ p; the fallback demand distribution when no backtest exists. */
export function poissonQuantile(mean: number, p: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 500) {
    // Normal approximation where the exact sum would underflow.
    return Math.max(0, Math.ceil(mean + Math.sqrt(mean) * normalQuantile(p) - 0.5));
  }
  let k = 0;
  let term = Math.exp(-mean);
  let cdf = term;
  while (cdf < p && k < 100_000) {
    k++;
    term *= mean / k;
    cdf += term;
  }
  return k;
}

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q0 = Math.min(1 - 1e-12, Math.max(1e-12, p));
  const poly = (coef: number[], x: number): number => coef.reduce((acc, v) => acc * x + v, 0);
  if (q0 < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(q0));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (q0 > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(1 - q0));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = q0 - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
