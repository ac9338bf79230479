// Worker-thread side of forecastProducts: forecasts the chunks the pool sends, one at a time, keeping the
// model session open between them. Errors go back as data; the pool turns them into a rejection.
import { parentPort } from 'node:worker_threads';
import type { DemandHistory } from './contract.js';
import { openModelFor, runForecastJob, type ResolvedForecastOptions } from './forecast-job.js';
import type { GlobalModel } from './global-model.js';
import { ForecastError } from './history.js';

export type WorkerRequest =
  | { kind: 'chunk'; index: number; histories: DemandHistory[]; options: ResolvedForecastOptions }
  | { kind: 'close' };

export type WorkerReply =
  | { kind: 'done'; index: number; results: unknown[] }
  | { kind: 'failed'; index: number; error: { code: string; message: string; details?: unknown } };

const port = parentPort;
if (port) {
  let model: Promise<GlobalModel | null> | null = null;
  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'close') {
      void (model ?? Promise.resolve(null))
        .then((m) => m?.close())
        .catch(() => undefined)
        .finally(() => port.close());
      return;
    }
    model ??= openModelFor(request.options);
    model
      .then((m) => runForecastJob(request.histories, request.options, m))
      .then((results) => port.postMessage({ kind: 'done', index: request.index, results } satisfies WorkerReply))
      .catch((e: unknown) => {
        const error =
          e instanceof ForecastError
            ? { code: e.code, message: e.message, details: e.details }
            : { code: 'forecast.workerFailed', message: e instanceof Error ? e.message : String(e) };
        port.postMessage({ kind: 'failed', index: request.index, error } satisfies WorkerReply);
      });
  });
}
