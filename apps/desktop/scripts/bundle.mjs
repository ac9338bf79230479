// Bundles the main process and the preload with esbuild. The preload must be one CommonJS file that needs
// nothing but 'electron' (Electron's sandbox gives preloads no module loader); the main process takes the
// whole core with it, so only native modules and Electron's own packages stay in node_modules.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Loaded at run time from node_modules: native addons (rebuilt per runtime) and Electron's own packages. */
export const MAIN_EXTERNALS = [
  'electron',
  'electron-updater',
  'better-sqlite3-multiple-ciphers',
  '@node-rs/argon2',
  '@node-rs/*',
  'bufferutil',
  'utf-8-validate',
  'serialport',
  '@serialport/*',
  'node-hid',
  'usb',
  'onnxruntime-node',
];

// A CommonJS bundle has no import.meta; the core uses `new URL('./data/x.json', import.meta.url)` to find
// files beside its sources. Each such file is copied under dist/files/ at the same path relative to the
// repository, and import.meta.url becomes the URL of where the source file would sit there.
const BANNER = [
  '"use strict";',
  'const __mortarFiles = require("node:path").join(__dirname, "files");',
  'function __mortarFilename(rel) { return require("node:path").join(__mortarFiles, rel); }',
  'function __mortarDirname(rel) { return require("node:path").dirname(__mortarFilename(rel)); }',
  'function __mortarFileUrl(rel) { return require("node:url").pathToFileURL(__mortarFilename(rel)).href; }',
].join('\n');

const URL_LITERAL = /new URL\(\s*(['"`])([^'"`$]+)\1\s*,\s*import\.meta\.url\s*\)/g;

function isInside(root, path) {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function loaderFor(path) {
  const ext = extname(path);
  if (ext === '.tsx') return 'tsx';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  if (ext === '.jsx') return 'jsx';
  return 'js';
}

function importMetaPlugin({ repoRoot, desktopDir, assets, warnings }) {
  return {
    name: 'mortar-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.path.split(sep).includes('node_modules') || isInside(desktopDir, args.path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const rel = relative(repoRoot, args.path).split(sep).join('/');
        for (const m of source.matchAll(URL_LITERAL)) {
          assets.add(fileURLToPath(new URL(m[2], pathToFileURL(args.path))));
        }
        const contents = source
          .replaceAll('import.meta.url', `__mortarFileUrl(${JSON.stringify(rel)})`)
          .replaceAll('import.meta.dirname', `__mortarDirname(${JSON.stringify(rel)})`)
          .replaceAll('import.meta.filename', `__mortarFilename(${JSON.stringify(rel)})`);
        if (contents.includes('import.meta')) warnings.push(`${rel} uses import.meta in a way the bundle cannot map`);
        return { contents, loader: loaderFor(args.path), resolveDir: dirname(args.path) };
      });
    },
  };
}

function copyAssets({ repoRoot, outDir, assets, warnings }) {
  const copied = [];
  for (const asset of [...assets].sort()) {
    const rel = relative(repoRoot, asset);
    if (!isInside(repoRoot, asset)) {
      warnings.push(`${asset} is outside the repository and was not copied`);
      continue;
    }
    if (!existsSync(asset)) {
      warnings.push(`${rel} is referenced by the core but does not exist; the feature reading it will fail`);
      continue;
    }
    const dest = join(outDir, 'files', rel);
    mkdirSync(dirname(dest), { recursive: true });
    cpSync(asset, dest, { recursive: true, dereference: true });
    copied.push(rel.split(sep).join('/'));
  }
  return copied;
}

/** Copies the renderer's build (not its type declarations) beside the main bundle. */
function copyRenderer({ from, outDir, warnings }) {
  const to = join(outDir, 'renderer');
  rmSync(to, { recursive: true, force: true });
  if (!existsSync(join(from, 'index.html'))) {
    warnings.push(
      'renderer/dist/index.html is missing: run "npm run build -w @mortar/renderer" first, or the window has nothing to show',
    );
    return false;
  }
  cpSync(from, to, {
    recursive: true,
    dereference: true,
    filter: (src) => {
      const rel = relative(from, src);
      return rel !== 'types' && !rel.startsWith(`types${sep}`) && !src.endsWith('.tsbuildinfo');
    },
  });
  return true;
}

function importsOf(metafile, output) {
  const out = Object.entries(metafile.outputs).find(([path]) => path.endsWith(output));
  return out ? out[1].imports.map((i) => i.path) : [];
}

/**
 * Bundles one Node entry (the main process, or a probe in the tests) to CommonJS with the core inside and
 * the externals left to node_modules; copies the files the core reads beside its sources to `<outDir>/files/`.
 */
export async function bundleNodeEntry({ repoRoot, desktopDir, entry, outfile, outDir, sourcemap = 'linked' }) {
  const warnings = [];
  const assets = new Set();
  mkdirSync(outDir, { recursive: true });
  rmSync(join(outDir, 'files'), { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: desktopDir,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: MAIN_EXTERNALS,
    banner: { js: BANNER },
    sourcemap,
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [importMetaPlugin({ repoRoot, desktopDir, assets, warnings })],
  });
  for (const m of result.warnings) warnings.push(m.text);
  const files = copyAssets({ repoRoot, outDir, assets, warnings });
  const externals = [...new Set(importsOf(result.metafile, basename(outfile)))]
    .filter((p) => !p.startsWith('node:') && !builtinModules.includes(p))
    .sort();
  return { externals, files, warnings };
}

/**
 * Writes `<outDir>/main.cjs`, `<outDir>/preload.cjs`, `<outDir>/files/` (the core's data files) and
 * `<outDir>/renderer/` (a copy of renderer/dist). Returns what it did, for the build log and the tests.
 */
export async function bundleDesktop({ repoRoot, desktopDir, outDir, rendererDist = join(repoRoot, 'renderer', 'dist') }) {
  const main = await bundleNodeEntry({
    repoRoot,
    desktopDir,
    entry: join(desktopDir, 'src', 'main.ts'),
    outfile: join(outDir, 'main.cjs'),
    outDir,
  });
  const warnings = [...main.warnings];

  const preload = await esbuild.build({
    absWorkingDir: desktopDir,
    entryPoints: [join(desktopDir, 'src', 'preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    bundle: true,
    // 'browser' makes any Node import fail the build: a sandboxed preload could not load it anyway.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
  });

  const preloadImports = importsOf(preload.metafile, 'preload.cjs');
  const stray = preloadImports.filter((p) => p !== 'electron');
  if (stray.length > 0) throw new Error(`the preload may import only 'electron', but imports ${stray.join(', ')}`);

  for (const m of preload.warnings) warnings.push(m.text);
  const renderer = copyRenderer({ from: rendererDist, outDir, warnings });
  return {
    mainBytes: statSync(join(outDir, 'main.cjs')).size,
    preloadBytes: statSync(join(outDir, 'preload.cjs')).size,
    mainExternals: main.externals,
    preloadImports,
    files: main.files,
    renderer,
    warnings,
  };
}
