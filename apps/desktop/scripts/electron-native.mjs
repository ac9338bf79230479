// Builds the SQLite addon (better-sqlite3-multiple-ciphers) for Electron's ABI into a copy of the package
// under apps/desktop/.electron-native/, leaving node_modules built for plain Node (CLI, tests, browser mode).
// First a prebuilt binary for this Electron is asked for (prebuild-install, no compiler needed); failing that
// the copy is compiled with node-gyp against Electron's headers. Both need internet access once.
// @electron/rebuild 4 is not used: it requires Node 22, and Mortar supports Node 20 too.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const STAMP_FILE = 'mortar-native-stamp.json';

function requireFrom(repoRoot) {
  return createRequire(join(repoRoot, 'package.json'));
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The Electron binary's path when it is installed, else null (`require('electron')` is that path in Node). */
export function electronBinary(repoRoot) {
  try {
    const path = requireFrom(repoRoot)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The version of the installed electron npm package (present even when its binary could not be fetched). */
export function electronVersion(repoRoot) {
  try {
    return readJson(requireFrom(repoRoot).resolve('electron/package.json')).version;
  } catch {
    return null;
  }
}

export function sqlitePackageDir(repoRoot) {
  return dirname(requireFrom(repoRoot).resolve(`${SQLITE_PACKAGE}/package.json`));
}

/** apps/desktop/.electron-native/<package>: keep in step with src/native-binding.ts. */
export function nativeCopyDir(desktopDir, nativeRoot = join(desktopDir, '.electron-native')) {
  return join(nativeRoot, SQLITE_PACKAGE);
}

export function addonPath(copyDir) {
  return join(copyDir, 'build', 'Release', 'better_sqlite3.node');
}

/** What a build is for; a copy built for anything else is stale. */
export function wantedStamp({ repoRoot, runtime, target, arch = process.arch, platform = process.platform }) {
  return {
    runtime,
    target,
    arch,
    platform,
    module: readJson(join(sqlitePackageDir(repoRoot), 'package.json')).version,
  };
}

export function readStamp(copyDir) {
  try {
    return readJson(join(copyDir, STAMP_FILE));
  } catch {
    return null;
  }
}

export function isCurrent(copyDir, wanted) {
  const stamp = readStamp(copyDir);
  if (!stamp || !existsSync(addonPath(copyDir))) return false;
  return ['runtime', 'target', 'arch', 'platform', 'module'].every((k) => stamp[k] === wanted[k]);
}

/**
 * node-gyp as npm ships it (so nothing extra is installed): npm's own setting, npm's folder, the npm next to
 * this node, then any node-gyp the workspace happens to hold.
 */
export function findNodeGyp(repoRoot, env = process.env, execPath = process.execPath) {
  const candidates = [];
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  if (env.npm_execpath) candidates.push(join(dirname(env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const nodeDir = dirname(execPath);
  candidates.push(join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  try {
    candidates.push(requireFrom(repoRoot).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not in the workspace; one of the others will do
  }
  return candidates.find((c) => c.endsWith('.js') && existsSync(c)) ?? null;
}

function copyPackageSources(from, to) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    cpSync(join(from, entry), join(to, entry), { recursive: true, dereference: true });
  }
}

function run(command, args, cwd, log) {
  log(`  $ ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  return r.status === 0;
}

/**
 * Makes sure the copy is built for `runtime`/`target` (Electron by default); rebuilds only when stale.
 * `nodedir` builds against local Node headers instead of downloading (used to check this script offline).
 */
export function ensureNativeCopy({ repoRoot, desktopDir, runtime, target, nodedir, nativeRoot, force = false, log = console.log }) {
  const copyDir = nativeCopyDir(desktopDir, nativeRoot);
  const wanted = wantedStamp({ repoRoot, runtime, target });
  if (!force && isCurrent(copyDir, wanted)) {
    return { built: false, path: addonPath(copyDir), how: 'up to date' };
  }
  log(`Building ${SQLITE_PACKAGE} ${wanted.module} for ${runtime} ${target} (${wanted.platform}-${wanted.arch}) in ${copyDir}`);
  copyPackageSources(sqlitePackageDir(repoRoot), copyDir);

  let how = null;
  if (runtime === 'electron') {
    const prebuild = (() => {
      try {
        return requireFrom(sqlitePackageDir(repoRoot)).resolve('prebuild-install/bin.js');
      } catch {
        return null;
      }
    })();
    if (
      prebuild &&
      run(
        process.execPath,
        [prebuild, '--runtime', 'electron', '--target', target, '--arch', wanted.arch, '--platform', wanted.platform, '--verbose'],
        copyDir,
        log,
      ) &&
      existsSync(addonPath(copyDir))
    ) {
      how = 'prebuilt binary';
    } else {
      log('  no prebuilt binary for this Electron; compiling with node-gyp (needs Python and a C++ compiler)');
    }
  }
  if (!how) {
    const nodeGyp = findNodeGyp(repoRoot);
    if (!nodeGyp) throw new Error('node-gyp was not found (it comes with npm); install npm or node-gyp and run the build again');
    const args = [nodeGyp, 'rebuild', '--release', `--target=${target}`, `--arch=${wanted.arch}`];
    if (nodedir) args.push(`--nodedir=${nodedir}`);
    else if (runtime === 'electron') {
      // A separate header cache: Electron's headers must never be mistaken for Node's of the same number.
      args.push(`--dist-url=${ELECTRON_HEADERS_URL}`, `--devdir=${join(homedir(), '.electron-gyp')}`);
    }
    if (!run(process.execPath, args, copyDir, log) || !existsSync(addonPath(copyDir))) {
      throw new Error(`compiling ${SQLITE_PACKAGE} for ${runtime} ${target} failed (see the output above)`);
    }
    how = 'compiled with node-gyp';
  }
  writeFileSync(join(copyDir, STAMP_FILE), `${JSON.stringify({ ...wanted, how, builtAt: new Date().toISOString() }, null, 2)}\n`);
  return { built: true, path: addonPath(copyDir), how };
}
