import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addonPath, nativeCopyDir } from '../scripts/electron-native.mjs';
import { electronNativeBindingPath, nativeBindingFor } from './native-binding.js';

describe('the native binding', () => {
  it('is the default one in a packaged app', () => {
    expect(nativeBindingFor({ isPackaged: true, desktopDir: '/app', exists: () => false })).toBeUndefined();
  });

  it('is the .electron-native copy in development', () => {
    const path = electronNativeBindingPath('/repo/apps/desktop');
    expect(nativeBindingFor({ isPackaged: false, desktopDir: '/repo/apps/desktop', exists: (p) => p === path })).toBe(path);
  });

  it('is where the build script writes it', () => {
    const desktopDir = join('/repo', 'apps', 'desktop');
    expect(electronNativeBindingPath(desktopDir)).toBe(addonPath(nativeCopyDir(desktopDir)));
  });

  it('stops start-up with the command to run when the copy is missing', () => {
    expect(() => nativeBindingFor({ isPackaged: false, desktopDir: '/repo/apps/desktop', exists: () => false })).toThrow(
      /npm run build -w @mortar\/desktop/,
    );
  });
});
