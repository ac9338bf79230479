// The inputs of the global demand model, computed the same way for training (the exported training data)
// and for forecasting: one code path, so the model never sees features built differently from those it
// learnt on. Every quantity is divided by the product's recent mean daily demand (its scale), which lets
// one model serve a line selling 40 a day and one selling 2 a month.
import { weekdayOf } from './calendar.js';

const lagCount = 14;
const window = 112;
/** Horizons beyond this are given to the model as this one (it was trained up to here). */
export const maxModelHorizon = 28;
/** Scaled targets above this are cut for training: one freak day must not steer the fit. */
export const maxScaledTarget = 40;

export const featureNames = [
  ...Array.from({ length: lagCount }, (_, i) => `lag${i + 1}`),
  'mean7',
  'mean14',
  'mean28',
  'mean56',
  'sameWeekday4',
  'sameWeekday8',
  'weekdayMon',
  'weekdayTue',
  'weekdayWed',
  'weekdayThu',
  'weekdayFri',
  'weekdaySat',
  'weekdaySun',
  'horizon',
  'nonZeroShare112',
  'cv2NonZero112',
  'daysSinceSale112',
  'logMeanSaleSize112',
  'logMean112',
  'trend28',
  'coverage112',
] as const;
export const featureCount = featureNames.length;

const col = (name: (typeof featureNames)[number]): number => featureNames.indexOf(name);
const cMean7 = col('mean7');
const cSame4 = col('sameWeekday4');
const cWeekday = col('weekdayMon');
const cHorizon = col('horizon');
const cNonZero = col('nonZeroShare112');

function meanOfLast(y: ArrayLike<number>, origin: number, days: number): number {
  const from = Math.max(0, origin - days);
  if (origin <= from) return 0;
  let s = 0;
  for (let t = from; t < origin; t++) s += y[t] as number;
  return s / (origin - from);
}

/**
 * Writes one row per day origin … origin + horizon − 1 (features known before `origin`) into `out` from
 * row `row` on, and the product's scale into `scales` for each of those rows. Returns the scale.
 */
export function writeFeatureRows(
  y: ArrayLike<number>,
  origin: number,
  startDay: number,
  horizon: number,
  out: Float32Array,
  scales: Float32Array,
  row: number,
): number {
  const avail = Math.min(origin, window);
  let sum = 0;
  let nonZero = 0;
  let sizeSum = 0;
  let sizeSq = 0;
  let last = -1;
  for (let t = origin - avail; t < origin; t++) {
    const v = y[t] as number;
    sum += v;
    if (v > 0) {
      nonZero++;
      sizeSum += v;
      sizeSq += v * v;
      last = t;
    }
  }
  const mean112 = avail > 0 ? sum / avail : 0;
  const scale = Math.max(mean112, 1 / window);
  const base = new Float64Array(featureCount);
  for (let k = 1; k <= lagCount; k++) base[k - 1] = origin - k >= 0 ? (y[origin - k] as number) / scale : 0;
  base[cMean7] = meanOfLast(y, origin, 7) / scale;
  base[cMean7 + 1] = meanOfLast(y, origin, 14) / scale;
  const mean28 = meanOfLast(y, origin, 28);
  base[cMean7 + 2] = mean28 / scale;
  base[cMean7 + 3] = meanOfLast(y, origin, 56) / scale;
  base[cNonZero] = avail > 0 ? nonZero / avail : 0;
  const meanSize = nonZero > 0 ? sizeSum / nonZero : 0;
  const cv2 = nonZero >= 2 ? Math.max(0, sizeSq / nonZero - meanSize * meanSize) / (meanSize * meanSize) : 0;
  base[cNonZero + 1] = Math.min(4, cv2);
  base[cNonZero + 2] = last < 0 ? 1 : Math.min(window, origin - 1 - last) / window;
  base[cNonZero + 3] = Math.log1p(meanSize);
  base[cNonZero + 4] = Math.log1p(mean112);
  if (origin >= 56) {
    const change = (mean28 - meanOfLast(y, origin - 28, 28)) / scale;
    base[cNonZero + 5] = Math.max(-3, Math.min(3, change));
  }
  base[cNonZero + 6] = avail / window;

  // Same-weekday means by the offset of the target day within the week after the origin.
  const same4 = new Float64Array(7);
  const same8 = new Float64Array(7);
  for (let r = 0; r < 7; r++) {
    let s4 = 0;
    let n4 = 0;
    let s8 = 0;
    let n8 = 0;
    for (let j = 0; j < 8; j++) {
      const t = origin - 7 + r - 7 * j;
      if (t < 0) break;
      const v = y[t] as number;
      s8 += v;
      n8++;
      if (j < 4) {
        s4 += v;
        n4++;
      }
    }
    same4[r] = n4 > 0 ? s4 / n4 / scale : (base[cMean7 + 2] as number);
    same8[r] = n8 > 0 ? s8 / n8 / scale : (base[cMean7 + 2] as number);
  }

  for (let k = 1; k <= horizon; k++) {
    const o = (row + k - 1) * featureCount;
    for (let c = 0; c < featureCount; c++) out[o + c] = base[c] as number;
    const r = (k - 1) % 7;
    out[o + cSame4] = same4[r] as number;
    out[o + cSame4 + 1] = same8[r] as number;
    out[o + cWeekday + weekdayOf(startDay + origin + k - 1)] = 1;
    out[o + cHorizon] = Math.min(k, maxModelHorizon) / maxModelHorizon;
    scales[row + k - 1] = scale;
  }
  return scale;
}
