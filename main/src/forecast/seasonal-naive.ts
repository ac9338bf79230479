// Seasonal naive (lag 7): tomorrow sells what the same weekday sold last week. It is the baseline every
// chosen method is reported against, and its in-sample error is the MASE scale.

export const seasonLength = 7;

/** Forecast days origin … origin + horizon − 1 from what was known before `origin`. */
export function seasonalNaiveForecast(y: ArrayLike<number>, origin: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  if (origin >= seasonLength) {
    for (let k = 0; k < horizon; k++) out[k] = y[origin - seasonLength + (k % seasonLength)] as number;
  } else if (origin > 0) {
    // Less than a week known: a flat mean is the only honest guess.
    let s = 0;
    for (let t = 0; t < origin; t++) s += y[t] as number;
    out.fill(s / origin);
  }
  return out;
}

/**
 * Prefix sums of |y[t] − y[t − 7]|, so the in-sample seasonal-naive MAE before any origin costs O(1):
 * `prefix[t]` sums the terms for 7 ≤ i < t.
 */
export function seasonalNaiveErrorPrefix(y: ArrayLike<number>): Float64Array {
  const prefix = new Float64Array(y.length + 1);
  for (let t = 0; t < y.length; t++) {
    prefix[t + 1] = (prefix[t] as number) + (t >= seasonLength ? Math.abs((y[t] as number) - (y[t - seasonLength] as number)) : 0);
  }
  return prefix;
}
