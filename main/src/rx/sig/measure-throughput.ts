// Measures parseSig throughput once (run: npx tsx main/src/rx/sig/measure-throughput.ts). Not a test:
// timings depend on the machine; the figure is recorded in README.md beside this file.
import { performance } from 'node:perf_hooks';
import { parseSig } from './parse-sig.js';

const SIGS = [
  'Take 1 tablet by mouth twice daily for 7 days',
  '1-2 tabs po q4-6h prn pain, not to exceed 8 tabs in 24 hours',
  '1 gtt OU bid',
  'Inhale 2 puffs every 4 hours as needed for shortness of breath',
  'Take 1/2 tablet by mouth every morning',
  'Inject 10 units subcut ac and hs',
  'Take 1 tablet by mouth on Monday, Wednesday and Friday',
  'Take 1 tablet by mouth 30 minutes before breakfast',
  'Use 2 sprays in each nostril daily',
  'Apply a thin layer to affected area twice daily',
  'Take 1 capsule by mouth daily with food, do not crush or chew',
  'Take 2 tablets by mouth now, then 1 tablet daily for 4 days',
  'Tkae 1 tabet 3 tiems a day for 2 wekes',
  '1 TAB of BENADRYL q7h times for 2 weeks',
  'Take 1 tablet by mouth every 6 hours prn nausea or vomiting',
  'take 4 TABS q.4.d for 4 weeks',
  '1 drop OD qid',
  'Insert 1 suppository rectally every 12 hours as needed for nausea',
  'Take 1 tablet every 4 hours as needed, max 6 per day',
  'hello world',
];

function run(iterations: number): { sigsPerSecond: number; p50Micros: number; p99Micros: number } {
  const samples: number[] = [];
  const start = performance.now();
  for (let k = 0; k < iterations; k++) {
    const t0 = performance.now();
    parseSig(SIGS[k % SIGS.length] ?? '');
    samples.push(performance.now() - t0);
  }
  const seconds = (performance.now() - start) / 1000;
  samples.sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round((samples[Math.floor(q * (samples.length - 1))] ?? 0) * 1000 * 10) / 10;
  return { sigsPerSecond: Math.round(iterations / seconds), p50Micros: at(0.5), p99Micros: at(0.99) };
}

run(5_000); // warm-up
const result = { node: process.version, distinctSigs: SIGS.length, iterations: 100_000, ...run(100_000) };
process.stdout.write(`${JSON.stringify(result)}\n`);
