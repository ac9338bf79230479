// Syntetos–Boylan classification of a demand history: which family of methods suits it (smooth series take
// exponential smoothing, intermittent and lumpy ones Croston's family), and how the accuracy is reported.
import type { DemandClass, DemandStats } from './contract.js';

/** The cut-offs of Syntetos, Boylan and Croston (2005). */
export const adiCutOff = 1.32;
export const cv2CutOff = 0.49;

export function demandStatsOf(values: ArrayLike<number>): DemandStats {
  let first = -1;
  let count = 0;
  let sum = 0;
  let sumSq = 0;
  for (let t = 0; t < values.length; t++) {
    const v = values[t] as number;
    if (v > 0) {
      if (first < 0) first = t;
      count++;
      sum += v;
      sumSq += v * v;
    }
  }
  if (count === 0) return { days: values.length, nonZeroDays: 0, adi: null, cv2: null };
  // Days before the first sale are left out: they are usually before the product was stocked, and
  // counting them would call a new, steady seller intermittent.
  const adi = (values.length - first) / count;
  const mean = sum / count;
  const variance = Math.max(0, sumSq / count - mean * mean);
  return { days: values.length, nonZeroDays: count, adi, cv2: variance / (mean * mean) };
}

export function classifyDemand(stats: DemandStats): DemandClass {
  if (stats.adi === null || stats.cv2 === null) return 'noDemand';
  if (stats.adi < adiCutOff) return stats.cv2 < cv2CutOff ? 'smooth' : 'erratic';
  return stats.cv2 < cv2CutOff ? 'intermittent' : 'lumpy';
}
