// Croston's method and its two corrections for intermittent demand: SBA (Syntetos–Boylan approximation,
// which removes Croston's upward bias) and TSB (Teunter–Syntetos–Babai, which updates the probability of a
// sale every day and so lets the forecast of a product that stopped selling decay to zero).
//
// Initialisation (documented because every text does it differently): nothing is forecast before the first
// sale (the forecast is 0); at the first sale the size estimate is that sale and the interval estimate is
// its 1-based day number (as if a sale had happened the day before the history began); TSB's probability
// starts at 1 ÷ that interval. Smoothing starts with the next day.

export type IntermittentMethod = 'croston' | 'sba' | 'tsb';
/** `alpha` smooths sizes (and Croston's intervals); `beta` smooths TSB's probability of a sale. */
export type IntermittentParams = { alpha: number; beta: number };

export type IntermittentPass = {
  /** Sum of squared one-step errors over the days after the first sale, before `fitEnd`. */
  sse: number;
  count: number;
  /** The flat forecast known before each day of `at` (after observing y[0..t)). */
  forecasts: Float64Array;
};

/** One causal pass: the forecast at each requested day uses only the days before it. */
export function runIntermittent(
  y: ArrayLike<number>,
  method: IntermittentMethod,
  params: IntermittentParams,
  end: number,
  at: readonly number[] = [],
  fitEnd = 0,
): IntermittentPass {
  const { alpha, beta } = params;
  const bias = method === 'sba' ? 1 - alpha / 2 : 1;
  const forecasts = new Float64Array(at.length);
  let next = 0;
  let started = false;
  let size = 0;
  let interval = 0; // Croston / SBA
  let probability = 0; // TSB
  let sinceLast = 0;
  let sse = 0;
  let count = 0;
  for (let t = 0; t <= end; t++) {
    const f = !started ? 0 : method === 'tsb' ? probability * size : (bias * size) / interval;
    while (next < at.length && at[next] === t) forecasts[next++] = f;
    if (t === end) break;
    const v = y[t] as number;
    if (started && t < fitEnd) {
      sse += (v - f) * (v - f);
      count++;
    }
    sinceLast++;
    if (v > 0) {
      if (!started) {
        started = true;
        size = v;
        interval = sinceLast;
        probability = 1 / sinceLast;
      } else {
        size += alpha * (v - size);
        if (method === 'tsb') probability += beta * (1 - probability);
        else interval += alpha * (sinceLast - interval);
      }
      sinceLast = 0;
    } else if (started && method === 'tsb') {
      probability -= beta * probability;
    }
  }
  return { sse, count, forecasts };
}

/** The flat daily forecast after the whole of `y`. */
export function intermittentForecast(y: ArrayLike<number>, method: IntermittentMethod, params: IntermittentParams): number {
  return runIntermittent(y, method, params, y.length, [y.length]).forecasts[0] as number;
}

const alphaGrid = [0.05, 0.1, 0.2, 0.3];
const betaGrid = [0.02, 0.05, 0.1, 0.2];

/** Smoothing constants with the least one-step squared error on y[0..fitEnd) (ties: the smoother one). */
export function fitIntermittent(y: ArrayLike<number>, method: IntermittentMethod, fitEnd: number): IntermittentParams {
  let best: IntermittentParams = { alpha: 0.1, beta: 0.05 };
  let bestSse = Infinity;
  const betas = method === 'tsb' ? betaGrid : [0];
  for (const alpha of alphaGrid) {
    for (const beta of betas) {
      const { sse, count } = runIntermittent(y, method, { alpha, beta }, fitEnd, [], fitEnd);
      if (count === 0) return best;
      if (sse < bestSse - 1e-12 * Math.max(1, sse)) {
        bestSse = sse;
        best = { alpha, beta };
      }
    }
  }
  return best;
}
