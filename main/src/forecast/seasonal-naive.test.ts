import { describe, expect, it } from 'vitest';
import { maseScale } from './metrics.js';
import { seasonalNaiveErrorPrefix, seasonalNaiveForecast } from './seasonal-naive.js';

const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('seasonal naive', () => {
  it('repeats the last week, weekday by weekday', () => {
    expect(Array.from(seasonalNaiveForecast(y, 10, 9))).toEqual([4, 5, 6, 7, 8, 9, 10, 4, 5]);
    expect(Array.from(seasonalNaiveForecast(y, 8, 2))).toEqual([2, 3]);
  });

  it('falls back to the mean with less than a week of history', () => {
    expect(Array.from(seasonalNaiveForecast(y, 4, 3))).toEqual([2.5, 2.5, 2.5]);
    expect(Array.from(seasonalNaiveForecast(y, 0, 2))).toEqual([0, 0]);
  });

  it('gives the MASE scale as its in-sample MAE', () => {
    // |8 − 1| = |9 − 2| = |10 − 3| = 7
    const prefix = seasonalNaiveErrorPrefix(y);
    expect(prefix[10]).toBe(21);
    expect(maseScale(y, prefix, 10)).toBe(7);
  });

  it('scales by the mean absolute demand when seasonal naive was perfect, and by 1 without any sale', () => {
    const weekly = [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7];
    expect(maseScale(weekly, seasonalNaiveErrorPrefix(weekly), 14)).toBe(4);
    const none = new Array<number>(20).fill(0);
    expect(maseScale(none, seasonalNaiveErrorPrefix(none), 20)).toBe(1);
  });
});
