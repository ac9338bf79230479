import { handler } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
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
  'settings.setQuickKeys': handler<'settings.setQuickKeys'>({
    run(ctx, input) {
      // Rule: a quick key names a product the catalogue holds, so a key never adds nothing at the till.
      for (const key of input.quickKeys) {
        const known = ctx.db.prepare('SELECT 1 FROM product WHERE id = ?').get(key.productId);
        if (!known) throw new CoreError('catalog.productNotFound', 'A quick key names a product the catalogue does not hold.', { productId: key.productId });
      }
      const before = readSettings(ctx.db);
      writeSettings(ctx.db, { quickKeys: input.quickKeys }, ctx.now);
      const after = readSettings(ctx.db);
      ctx.audit({ action: 'settings.setQuickKeys', entityType: 'settings', entityId: ctx.terminal?.deviceId ?? null, before: before.quickKeys, after: after.quickKeys });
      return after;
    },
  }),
};
