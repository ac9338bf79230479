// Types for electron-native.mjs (a plain script, so that `node build.mjs` needs no compiler), used by the tests.
export type NativeStamp = { runtime: string; target: string; arch: string; platform: string; module: string };

export declare const SQLITE_PACKAGE: string;
export declare const ELECTRON_HEADERS_URL: string;
export declare function electronBinary(repoRoot: string): string | null;
export declare function electronVersion(repoRoot: string): string | null;
export declare function sqlitePackageDir(repoRoot: string): string;
export declare function nativeCopyDir(desktopDir: string, nativeRoot?: string): string;
export declare function addonPath(copyDir: string): string;
export declare function wantedStamp(o: {
  repoRoot: string;
  runtime: string;
  target: string;
  arch?: string;
  platform?: string;
}): NativeStamp;
export declare function readStamp(copyDir: string): (NativeStamp & { how?: string }) | null;
export declare function isCurrent(copyDir: string, wanted: NativeStamp): boolean;
export declare function findNodeGyp(repoRoot: string, env?: NodeJS.ProcessEnv, execPath?: string): string | null;
export declare function ensureNativeCopy(o: {
  repoRoot: string;
  desktopDir: string;
  runtime: 'electron' | 'node';
  target: string;
  nodedir?: string;
  nativeRoot?: string;
  force?: boolean;
  log?: (line: string) => void;
}): { built: boolean; path: string; how: string };
