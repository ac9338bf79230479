import { describe, expect, it } from 'vitest';
import { fitHoltWinters, holtWintersForecast, runHoltWinters } from './holt-winters.js';

// Two identical weeks 1…7 start the model at level 4, weekday effects −3…3 and no trend; day 14 sells 3
// where the model expected 4 − 3 = 1.
const y = [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7, 3];

describe('Holt–Winters with weekly seasonality', () => {
  it('updates the level by alpha and keeps the weekday effects when gamma is 0', () => {
    const params = { alpha: 0.5, beta: 0, gamma: 0, phi: 1 };
    const [state] = runHoltWinters(y, params, 15, [15]).states;
    // level: 0.5·(3 − (−3)) + 0.5·4 = 5
    expect(state?.level).toBeCloseTo(5, 12);
    const f = holtWintersForecast(state!, params, 7);
    expect(Array.from(f)).toEqual([3, 4, 5, 6, 7, 8, 2].map((v) => expect.closeTo(v, 12)));
  });

  it('updates the weekday effect by gamma from the new level', () => {
    const params = { alpha: 0.5, beta: 0, gamma: 0.5, phi: 1 };
    const [state] = runHoltWinters(y, params, 15, [15]).states;
    // effect of day 14's weekday: 0.5·(3 − 5) + 0.5·(−3) = −2.5, so day 21 is 5 − 2.5
    expect(holtWintersForecast(state!, params, 7)[6]).toBeCloseTo(2.5, 12);
  });

  it('extrapolates a damped trend', () => {
    const params = { alpha: 0.5, beta: 0.5, gamma: 0, phi: 0.9 };
    const [state] = runHoltWinters(y, params, 15, [15]).states;
    // level 5, trend 0.5·(5 − 4) = 0.5; day 15: 5 + 0.9·0.5 − 2; day 16: 5 + (0.9 + 0.81)·0.5 − 1
    expect(state?.trend).toBeCloseTo(0.5, 12);
    const f = holtWintersForecast(state!, params, 2);
    expect(f[0]).toBeCloseTo(3.45, 12);
    expect(f[1]).toBeCloseTo(4.855, 12);
  });

  it('scores one-step errors from day 14 on', () => {
    const pass = runHoltWinters(y, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, 15, [], 15);
    expect(pass).toMatchObject({ sse: 4, count: 1 });
  });

  it('never forecasts negative demand', () => {
    const params = { alpha: 0.5, beta: 0, gamma: 0, phi: 1 };
    const falling = [9, 0, 9, 0, 9, 0, 9, 9, 0, 9, 0, 9, 0, 9, 0, 0, 0, 0, 0, 0, 0];
    const [state] = runHoltWinters(falling, params, falling.length, [falling.length]).states;
    expect(Math.min(...holtWintersForecast(state!, params, 14))).toBeGreaterThanOrEqual(0);
  });

  it('needs two weeks of history', () => {
    expect(runHoltWinters(y.slice(0, 13), { alpha: 0.1, beta: 0, gamma: 0.1, phi: 1 }, 13, [13]).states).toEqual([]);
  });

  it('learns a noise-free trend and weekly pattern closely enough to forecast it', () => {
    const pattern = [3, 8, 5, 0, 9, 4, 1];
    const series = Array.from({ length: 400 }, (_, t) => 20 + 0.05 * t + (pattern[t % 7] as number));
    const params = fitHoltWinters(series, 372);
    expect(params.beta).toBeGreaterThan(0);
    const [state] = runHoltWinters(series, params, 372, [372]).states;
    const f = holtWintersForecast(state!, params, 28);
    const errors = Array.from(f, (v, k) => Math.abs(v - (series[372 + k] as number)));
    // Seasonal naive is off by 0.35 a day in the first week and 1.4 in the fourth (0.875 on average).
    expect(Math.max(...errors)).toBeLessThan(1);
    expect(errors.reduce((a, b) => a + b, 0) / 28).toBeLessThan(0.4);
  });
});
