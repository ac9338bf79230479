// The intake's entry point: readPrescription(imagePath) runs the whole pipeline in a worker thread and
// answers with the fields or a coded error, never by throwing; progress comes back as events.
import { Worker } from 'node:worker_threads';
import type { CatalogEntry } from './match-drug.js';
import type { IntakeProgress, IntakeResult, WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';

export type ReadOptions = { onProgress?: (p: IntakeProgress) => void; timeoutMs?: number };

export type ReaderOptions = { catalog?: CatalogEntry[]; cachePath?: string };

export type PrescriptionReader = {
  read: (imagePath: string, options?: ReadOptions) => Promise<IntakeResult>;
  close: () => Promise<void>;
};

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * From TypeScript sources (tests, tsx) the worker registers tsx before importing its .ts module, since a
 * worker does not inherit the parent's loader; built output runs the .js file.
 */
function spawnWorker(init: WorkerInit): Worker {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const target = new URL('./intake-worker.ts', self).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
    return new Worker(bootstrap, { eval: true, workerData: init });
  }
  return new Worker(new URL('./intake-worker.js', self), { workerData: init });
}

type Pending = { resolve: (r: IntakeResult) => void; onProgress: ((p: IntakeProgress) => void) | undefined; timer: NodeJS.Timeout };

/** A reader keeps one worker (and its OCR engine) for many pages; close it when done. */
export function createPrescriptionReader(options: ReaderOptions = {}): PrescriptionReader {
  const init: WorkerInit = { catalog: options.catalog ?? null, cachePath: options.cachePath ?? null };
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (message: string): void => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve({ ok: false, error: { code: 'intake.workerFailed', message } });
    }
  };

  const ensure = (): Worker => {
    if (worker !== null) return worker;
    const w = spawnWorker(init);
    w.on('message', (msg: WorkerReply) => {
      if (msg.type === 'closed') return;
      const p = pending.get(msg.id);
      if (p === undefined) return;
      if (msg.type === 'progress') {
        p.onProgress?.(msg.progress);
        return;
      }
      clearTimeout(p.timer);
      pending.delete(msg.id);
      p.resolve(msg.result);
      // An idle reader never keeps the process alive; a read in progress does.
      if (pending.size === 0) w.unref();
    });
    w.on('error', (e: unknown) => {
      worker = null;
      failAll(`the intake worker stopped: ${e instanceof Error ? e.message : String(e)}`);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (code !== 0) failAll(`the intake worker exited with code ${code}`);
    });
    worker = w;
    return w;
  };

  return {
    read(imagePath, readOptions = {}) {
      return new Promise<IntakeResult>((resolve) => {
        const id = nextId++;
        const w = ensure();
        const timeoutMs = readOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'intake.timeout', message: `Reading the prescription took longer than ${timeoutMs} ms.` } });
          // a stuck OCR pass cannot be interrupted inside the worker: replace the worker
          if (worker === w) worker = null;
          failAll('the intake worker was restarted after a timeout');
          void w.terminate();
        }, timeoutMs);
        pending.set(id, { resolve, onProgress: readOptions.onProgress, timer });
        w.ref();
        const request: WorkerRequest = { type: 'read', id, path: imagePath };
        w.postMessage(request);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w === null) return;
      await new Promise<void>((resolve) => {
        const done = (): void => resolve();
        w.once('exit', done);
        // Whoever awaits the close is waiting on the worker: keep the process alive until it has gone.
        w.ref();
        const request: WorkerRequest = { type: 'close' };
        w.postMessage(request);
        setTimeout(() => void w.terminate(), 5_000).unref();
      });
      failAll('the reader was closed');
    },
  };
}

/** Read one prescription image. Pass `reader` to reuse a worker across pages. */
export async function readPrescription(imagePath: string, options: ReadOptions & ReaderOptions & { reader?: PrescriptionReader } = {}): Promise<IntakeResult> {
  if (options.reader !== undefined) return options.reader.read(imagePath, options);
  const reader = createPrescriptionReader(options);
  try {
    return await reader.read(imagePath, options);
  } finally {
    await reader.close();
  }
}
