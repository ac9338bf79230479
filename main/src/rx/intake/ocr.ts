// The OCR engine: tesseract.js reading English from the traineddata shipped in @tesseract.js-data/eng, never
// from a CDN (the counter may have no network, and a prescription image must not leave the machine).
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, type Worker as TesseractWorker } from 'tesseract.js';

export type Box = { x0: number; y0: number; x1: number; y1: number };
export type OcrWord = { text: string; confidence: number; box: Box };
export type OcrLine = { text: string; confidence: number; box: Box; words: OcrWord[] };
export type OcrPage = { text: string; confidence: number; lines: OcrLine[]; rotateRadians: number };

export type OcrEngine = {
  recognize: (image: Buffer, options?: { deskew?: boolean }) => Promise<OcrPage>;
  close: () => Promise<void>;
};

/** The folder holding eng.traineddata.gz, resolved from the installed package rather than a path guess. */
export function traineddataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0');
}

type RawBlock = { paragraphs: { lines: { text: string; confidence: number; bbox: Box; words: { text: string; confidence: number; bbox: Box }[] }[] }[] };

export async function createOcrEngine(options: { cachePath?: string } = {}): Promise<OcrEngine> {
  const worker: TesseractWorker = await createWorker('eng', 1, {
    langPath: traineddataDir(),
    cachePath: options.cachePath ?? join(tmpdir(), 'mortar-tesseract-cache'),
    gzip: true,
    cacheMethod: 'none',
  });
  // A scan's resolution is unknown; saying so keeps tesseract from guessing (and logging the guess).
  await worker.setParameters({ user_defined_dpi: '200' });
  return {
    async recognize(image, opts = {}) {
      const r = await worker.recognize(image, { rotateAuto: opts.deskew === true }, { text: true, blocks: true });
      const lines: OcrLine[] = [];
      for (const block of (r.data.blocks ?? []) as unknown as RawBlock[]) {
        for (const p of block.paragraphs) {
          for (const l of p.lines) {
            const words = l.words.map((w) => ({ text: w.text, confidence: w.confidence / 100, box: w.bbox }));
            lines.push({ text: l.text.replace(/\s+$/u, ''), confidence: l.confidence / 100, box: l.bbox, words });
          }
        }
      }
      return { text: r.data.text, confidence: r.data.confidence / 100, lines, rotateRadians: r.data.rotateRadians ?? 0 };
    },
    async close() {
      await worker.terminate();
    },
  };
}
