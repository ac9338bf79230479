// `npm start`: Mortar in Electron when its binary is installed, else in browser mode. Electron is an
// optional dependency because its binary comes from GitHub, which some installs cannot reach; the counter
// then still starts, served to a browser by the CLI.
//
//   npm start [-- --data-dir <dir>] [-- --port <n>]   (other arguments go to Electron / `mortar serve`)
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../apps/desktop/scripts/electron-native.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a child with our stdio, passing SIGINT/SIGTERM on and leaving with its exit code. */
function runForwarding(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: repoRoot, stdio: 'inherit' });
  const forward = (signal) => {
    if (child.exitCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  child.on('error', (e) => {
    console.error(`mortar: could not start ${command}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Leave the way the child left, so a shell sees "killed by SIGINT" and not a plain error.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

function step(command, commandArgs, what) {
  const r = spawnSync(command, commandArgs, { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`mortar: ${what} failed; Mortar was not started.`);
    process.exit(r.status ?? 1);
  }
}

const electron = electronBinary(repoRoot);
if (electron) {
  step(npm, ['run', 'build', '--workspace', '@mortar/renderer'], 'building the renderer');
  // Bundles main and preload, and builds the SQLite module for Electron when it is missing or stale.
  step(process.execPath, [join(repoRoot, 'apps', 'desktop', 'build.mjs')], 'building the desktop app');
  runForwarding(electron, [join(repoRoot, 'apps', 'desktop'), ...args]);
} else {
  console.log(
    'Electron is not installed on this machine (its binary could not be downloaded), so Mortar starts in browser mode.',
  );
  runForwarding(process.execPath, [join(repoRoot, 'apps', 'cli', 'bin', 'mortar.js'), 'serve', ...args]);
}
