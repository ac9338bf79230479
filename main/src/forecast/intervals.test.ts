import { describe, expect, it } from 'vitest';
import { empiricalIntervals } from './intervals.js';

describe('empirical prediction intervals', () => {
  it('scale the new forecast by the backtest’s actual-to-forecast ratios', () => {
    // Ratios 0, 0.5, 1, 1.5, 2 (and 1 again): the 10th and 90th percentiles are 0.25 and 1.75.
    const backtest = { actual: [[0, 1, 2, 3, 4, 2]], forecast: [[2, 2, 2, 2, 2, 2]] };
    const { lower, upper } = empiricalIntervals(backtest, [4, 10], 0.8);
    expect(Array.from(lower)).toEqual([expect.closeTo(1, 9), expect.closeTo(2.5, 9)]);
    expect(Array.from(upper)).toEqual([expect.closeTo(7, 9), expect.closeTo(17.5, 9)]);
  });

  it('keep zero as the lower bound of a slow seller whose level has risen', () => {
    // Nine days in ten sell nothing whatever the forecast was.
    const actual = [Array.from({ length: 20 }, (_, k) => (k % 10 === 0 ? 5 : 0))];
    const forecast = [new Array<number>(20).fill(0.2)];
    const { lower } = empiricalIntervals({ actual, forecast }, [0.9], 0.8);
    expect(lower[0]).toBe(0);
  });

  it('use what followed a zero forecast when the forecast is zero', () => {
    const { lower, upper } = empiricalIntervals({ actual: [[0, 0, 0, 3]], forecast: [[0, 0, 0, 0]] }, [0], 0.5);
    expect([lower[0], upper[0]]).toEqual([0, 0.75]);
  });

  it('fall back to Poisson quantiles without a backtest', () => {
    const { lower, upper } = empiricalIntervals({ actual: [], forecast: [] }, [14], 0.9);
    // Poisson(14): 5th percentile 8, 95th percentile 20
    expect([lower[0], upper[0]]).toEqual([8, 20]);
  });
});
