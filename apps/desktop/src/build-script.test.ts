import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleDesktop, bundleNodeEntry } from '../scripts/bundle.mjs';
import { findNodeGyp, isCurrent, wantedStamp } from '../scripts/electron-native.mjs';

const desktopDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(desktopDir, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'mortar-desktop-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `require(...)` calls of a CommonJS bundle. */
function requiresOf(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))].sort();
}

describe('the desktop build script', () => {
  it('bundles main.cjs and preload.cjs from the command line', () => {
    const out = join(scratch, 'cli');
    const r = spawnSync(process.execPath, [join(desktopDir, 'build.mjs'), '--out-dir', out, '--no-native'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/main\.cjs \d+ KiB/);
    expect(existsSync(join(out, 'main.cjs'))).toBe(true);
    expect(existsSync(join(out, 'preload.cjs'))).toBe(true);
  });

  it('leaves only Electron, the updater and native modules outside the main bundle', async () => {
    const out = join(scratch, 'api');
    const r = await bundleDesktop({ repoRoot, desktopDir, outDir: out, rendererDist: join(scratch, 'no-renderer') });
    // The native addons of the store, passwords, scanners (serial, HID) and the ONNX models, ws's optional
    // speed-ups (required inside a try), and Electron's own packages; everything of ours is bundled.
    expect(r.mainExternals).toEqual([
      '@node-rs/argon2',
      '@serialport/bindings-cpp',
      '@serialport/stream',
      'better-sqlite3-multiple-ciphers',
      'bufferutil',
      'electron',
      'electron-updater',
      'node-hid',
      'onnxruntime-node',
      'utf-8-validate',
    ]);
    const main = readFileSync(join(out, 'main.cjs'), 'utf8');
    expect(main).not.toMatch(/import\.meta/);
    expect(requiresOf(main).filter((m) => m.startsWith('@mortar/') || m === 'zod')).toEqual([]);
  });

  it('makes a self-contained CommonJS preload that needs only electron', async () => {
    const out = join(scratch, 'preload');
    const r = await bundleDesktop({ repoRoot, desktopDir, outDir: out, rendererDist: join(scratch, 'no-renderer') });
    expect(r.preloadImports).toEqual(['electron']);
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    expect(requiresOf(preload)).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("mortar"');
    expect(preload).not.toMatch(/\bexport\b|\bimport\s/);
  });

  it("copies the renderer's build without its type declarations, and warns when there is none", async () => {
    const dist = join(scratch, 'renderer-dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    mkdirSync(join(dist, 'types'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    writeFileSync(join(dist, 'assets', 'app.js'), '1');
    writeFileSync(join(dist, 'types', 'main.d.ts'), 'export {}');
    writeFileSync(join(dist, 'tsconfig.tsbuildinfo'), '{}');
    const out = join(scratch, 'with-renderer');
    const r = await bundleDesktop({ repoRoot, desktopDir, outDir: out, rendererDist: dist });
    expect(r.renderer).toBe(true);
    expect(existsSync(join(out, 'renderer', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'renderer', 'assets', 'app.js'))).toBe(true);
    expect(existsSync(join(out, 'renderer', 'types'))).toBe(false);
    expect(existsSync(join(out, 'renderer', 'tsconfig.tsbuildinfo'))).toBe(false);

    const none = await bundleDesktop({ repoRoot, desktopDir, outDir: join(scratch, 'without'), rendererDist: join(scratch, 'nothing') });
    expect(none.renderer).toBe(false);
    expect(none.warnings.join('\n')).toMatch(/renderer\/dist\/index\.html is missing/);
  });

  it('produces a core that works as CommonJS in plain Node, data files included', async () => {
    const out = join(scratch, 'probe');
    const r = await bundleNodeEntry({
      repoRoot,
      desktopDir,
      entry: join(desktopDir, 'src', 'test-fixtures', 'bundled-core-probe.ts'),
      outfile: join(out, 'probe.cjs'),
      outDir: out,
      sourcemap: false,
    });
    expect(r.files).toContain('main/src/demo/data/demo-catalog.json');
    const run = spawnSync(process.execPath, [join(out, 'probe.cjs')], {
      encoding: 'utf8',
      // The bundle sits outside the repository here; in the app it sits beside node_modules.
      env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { demo: { products: number }; hits: number };
    expect(result.demo.products).toBeGreaterThan(0);
  });
});

describe('the Electron native module build', () => {
  it("finds node-gyp where npm keeps it, so nothing extra is installed", () => {
    const found = findNodeGyp(repoRoot);
    expect(found).not.toBeNull();
    expect(found).toMatch(/node-gyp[\\/]bin[\\/]node-gyp\.js$/);
    expect(findNodeGyp(repoRoot, { npm_config_node_gyp: found ?? '' }, '/nowhere/bin/node')).toBe(found);
  });

  it('rebuilds a copy that is missing or was built for another runtime, version or module', () => {
    const copy = join(scratch, 'native', 'better-sqlite3-multiple-ciphers');
    const wanted = wantedStamp({ repoRoot, runtime: 'electron', target: '41.7.1' });
    expect(isCurrent(copy, wanted)).toBe(false);
    mkdirSync(join(copy, 'build', 'Release'), { recursive: true });
    writeFileSync(join(copy, 'build', 'Release', 'better_sqlite3.node'), '');
    writeFileSync(join(copy, 'mortar-native-stamp.json'), JSON.stringify(wanted));
    expect(isCurrent(copy, wanted)).toBe(true);
    expect(isCurrent(copy, { ...wanted, target: '42.0.0' })).toBe(false);
    expect(isCurrent(copy, { ...wanted, runtime: 'node' })).toBe(false);
    expect(isCurrent(copy, { ...wanted, module: '99.0.0' })).toBe(false);
    expect(dirname(copy)).toBe(join(scratch, 'native'));
  });
});
