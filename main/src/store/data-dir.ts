import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-OS place for a terminal's data, unless `--data-dir` says otherwise. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (env.MORTAR_DATA_DIR) return env.MORTAR_DATA_DIR;
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Mortar');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Mortar');
    default:
      return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'mortar');
  }
}
