// Training examples for the global demand model, built by the same feature code the forecaster runs, so
// that training and serving cannot drift apart. models/demand/export-training-data.ts writes them as CSV
// for models/demand/train.py.
import { featureCount, featureNames, maxModelHorizon, writeFeatureRows } from './features.js';
import type { GeneratedProduct } from './generator.js';
import { createRandom } from './random.js';

export type TrainingExampleOptions = {
  /** Seed of the origin and horizon sampling (the products carry their own). */
  seed: number;
  /** Earliest origin (days of history before it; default 56). */
  firstOrigin?: number;
  /** Days between origins (default 7; each product starts at a random offset). */
  originStep?: number;
  /** Target days sampled per origin among 1…28 (default 7). */
  horizonsPerOrigin?: number;
};

/** `product_index` is the product's 1-based position in the data set (numeric, so numpy reads one matrix). */
export const trainingCsvHeader = ['product_index', 'origin', 'horizon', 'target', 'scale', ...featureNames].join(',');

/** Compact and exact enough: the model computes in float32 anyway. */
function formatValue(v: number): string {
  if (v === 0) return '0';
  return String(Number(v.toPrecision(7)));
}

/** CSV lines (no header), one per (product, origin, sampled horizon); the target is units sold that day. */
export function* trainingCsvLines(products: readonly GeneratedProduct[], options: TrainingExampleOptions): Generator<string> {
  const rnd = createRandom(options.seed);
  const firstOrigin = options.firstOrigin ?? 56;
  const step = options.originStep ?? 7;
  const perOrigin = Math.min(maxModelHorizon, options.horizonsPerOrigin ?? 7);
  const features = new Float32Array(maxModelHorizon * featureCount);
  const scales = new Float32Array(maxModelHorizon);
  const ks = Array.from({ length: maxModelHorizon }, (_, i) => i + 1);
  for (const [index, p] of products.entries()) {
    const y = p.quantities;
    for (let origin = firstOrigin + rnd.int(0, step - 1); origin + maxModelHorizon <= y.length; origin += step) {
      writeFeatureRows(y, origin, p.startDay, maxModelHorizon, features, scales, 0);
      // A partial Fisher–Yates shuffle picks the horizons without repeats.
      for (let i = 0; i < perOrigin; i++) {
        const j = rnd.int(i, ks.length - 1);
        const tmp = ks[i] as number;
        ks[i] = ks[j] as number;
        ks[j] = tmp;
      }
      for (let i = 0; i < perOrigin; i++) {
        const k = ks[i] as number;
        const row = features.subarray((k - 1) * featureCount, k * featureCount);
        const parts = [String(index + 1), String(origin), String(k), String(y[origin + k - 1]), formatValue(scales[k - 1] as number)];
        for (const v of row) parts.push(formatValue(v));
        yield parts.join(',');
      }
    }
  }
}
