// The desktop app's own command-line options, read out of Electron's argv (which also holds Chromium's).
import { resolve } from 'node:path';

export type DesktopArgs = { dataDir: string | null };

/** `--data-dir <dir>` or `--data-dir=<dir>`; the last one given wins, as with most command lines. */
export function parseDesktopArgs(argv: readonly string[]): DesktopArgs {
  let dataDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length) || null;
    } else if (arg === '--data-dir') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        dataDir = next;
        i++;
      }
    }
  }
  return { dataDir };
}

/** Where the terminal keeps its data: `--data-dir`, else MORTAR_DATA_DIR (as the CLI), else Electron's userData. */
export function chooseDataDir(args: DesktopArgs, env: NodeJS.ProcessEnv, userData: string, cwd = process.cwd()): string {
  return resolve(cwd, args.dataDir ?? (env.MORTAR_DATA_DIR || userData));
}
