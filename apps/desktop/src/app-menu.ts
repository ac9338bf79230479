// Rule: a shop's build has no developer tools and no reload key (DESIGN.md "Security": no way into the page
// from the keyboard); a developer's build keeps both. The Edit menu stays everywhere, since on macOS copy and
// paste in text fields work only through it.
import type { MenuItemConstructorOptions } from 'electron';

export type MenuOptions = { isMac: boolean; development: boolean };

export function menuTemplate({ isMac, development }: MenuOptions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      role: 'appMenu',
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  } else {
    template.push({ role: 'fileMenu', submenu: [{ role: 'quit' }] });
  }
  template.push({
    role: 'editMenu',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (development) {
    view.push({ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  }
  template.push({ role: 'viewMenu', submenu: view });
  template.push({
    role: 'windowMenu',
    submenu: isMac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  });
  return template;
}

/** Every role in a template, submenus included (what the tests and a reviewer look for). */
export function menuRoles(template: readonly MenuItemConstructorOptions[]): string[] {
  const roles: string[] = [];
  for (const item of template) {
    if (item.role) roles.push(item.role);
    if (Array.isArray(item.submenu)) roles.push(...menuRoles(item.submenu as MenuItemConstructorOptions[]));
  }
  return roles;
}
