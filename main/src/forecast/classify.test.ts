import { describe, expect, it } from 'vitest';
import { classifyDemand, demandStatsOf } from './classify.js';

describe('Syntetos–Boylan classification', () => {
  it('measures ADI from the first sale and CV² of the sizes', () => {
    // 6 days from the first sale, 3 sales: ADI 2; sizes 2, 4, 6: mean 4, variance 8/3, CV² 1/6
    const stats = demandStatsOf([0, 0, 2, 0, 4, 0, 6, 0]);
    expect(stats).toMatchObject({ days: 8, nonZeroDays: 3, adi: 2 });
    expect(stats.cv2).toBeCloseTo(1 / 6, 12);
  });

  it('sorts the four quadrants at ADI 1.32 and CV² 0.49', () => {
    expect(classifyDemand({ days: 10, nonZeroDays: 10, adi: 1, cv2: 0.1 })).toBe('smooth');
    expect(classifyDemand({ days: 10, nonZeroDays: 10, adi: 1, cv2: 0.49 })).toBe('erratic');
    expect(classifyDemand({ days: 10, nonZeroDays: 2, adi: 1.32, cv2: 0.2 })).toBe('intermittent');
    expect(classifyDemand({ days: 10, nonZeroDays: 2, adi: 5, cv2: 2 })).toBe('lumpy');
  });

  it('calls a history without any sale noDemand', () => {
    const stats = demandStatsOf([0, 0, 0]);
    expect(stats).toEqual({ days: 3, nonZeroDays: 0, adi: null, cv2: null });
    expect(classifyDemand(stats)).toBe('noDemand');
  });
});
