import { handler } from '../api/command-context.js';
import { readSettings, writeSettings } from './settings-store.js';

export const settingsHandlers = {
  'settings.getSettings': handler<'settings.getSettings'>({ run: (ctx) => readSettings(ctx.db) }),
  'settings.updateSettings': handler<'settings.updateSettings'>({
    run(ctx, input) {
      const before = readSettings(ctx.db);
      writeSettings(ctx.db, input, ctx.now);
      const after = readSettings(ctx.db);
      ctx.audit({ action: 'settings.updateSettings', entityType: 'settings', entityId: ctx.terminal?.deviceId ?? null, before, after });
      return after;
    },
  }),
};
