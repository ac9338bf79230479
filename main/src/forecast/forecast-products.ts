// Forecasts many products off the calling thread. The counter's event loop only slices the input into
// chunks and hands one to a worker when the worker asks for more, so a 10,000-product run never holds the
// thread that serves scans for longer than one chunk's copy.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DemandHistory, ForecastOptions, ForecastResult } from './contract.js';
import { openModelFor, resolveForecastOptions, runForecastJob, type ResolvedForecastOptions } from './forecast-job.js';
import type { WorkerReply, WorkerRequest } from './forecast-worker.js';
import { ForecastError, type ForecastErrorCode } from './history.js';

/** Products per message: small enough to copy within a frame, large enough to batch the model well. */
const chunkSize = 25;

/**
 * Forecast each history `options.horizon` days past its last date, choosing the method per product by a
 * rolling-origin backtest. Results are in the order of `history`. Rejects with a ForecastError
 * (`forecast.badOptions`, `forecast.badHistory`, `forecast.modelUnavailable`, `forecast.workerFailed`).
 */
export async function forecastProducts(history: readonly DemandHistory[], options: ForecastOptions): Promise<ForecastResult[]> {
  const resolved = resolveForecastOptions(options, availableParallelism());
  if (history.length === 0) return [];
  if (resolved.workers === 0) {
    const model = await openModelFor(resolved);
    try {
      return await runForecastJob(history, resolved, model);
    } finally {
      await model?.close();
    }
  }
  return runInWorkers(history, resolved);
}

function runInWorkers(history: readonly DemandHistory[], options: ResolvedForecastOptions): Promise<ForecastResult[]> {
  const chunkCount = Math.ceil(history.length / chunkSize);
  const results: ForecastResult[][] = new Array(chunkCount);
  const poolSize = Math.min(options.workers, chunkCount);
  const workers: Worker[] = [];
  let nextChunk = 0;
  let finished = 0;
  let settled = false;

  return new Promise<ForecastResult[]>((resolve, reject) => {
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (code: ForecastErrorCode, message: string, details?: unknown): void => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(new ForecastError(code, message, details));
    };
    const feed = (worker: Worker): void => {
      if (settled) return;
      if (nextChunk >= chunkCount) {
        worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
        return;
      }
      const index = nextChunk++;
      const histories = history.slice(index * chunkSize, (index + 1) * chunkSize);
      worker.postMessage({ kind: 'chunk', index, histories, options } satisfies WorkerRequest);
    };
    for (let i = 0; i < poolSize; i++) {
      const worker = spawnForecastWorker();
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'failed') {
          const code = reply.error.code as ForecastErrorCode;
          fail(code, reply.error.message, reply.error.details);
          return;
        }
        results[reply.index] = reply.results as ForecastResult[];
        finished++;
        if (finished === chunkCount && !settled) {
          settled = true;
          stopAll();
          resolve(results.flat());
          return;
        }
        feed(worker);
      });
      worker.on('error', (e: unknown) => fail('forecast.workerFailed', `a forecast worker stopped: ${e instanceof Error ? e.message : String(e)}`));
      worker.on('exit', (code) => {
        if (!settled && code !== 0) fail('forecast.workerFailed', `a forecast worker exited with code ${code}`);
      });
      feed(worker);
    }
  });
}

/**
 * Started from TypeScript sources (tests, the CLI under tsx) the worker registers tsx before importing
 * its .ts module, because a worker does not inherit the parent's loader; built output runs the .js file.
 */
function spawnForecastWorker(): Worker {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const target = new URL('./forecast-worker.ts', self).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
    return new Worker(bootstrap, { eval: true });
  }
  return new Worker(new URL('./forecast-worker.js', self));
}
