import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featureCount, featureNames, writeFeatureRows } from './features.js';
import { generateDemandDataSet } from './generator.js';
import { loadGlobalModel } from './global-model.js';
import { createRandom } from './random.js';

type Weights = {
  featureNames: string[];
  hidden: number;
  featureMean: number[];
  featureInvStd: number[];
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number;
};

const weights = JSON.parse(readFileSync(new URL('../../../models/demand/demand-global.weights.json', import.meta.url), 'utf8')) as Weights;

/** The network of train.py, recomputed in double precision from the exported float32 weights. */
function reference(x: ArrayLike<number>, scale: number): number {
  const f = weights.featureNames.length;
  const hidden = weights.hidden;
  const z = Array.from({ length: f }, (_, i) => ((x[i] as number) - (weights.featureMean[i] as number)) * (weights.featureInvStd[i] as number));
  let out = weights.b2;
  for (let j = 0; j < hidden; j++) {
    let a = weights.b1[j] as number;
    for (let i = 0; i < f; i++) a += (z[i] as number) * (weights.w1[i * hidden + j] as number);
    out += Math.max(0, a) * (weights.w2[j] as number);
  }
  for (let i = 0; i < f; i++) out += (z[i] as number) * (weights.w2[hidden + i] as number);
  return Math.max(0, out) * scale;
}

describe('the committed global demand model', () => {
  it('was trained on the features the forecaster computes, in the same order', () => {
    expect(weights.featureNames).toEqual([...featureNames]);
    expect(weights.w1).toHaveLength(featureCount * weights.hidden);
    expect(weights.w2).toHaveLength(weights.hidden + featureCount);
  });

  it('loads in onnxruntime-node and matches a reference computation of its weights', async () => {
    const products = generateDemandDataSet({ seed: 5, products: 4 });
    const rows = 4 * 3 * 7 + 20;
    const features = new Float32Array(rows * featureCount);
    const scales = new Float32Array(rows);
    let row = 0;
    for (const p of products) {
      for (const origin of [30, 200, 700]) {
        writeFeatureRows(p.quantities, origin, p.startDay, 7, features, scales, row);
        row += 7;
      }
    }
    // Also inputs far from the training data, which exercise both sides of every ReLU.
    const rnd = createRandom(9);
    for (; row < rows; row++) {
      for (let c = 0; c < featureCount; c++) features[row * featureCount + c] = Math.fround(rnd.uniform(-5, 20));
      scales[row] = Math.fround(rnd.logUniform(0.01, 50));
    }
    const model = await loadGlobalModel();
    try {
      const out = await model.predict(features, scales, rows);
      expect(out).toHaveLength(rows);
      let positive = 0;
      for (let r = 0; r < rows; r++) {
        const want = reference(features.subarray(r * featureCount, (r + 1) * featureCount), scales[r] as number);
        if (want > 0) positive++;
        expect(Math.abs((out[r] as number) - want)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(want)));
      }
      expect(positive).toBeGreaterThan(rows / 2);
    } finally {
      await model.close();
    }
  });

  it('refuses a model file that does not exist', async () => {
    await expect(loadGlobalModel('/nonexistent/demand.onnx')).rejects.toThrow();
  });
});
