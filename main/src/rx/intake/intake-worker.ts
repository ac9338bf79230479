// The intake worker thread: clean-up, OCR and field reading run here so that the counter's thread never
// waits on them. One OCR engine lives as long as the worker, since starting tesseract costs about a second.
import { parentPort, workerData } from 'node:worker_threads';
import { readDemoCatalog } from '../../demo/load-demo.js';
import { cleanUpImage } from './clean-up.js';
import { IntakeFailure, toIntakeError } from './errors.js';
import { buildDrugIndex, type CatalogEntry, type DrugIndex } from './match-drug.js';
import { createOcrEngine, type OcrEngine, type OcrPage } from './ocr.js';
import type { IntakeProgress, WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';
import { readPage } from './read-page.js';

const port = parentPort;
if (port === null) throw new Error('intake-worker must run in a worker thread');
const init = workerData as WorkerInit;

let engine: Promise<OcrEngine> | null = null;
let index: DrugIndex | null = null;

function demoEntries(): CatalogEntry[] {
  return readDemoCatalog().products.map((p) => ({ id: p.sku, name: p.name, brand: p.brand, ingredients: p.ingredients, strength: p.strength, form: p.form }));
}

function drugIndex(): DrugIndex {
  index ??= buildDrugIndex(init.catalog ?? demoEntries());
  return index;
}

function post(reply: WorkerReply): void {
  port?.postMessage(reply);
}

/** Median slope of the word baselines: tesseract reads a page tilted by a degree or two, not much more. */
function tilt(page: OcrPage): number {
  const slopes: number[] = [];
  for (const l of page.lines) {
    if (l.words.length < 3) continue;
    const first = l.words[0];
    const last = l.words[l.words.length - 1];
    if (first === undefined || last === undefined || last.box.x1 - first.box.x0 < 200) continue;
    slopes.push((last.box.y1 - first.box.y1) / (last.box.x1 - first.box.x0));
  }
  slopes.sort((a, b) => a - b);
  return Math.atan(slopes[Math.floor(slopes.length / 2)] ?? 0);
}

async function read(id: number, path: string): Promise<void> {
  const started = performance.now();
  const progress = (p: IntakeProgress): void => post({ type: 'progress', id, progress: p });
  try {
    progress({ stage: 'checking', progress: 0 });
    engine ??= createOcrEngine(init.cachePath === null ? {} : { cachePath: init.cachePath }).catch((e: unknown) => {
      engine = null; // the next read tries again
      throw new IntakeFailure('intake.ocrFailed', `The OCR engine did not start: ${e instanceof Error ? e.message : String(e)}`);
    });
    const page = await cleanUpImage(path);
    if (page.ink < 0.0005) throw new IntakeFailure('intake.blankPage', 'The page is blank.', { ink: page.ink });
    const cleaned = performance.now();
    progress({ stage: 'recognising', progress: 0.2 });
    const ocr = await engine;
    let text = await ocr.recognize(page.pgm);
    // beyond ~1.5° tesseract starts splitting lines; a second pass with its own deskew is worth the time
    if (Math.abs(tilt(text)) > 0.026) text = await ocr.recognize(page.pgm, { deskew: true });
    const recognised = performance.now();
    progress({ stage: 'extracting', progress: 0.9 });
    const reading = readPage(text, { width: page.width, height: page.height, scale: page.scale }, drugIndex());
    const done = performance.now();
    progress({ stage: 'done', progress: 1 });
    const r = (n: number): number => Math.round(n);
    post({
      type: 'result',
      id,
      result: { ok: true, value: { ...reading, timings: { cleanUpMs: r(cleaned - started), ocrMs: r(recognised - cleaned), extractMs: r(done - recognised), totalMs: r(done - started) } } },
    });
  } catch (e: unknown) {
    post({ type: 'result', id, result: { ok: false, error: toIntakeError(e) } });
  }
}

let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'read') {
    queue = queue.then(() => read(msg.id, msg.path));
    return;
  }
  queue = queue.then(async () => {
    if (engine !== null) await (await engine).close().catch(() => undefined);
    post({ type: 'closed' });
    port.close();
  });
});
