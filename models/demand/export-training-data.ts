// Writes the global demand model's training examples: `npx tsx models/demand/export-training-data.ts`.
// The products come from the seeded generator and the features from the forecaster's own feature code,
// so the CSV is the same on every run (its SHA-256 is printed and recorded in MODEL_CARD.md).
//
//   npx tsx models/demand/export-training-data.ts [--out models/demand/build/training-examples.csv]
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDemandDataSet, trainingCsvHeader, trainingCsvLines } from '@mortar/main/forecast-training';

/** The training set: its own seed, never the held-out products of the accuracy benchmark. */
export const trainingDataSet = { seed: 20_240_101, products: 800, days: 730 } as const;
export const trainingSampling = { seed: 7, firstOrigin: 56, originStep: 7, horizonsPerOrigin: 7 } as const;

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: resolve(here, 'build', 'training-examples.csv') } } });
const out = resolve(values.out as string);
mkdirSync(dirname(out), { recursive: true });

const products = generateDemandDataSet(trainingDataSet);
const hash = createHash('sha256');
const stream = createWriteStream(out);
let rows = 0;
let buffer: string[] = [];
const flush = async (): Promise<void> => {
  const text = buffer.join('');
  buffer = [];
  hash.update(text);
  if (!stream.write(text)) await new Promise<void>((r) => stream.once('drain', () => r()));
};
buffer.push(`${trainingCsvHeader}\n`);
for (const line of trainingCsvLines(products, trainingSampling)) {
  buffer.push(`${line}\n`);
  rows++;
  if (buffer.length >= 10_000) await flush();
}
await flush();
await new Promise<void>((r, j) => stream.end((e?: Error | null) => (e ? j(e) : r())));
console.log(JSON.stringify({ out, products: products.length, rows, sha256: hash.digest('hex') }));
