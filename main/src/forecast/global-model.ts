// The global demand model (one model for every product, see models/demand/MODEL_CARD.md), run by
// onnxruntime-node on the CPU. It only suggests a forecast: the backtest decides per product whether it is
// used at all, and a person still decides what to order.
import { fileURLToPath } from 'node:url';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { featureCount } from './features.js';

/** The committed model, beside its card (main may read files under models/, see DESIGN.md). */
export const defaultModelPath = fileURLToPath(new URL('../../../models/demand/demand-global.onnx', import.meta.url));

export type GlobalModel = {
  /** Mean daily demand (units) for each row of `features` (rows × featureCount), given each row's scale. */
  predict(features: Float32Array, scales: Float32Array, rows: number): Promise<Float32Array>;
  close(): Promise<void>;
};

/** Rows per run: bounds the memory of one call whatever the number of products. */
const rowsPerRun = 65_536;

export async function loadGlobalModel(path = defaultModelPath, threads = 1): Promise<GlobalModel> {
  const session = await InferenceSession.create(path, {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  const input = session.inputMetadata.find((m) => m.name === 'features');
  if (!input || !input.isTensor || input.shape[1] !== featureCount || !session.inputNames.includes('scale')) {
    await session.release();
    throw new Error(`${path} does not take ${featureCount} features and a scale: it was built for other features`);
  }
  const outputName = session.outputNames[0] as string;
  return {
    async predict(features, scales, rows) {
      const out = new Float32Array(rows);
      for (let from = 0; from < rows; from += rowsPerRun) {
        const n = Math.min(rowsPerRun, rows - from);
        const feeds = {
          features: new Tensor('float32', features.subarray(from * featureCount, (from + n) * featureCount), [n, featureCount]),
          scale: new Tensor('float32', scales.subarray(from, from + n), [n, 1]),
        };
        const result = await session.run(feeds);
        const data = result[outputName]?.data;
        if (!(data instanceof Float32Array) || data.length !== n) throw new Error('the demand model returned an unexpected output');
        out.set(data, from);
      }
      return out;
    },
    close: () => session.release(),
  };
}
