// Where the main process finds the SQLite addon. node_modules holds the build for plain Node (CLI, tests);
// an unpackaged Electron needs its own ABI, so `npm run build -w @mortar/desktop` compiles a second copy into
// apps/desktop/.electron-native/. A packaged app has its node_modules rebuilt for Electron by electron-builder.
import { join } from 'node:path';
import { DesktopStartError } from './start-error.js';

export const ELECTRON_NATIVE_DIR = '.electron-native';
export const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';

/** The Electron build of the addon, as apps/desktop/build.mjs writes it. */
export function electronNativeBindingPath(desktopDir: string): string {
  return join(desktopDir, ELECTRON_NATIVE_DIR, SQLITE_PACKAGE, 'build', 'Release', 'better_sqlite3.node');
}

/**
 * The `nativeBinding` to give the core: undefined when packaged (the default, rebuilt binding), the
 * .electron-native copy in development. A missing copy stops start-up with the command that makes it.
 */
export function nativeBindingFor(o: { isPackaged: boolean; desktopDir: string; exists: (path: string) => boolean }): string | undefined {
  if (o.isPackaged) return undefined;
  const path = electronNativeBindingPath(o.desktopDir);
  if (!o.exists(path)) {
    throw new DesktopStartError(
      'desktop.nativeModuleMissing',
      `The SQLite module built for Electron is missing (${path}). Run "npm run build -w @mortar/desktop" ` +
        '(it needs internet access once, for the Electron headers) and start Mortar again.',
    );
  }
  return path;
}
