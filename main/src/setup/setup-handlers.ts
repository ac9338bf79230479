import { CoreError } from '../api/core-error.js';
import { handler } from '../api/command-context.js';
import { hashSecret } from '../people/passwords.js';
import { sessionInfo } from '../people/session-info.js';
import { usersStore, type UserRow } from '../people/users-store.js';
import { writeSettings } from '../settings/settings-store.js';
import { readPharmacy } from './terminal-store.js';

export const setupHandlers = {
  'setup.getStatus': handler<'setup.getStatus'>({
    run(ctx) {
      const p = readPharmacy(ctx.db);
      return {
        initialized: p !== null,
        pharmacy: p
          ? { name: p.name, baseCurrency: p.base_currency, locale: p.locale, terminalName: ctx.terminal?.name ?? '' }
          : null,
        demoLoaded: p?.demo_loaded_at != null,
      };
    },
  }),
  'setup.initialize': handler<'setup.initialize', { password: string; pin: string | null }>({
    async prepare(_ctx, input) {
      return { password: await hashSecret(input.admin.password), pin: input.admin.pin ? await hashSecret(input.admin.pin) : null };
    },
    run(ctx, input, hashes) {
      if (readPharmacy(ctx.db)) throw new CoreError('setup.alreadyDone', 'This terminal is already set up.');
      const { pharmacy } = input;
      // Tenant and branch are created here and bound to the chain's ids when the terminal is enrolled.
      const terminal = { deviceId: ctx.ids.next(), name: pharmacy.terminalName, tenantId: ctx.ids.next(), branchId: ctx.ids.next() };
      ctx.db
        .prepare(
          `INSERT INTO pharmacy (id, tenant_id, branch_id, name, address, tax_id, base_currency, locale, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(ctx.ids.next(), terminal.tenantId, terminal.branchId, pharmacy.name, pharmacy.address, pharmacy.taxId,
          pharmacy.baseCurrency, pharmacy.locale, ctx.now);
      ctx.db.prepare('INSERT INTO device (id, name, created_at) VALUES (?, ?, ?)').run(terminal.deviceId, terminal.name, ctx.now);
      writeSettings(ctx.db, { locale: pharmacy.locale }, ctx.now);
      ctx.terminal = terminal;
      const admin: UserRow = {
        id: ctx.ids.next(),
        username: input.admin.username,
        display_name: input.admin.displayName,
        role: 'admin',
        password_hash: hashes.password,
        pin_hash: hashes.pin,
        active: 1,
        failed_attempts: 0,
        locked_until: null,
        created_at: ctx.now,
        updated_at: ctx.now,
      };
      usersStore(ctx.db).insert(admin);
      ctx.actor = { id: admin.id, username: admin.username, displayName: admin.display_name, role: 'admin' };
      ctx.audit({ action: 'setup.initialize', entityType: 'pharmacy', entityId: terminal.branchId, after: pharmacy });
      ctx.audit({ action: 'users.createUser', entityType: 'user', entityId: admin.id, after: { username: admin.username, role: 'admin' } });
      ctx.emit('setup.terminalInitialized', { pharmacyName: pharmacy.name, terminalName: terminal.name, baseCurrency: pharmacy.baseCurrency });
      ctx.connection.session = { userId: admin.id, startedAt: ctx.now, lastActivityAt: ctx.now, locked: false };
      return sessionInfo(ctx.db, ctx.connection.session, admin, terminal, ctx.now);
    },
  }),
};
