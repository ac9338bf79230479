import { describe, expect, it } from 'vitest';
import { menuRoles, menuTemplate } from './app-menu.js';

describe('the application menu', () => {
  it('has no developer tools and no reload in a shop build', () => {
    for (const isMac of [true, false]) {
      const roles = menuRoles(menuTemplate({ isMac, development: false }));
      expect(roles).not.toContain('toggleDevTools');
      expect(roles).not.toContain('reload');
      expect(roles).not.toContain('forceReload');
    }
  });

  it('keeps developer tools for development', () => {
    expect(menuRoles(menuTemplate({ isMac: false, development: true }))).toContain('toggleDevTools');
  });

  it('keeps the edit commands, which macOS text fields need', () => {
    const roles = menuRoles(menuTemplate({ isMac: true, development: false }));
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo', 'redo', 'quit']));
  });
});
