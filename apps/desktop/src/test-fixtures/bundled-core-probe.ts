// Bundled by build-script.test.ts exactly as main.cjs is (CommonJS, native modules external) and run in
// plain Node: proves the bundled core opens an encrypted store, hashes passwords and reads its data files.
import { createTestCore, expectOk, setUpPharmacy } from '@mortar/main/testing';

async function probe(): Promise<void> {
  const core = createTestCore();
  try {
    const { admin } = await setUpPharmacy(core);
    const demo = expectOk(await admin.invoke('demo.loadDemo', {}));
    const search = expectOk(await admin.invoke('catalog.searchProducts', { query: 'paracetamol', limit: 5 }));
    process.stdout.write(JSON.stringify({ demo, hits: search.hits.length }));
  } finally {
    core.dispose();
  }
}

probe().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e));
  process.exit(1);
});
