import { describe, expect, it } from 'vitest';
import { featureCount, featureNames, writeFeatureRows } from './features.js';

const value = (row: Float32Array, name: (typeof featureNames)[number]): number => row[featureNames.indexOf(name)] as number;

describe('global model features', () => {
  // 20 days of 0, 1, 2, 3, 4, 0, 1, … from 1970-01-01 (a Thursday): mean 2, so every amount is halved.
  const y = Array.from({ length: 20 }, (_, t) => t % 5);
  const out = new Float32Array(2 * featureCount);
  const scales = new Float32Array(2);
  const scale = writeFeatureRows(y, 20, 0, 2, out, scales, 0);
  const first = out.subarray(0, featureCount);
  const second = out.subarray(featureCount);

  it('scales by the recent mean daily demand', () => {
    expect(scale).toBe(2);
    expect(Array.from(scales)).toEqual([2, 2]);
  });

  it('gives lags and rolling means in units of the scale', () => {
    expect(value(first, 'lag1')).toBe(2); // day 19 sold 4
    expect(value(first, 'lag2')).toBe(1.5);
    expect(value(first, 'lag14')).toBe(0.5); // day 6 sold 1
    expect(value(first, 'mean7')).toBeCloseTo(17 / 7 / 2, 6);
    expect(value(first, 'mean56')).toBe(1); // all 20 days known
  });

  it('describes intermittency: share of selling days, size variation, days since the last sale', () => {
    expect(value(first, 'nonZeroShare112')).toBeCloseTo(0.8, 6);
    expect(value(first, 'cv2NonZero112')).toBeCloseTo(0.2, 6); // sizes 1…4: mean 2.5, variance 1.25
    expect(value(first, 'daysSinceSale112')).toBe(0);
    expect(value(first, 'logMeanSaleSize112')).toBeCloseTo(Math.log1p(2.5), 6);
    expect(value(first, 'logMean112')).toBeCloseTo(Math.log1p(2), 6);
    expect(value(first, 'coverage112')).toBeCloseTo(20 / 112, 6);
    expect(value(first, 'trend28')).toBe(0); // needs 56 days
  });

  it('marks the target weekday and horizon per row, and the same weekday’s recent mean', () => {
    // Day 20 is a Wednesday, day 21 a Thursday.
    expect(featureNames.filter((n) => n.startsWith('weekday')).map((n) => value(first, n))).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect(featureNames.filter((n) => n.startsWith('weekday')).map((n) => value(second, n))).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(value(first, 'horizon')).toBeCloseTo(1 / 28, 6);
    expect(value(second, 'horizon')).toBeCloseTo(2 / 28, 6);
    // Wednesdays before: days 13 and 6 sold 3 and 1, mean 2, halved.
    expect(value(first, 'sameWeekday4')).toBe(1);
    // Thursdays: days 14, 7, 0 sold 4, 2, 0.
    expect(value(second, 'sameWeekday8')).toBe(1);
    // The lags do not move with the horizon.
    expect(value(second, 'lag1')).toBe(2);
  });

  it('still fills every feature before the first day', () => {
    const empty = new Float32Array(featureCount);
    writeFeatureRows([], 0, 0, 1, empty, new Float32Array(1), 0);
    expect(Array.from(empty).every(Number.isFinite)).toBe(true);
  });
});
