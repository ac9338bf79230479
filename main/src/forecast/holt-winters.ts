// Holt–Winters (ETS with additive errors, additive damped trend or none, and additive weekly seasonality)
// for smooth and erratic series. Additive, not multiplicative, seasonality: pharmacy lines often sell zero
// on a quiet weekday, which a multiplicative season cannot represent.
//
// Initialisation: the level is the mean of the first week, the weekday effects are the first week's
// deviations from it, and the trend (when there is one) is the change of the weekly mean from the first to
// the second week, per day. Smoothing starts on day 7, so at least 14 days are needed.

import { seasonLength } from './seasonal-naive.js';

export type HoltWintersParams = {
  alpha: number;
  /** 0 means a model without trend. */
  beta: number;
  gamma: number;
  /** Trend damping (1: undamped); ignored without trend. */
  phi: number;
};

export type HoltWintersState = {
  level: number;
  trend: number;
  /** Weekday effects indexed by day index mod 7. */
  season: Float64Array;
  /** The first day this state has not seen. */
  day: number;
};

export const holtWintersMinDays = 2 * seasonLength;

export type HoltWintersPass = { sse: number; count: number; states: HoltWintersState[] };

/** One causal pass; `at` (ascending, each ≥ 14) asks for the state known before those days. */
export function runHoltWinters(
  y: ArrayLike<number>,
  params: HoltWintersParams,
  end: number,
  at: readonly number[] = [],
  fitEnd = 0,
): HoltWintersPass {
  const { alpha, beta, gamma } = params;
  const phi = beta > 0 ? params.phi : 1;
  const states: HoltWintersState[] = [];
  if (end < holtWintersMinDays) return { sse: 0, count: 0, states };
  let week1 = 0;
  let week2 = 0;
  for (let t = 0; t < seasonLength; t++) {
    week1 += y[t] as number;
    week2 += y[t + seasonLength] as number;
  }
  week1 /= seasonLength;
  week2 /= seasonLength;
  let level = week1;
  let trend = beta > 0 ? (week2 - week1) / seasonLength : 0;
  const season = new Float64Array(seasonLength);
  for (let t = 0; t < seasonLength; t++) season[t] = (y[t] as number) - week1;
  let sse = 0;
  let count = 0;
  let next = 0;
  while (next < at.length && (at[next] as number) < seasonLength) next++;
  for (let t = seasonLength; t <= end; t++) {
    while (next < at.length && at[next] === t) {
      states.push({ level, trend, season: season.slice(), day: t });
      next++;
    }
    if (t === end) break;
    const v = y[t] as number;
    const s = season[t % seasonLength] as number;
    const damped = phi * trend;
    if (t < fitEnd && t >= holtWintersMinDays) {
      const e = v - (level + damped + s);
      sse += e * e;
      count++;
    }
    const newLevel = alpha * (v - s) + (1 - alpha) * (level + damped);
    trend = beta > 0 ? beta * (newLevel - level) + (1 - beta) * damped : 0;
    level = newLevel;
    season[t % seasonLength] = gamma * (v - level) + (1 - gamma) * s;
  }
  return { sse, count, states };
}

/** Days state.day … state.day + horizon − 1; negative values are cut to 0 (demand cannot be negative). */
export function holtWintersForecast(state: HoltWintersState, params: HoltWintersParams, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const phi = params.beta > 0 ? params.phi : 1;
  let damping = 0;
  let power = 1;
  for (let k = 0; k < horizon; k++) {
    power *= phi;
    damping += power;
    const v = state.level + damping * state.trend + (state.season[(state.day + k) % seasonLength] as number);
    out[k] = v > 0 ? v : 0;
  }
  return out;
}

const alphaGrid = [0.05, 0.1, 0.2, 0.4];
const gammaGrid = [0.02, 0.1, 0.3];
const trendGrid: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [0.05, 0.98],
  [0.1, 0.9],
];

/** Parameters with the least one-step squared error on y[0..fitEnd) from a small grid. */
export function fitHoltWinters(y: ArrayLike<number>, fitEnd: number): HoltWintersParams {
  let best: HoltWintersParams = { alpha: 0.1, beta: 0, gamma: 0.1, phi: 1 };
  let bestSse = Infinity;
  for (const [beta, phi] of trendGrid) {
    for (const alpha of alphaGrid) {
      for (const gamma of gammaGrid) {
        const params = { alpha, beta, gamma, phi };
        const { sse, count } = runHoltWinters(y, params, fitEnd, [], fitEnd);
        if (count === 0) return best;
        if (sse < bestSse - 1e-12 * Math.max(1, sse)) {
          bestSse = sse;
          best = params;
        }
      }
    }
  }
  return best;
}
