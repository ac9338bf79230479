// Types for bundle.mjs (a plain script, so that `node build.mjs` needs no compiler), used by the tests.
export declare const MAIN_EXTERNALS: readonly string[];

export declare function bundleNodeEntry(options: {
  repoRoot: string;
  desktopDir: string;
  entry: string;
  outfile: string;
  outDir: string;
  sourcemap?: boolean | 'linked' | 'inline' | 'external';
}): Promise<{ externals: string[]; files: string[]; warnings: string[] }>;

export declare function bundleDesktop(options: {
  repoRoot: string;
  desktopDir: string;
  outDir: string;
  /** The renderer's build to copy (default: renderer/dist). */
  rendererDist?: string;
}): Promise<{
  mainBytes: number;
  preloadBytes: number;
  mainExternals: string[];
  preloadImports: string[];
  files: string[];
  renderer: boolean;
  warnings: string[];
}>;
