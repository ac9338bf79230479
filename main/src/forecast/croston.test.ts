import { describe, expect, it } from 'vitest';
import { fitIntermittent, intermittentForecast, runIntermittent } from './croston.js';

// y = [0, 0, 3, 0, 6] with alpha = beta = 0.5, by hand:
//   day 2: first sale → size 3, interval 3 (its 1-based day), TSB probability 1/3
//   day 3: no sale → Croston unchanged; TSB probability 1/3 · 0.5 = 1/6
//   day 4: sale of 6, 2 days since the last → size 3 + 0.5·(6 − 3) = 4.5,
//          interval 3 + 0.5·(2 − 3) = 2.5; TSB probability 1/6 + 0.5·(1 − 1/6) = 7/12
const y = [0, 0, 3, 0, 6];
const params = { alpha: 0.5, beta: 0.5 };

describe('Croston, SBA and TSB', () => {
  it('Croston forecasts size over interval: 4.5 / 2.5 = 1.8', () => {
    expect(intermittentForecast(y, 'croston', params)).toBeCloseTo(1.8, 12);
  });

  it('SBA deflates Croston by 1 − alpha/2: 0.75 · 1.8 = 1.35', () => {
    expect(intermittentForecast(y, 'sba', params)).toBeCloseTo(1.35, 12);
  });

  it('TSB forecasts probability times size: 7/12 · 4.5 = 2.625', () => {
    expect(intermittentForecast(y, 'tsb', params)).toBeCloseTo(2.625, 12);
  });

  it('forecasts nothing before the first sale and uses only earlier days at each origin', () => {
    const croston = runIntermittent(y, 'croston', params, 5, [0, 2, 3, 4, 5]).forecasts;
    expect(Array.from(croston)).toEqual([0, 0, 1, 1, expect.closeTo(1.8, 12)]);
    const tsb = runIntermittent(y, 'tsb', params, 5, [3, 4, 5]).forecasts;
    expect(Array.from(tsb).map((v) => Number(v.toFixed(12)))).toEqual([1, 0.5, 2.625]);
  });

  it('sums squared one-step errors only after the first sale and before the fit end', () => {
    // Croston forecasts 1 on days 3 and 4: (0 − 1)² + (6 − 1)² = 26.
    const pass = runIntermittent(y, 'croston', params, 5, [], 5);
    expect(pass).toMatchObject({ sse: 26, count: 2 });
    expect(runIntermittent(y, 'croston', params, 5, [], 4)).toMatchObject({ sse: 1, count: 1 });
  });

  it('lets a product that stopped selling decay under TSB but not under Croston', () => {
    const stopped = [...Array.from({ length: 100 }, (_, t) => (t % 4 === 0 ? 3 : 0)), ...new Array<number>(100).fill(0)];
    const p = { alpha: 0.1, beta: 0.1 };
    // Croston still expects about 3 units every 4 days (its interval estimate started at 1 and is near 4).
    expect(intermittentForecast(stopped, 'croston', p)).toBeGreaterThan(0.7);
    expect(intermittentForecast(stopped, 'tsb', p)).toBeLessThan(0.001);
  });

  it('forecasts 0 for a history without a sale', () => {
    for (const m of ['croston', 'sba', 'tsb'] as const) expect(intermittentForecast([0, 0, 0, 0], m, params)).toBe(0);
  });

  it('fits the smoothing constant with the least one-step squared error', () => {
    // A level that steps up rewards fast smoothing.
    const stepped = Array.from({ length: 200 }, (_, t) => (t % 2 === 0 ? (t < 100 ? 2 : 10) : 0));
    expect(fitIntermittent(stepped, 'croston', 200).alpha).toBe(0.3);
    // A steady, noisy one rewards slow smoothing.
    const steady = Array.from({ length: 300 }, (_, t) => (t % 3 === 0 ? [1, 5, 2, 6, 3][t % 5] : 0)) as number[];
    expect(fitIntermittent(steady, 'sba', 300).alpha).toBe(0.05);
  });
});
