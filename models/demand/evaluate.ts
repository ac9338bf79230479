// The held-out accuracy benchmark quoted in MODEL_CARD.md: `npx tsx models/demand/evaluate.ts`.
// Products from their own seed (never trained on); the last 28 days of each are held out; writes
// metrics.json beside this file and prints a table per demand class.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateHeldOut, generateDemandDataSet, loadGlobalModel } from '@mortar/main/forecast-training';

export const heldOutDataSet = { seed: 20_240_202, products: 2000, days: 730 } as const;
const options = { horizon: 28, backtestOrigins: 8, backtestStep: 14, intervalLevel: 0.8, methods: ['seasonalNaive', 'croston', 'sba', 'tsb', 'ets', 'global'] as const };

const here = dirname(fileURLToPath(import.meta.url));
const model = await loadGlobalModel(resolve(here, 'demand-global.onnx'));
const started = Date.now();
const classes = await evaluateHeldOut(generateDemandDataSet(heldOutDataSet), { ...options, methods: [...options.methods] }, model);
await model.close();
const fmt = (v: number | null): string => (v === null ? '—' : v.toFixed(3));
for (const c of classes) {
  console.log(`\n${c.demandClass} (${c.products} products; 80% interval coverage ${(100 * c.intervalCoverage).toFixed(1)}%; chosen ${JSON.stringify(c.chosen)})`);
  for (const r of c.rows) console.log(`  ${r.method.padEnd(14)} WAPE ${fmt(r.wape)}  MASE ${fmt(r.mase)}  bias ${fmt(r.bias)}`);
}
writeFileSync(resolve(here, 'metrics.json'), `${JSON.stringify({ dataSet: heldOutDataSet, options, classes }, null, 2)}\n`);
console.log(`\n${Date.now() - started} ms`);
