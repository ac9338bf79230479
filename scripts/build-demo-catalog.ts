// Generates main/src/demo/data/demo-catalog.json from the open reference data in <repo>/../shared/data.
// Usage: npx tsx scripts/build-demo-catalog.ts [--out <path>] [--quiet]
// The app ships the generated file and never reads ../shared at run time.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoCatalog, serializeDemoCatalog } from '@mortar/main/demo-build';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = resolve(repoRoot, '..', 'shared', 'data');

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outPath =
  outIndex >= 0 && args[outIndex + 1]
    ? resolve(process.cwd(), args[outIndex + 1] as string)
    : resolve(repoRoot, 'main', 'src', 'demo', 'data', 'demo-catalog.json');

const read = (...parts: string[]): string => readFileSync(resolve(sharedData, ...parts), 'utf8');

const { catalog, report } = buildDemoCatalog({
  vtmXml: read('dmd', 'f_vtm2_3010419.xml'),
  lookupXml: read('dmd', 'f_lookup2_3010419.xml'),
  splJson: read('spl', 'coderx_dailymed_api_test_100spl.json'),
  otcCsv: read('openfda', 'otc-bars.labeled.csv'),
});
const text = serializeDemoCatalog(catalog);
writeFileSync(outPath, text);
if (!args.includes('--quiet')) {
  console.log(
    JSON.stringify(
      { out: outPath, bytes: Buffer.byteLength(text), products: catalog.products.length, ...report },
      null,
      2,
    ),
  );
}
