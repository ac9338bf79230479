// `npm run build -w @mortar/desktop`: bundles the main process and the preload into dist/, copies the
// renderer's build beside them and, when Electron is installed, builds the SQLite addon for Electron into
// .electron-native/ (only an unpackaged Electron needs it; electron-builder rebuilds node_modules itself).
//
//   node build.mjs [--out-dir <dir>] [--no-native] [--native-only] [--force-native]
//                  [--runtime electron|node --target <version> --nodedir <dir> --native-dir <dir>]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleDesktop } from './scripts/bundle.mjs';
import { electronBinary, electronVersion, ensureNativeCopy } from './scripts/electron-native.mjs';

const desktopDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(desktopDir, '..', '..');

const { values } = parseArgs({
  options: {
    'out-dir': { type: 'string' },
    'no-native': { type: 'boolean', default: false },
    'native-only': { type: 'boolean', default: false },
    'force-native': { type: 'boolean', default: false },
    runtime: { type: 'string' },
    target: { type: 'string' },
    nodedir: { type: 'string' },
    'native-dir': { type: 'string' },
  },
});

async function main() {
  const started = Date.now();
  if (!values['native-only']) {
    const outDir = resolve(values['out-dir'] ?? join(desktopDir, 'dist'));
    const r = await bundleDesktop({ repoRoot, desktopDir, outDir });
    console.log(
      `desktop: ${outDir}/main.cjs ${(r.mainBytes / 1024).toFixed(0)} KiB, preload.cjs ${(r.preloadBytes / 1024).toFixed(1)} KiB; ` +
        `external: ${r.mainExternals.join(', ')}; core files: ${r.files.length}; renderer: ${r.renderer ? 'copied' : 'MISSING'}`,
    );
    for (const w of r.warnings) console.warn(`desktop: warning: ${w}`);
  }
  if (!values['no-native']) {
    const runtime = values.runtime ?? 'electron';
    if (runtime !== 'electron' && runtime !== 'node') throw new Error(`--runtime must be electron or node, not ${runtime}`);
    if (runtime === 'electron' && !values.target && !electronBinary(repoRoot)) {
      console.log(
        'desktop: Electron is not installed here, so the SQLite module for Electron was not built ' +
          '(it is needed only to run Mortar in an unpackaged Electron).',
      );
    } else {
      const target = values.target ?? (runtime === 'electron' ? electronVersion(repoRoot) : process.versions.node);
      if (!target) throw new Error('the Electron version is unknown: is the electron package installed?');
      const r = ensureNativeCopy({
        repoRoot,
        desktopDir,
        runtime,
        target,
        nodedir: values.nodedir,
        nativeRoot: values['native-dir'] ? resolve(values['native-dir']) : undefined,
        force: values['force-native'],
      });
      console.log(`desktop: SQLite module for ${runtime} ${target}: ${r.how} (${r.path})`);
    }
  }
  console.log(`desktop: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(`desktop: build failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
