// Runs after `npm install` / `npm ci`: builds the user interface so that `npx mortar serve` works at once.
// Without dev dependencies (a production install) there is nothing to build with, and it says so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}/node_modules/vite/package.json`)) {
  console.log('mortar: dev dependencies are not installed; skipping the UI build (run `npm run build` later).');
  process.exit(0);
}
const r = spawnSync('npm', ['run', 'build', '--workspace', '@mortar/renderer'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
