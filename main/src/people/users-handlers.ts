// Rule: a pharmacy always keeps at least one active administrator, or nobody could manage staff again.
import { CoreError } from '../api/core-error.js';
import { handler, type CommandContext } from '../api/command-context.js';
import { hashSecret, verifySecret } from './passwords.js';
import { toUser, usersStore, type UserRow } from './users-store.js';

function mustFind(ctx: CommandContext, id: string): UserRow {
  const user = usersStore(ctx.db).byId(id);
  if (!user) throw new CoreError('users.notFound', 'There is no member of staff with that id.', { id });
  return user;
}

function auditView(u: UserRow) {
  return { username: u.username, displayName: u.display_name, role: u.role, active: u.active, hasPin: u.pin_hash !== null };
}

export const usersHandlers = {
  'users.listUsers': handler<'users.listUsers'>({
    run: (ctx, input) => usersStore(ctx.db).list(input.includeInactive).map(toUser),
  }),
  'users.createUser': handler<'users.createUser', { password: string; pin: string | null }>({
    async prepare(_ctx, input) {
      return { password: await hashSecret(input.password), pin: input.pin ? await hashSecret(input.pin) : null };
    },
    run(ctx, input, hashes) {
      const store = usersStore(ctx.db);
      if (store.byUsername(input.username)) {
        throw new CoreError('users.usernameTaken', `The username ${input.username} is already taken.`, {
          field: 'username',
        });
      }
      const row: UserRow = {
        id: ctx.ids.next(),
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: hashes.password,
        pin_hash: hashes.pin,
        active: 1,
        failed_attempts: 0,
        locked_until: null,
        created_at: ctx.now,
        updated_at: ctx.now,
      };
      store.insert(row);
      ctx.audit({ action: 'users.createUser', entityType: 'user', entityId: row.id, after: auditView(row) });
      ctx.emit('users.userCreated', { userId: row.id, username: row.username, displayName: row.display_name, role: row.role });
      return toUser(row);
    },
  }),
  'users.updateUser': handler<'users.updateUser'>({
    run(ctx, input) {
      const store = usersStore(ctx.db);
      const before = mustFind(ctx, input.id);
      const demotesAdmin =
        before.role === 'admin' && before.active === 1 && ((input.role && input.role !== 'admin') || input.active === false);
      if (demotesAdmin && store.countActiveAdmins() <= 1) {
        throw new CoreError('users.lastAdmin', 'This is the last active administrator; appoint another one first.');
      }
      store.update(
        input.id,
        {
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          ...(input.role !== undefined ? { role: input.role } : {}),
          ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
        },
        ctx.now,
      );
      const after = mustFind(ctx, input.id);
      ctx.audit({ action: 'users.updateUser', entityType: 'user', entityId: input.id, before: auditView(before), after: auditView(after) });
      ctx.emit('users.userUpdated', { userId: after.id, displayName: after.display_name, role: after.role, active: after.active === 1 });
      return toUser(after);
    },
  }),
  'users.setPassword': handler<'users.setPassword', string>({
    prepare: (_ctx, input) => hashSecret(input.password),
    run(ctx, input, passwordHash) {
      mustFind(ctx, input.id);
      usersStore(ctx.db).update(input.id, { password_hash: passwordHash, failed_attempts: 0, locked_until: null }, ctx.now);
      ctx.audit({ action: 'users.setPassword', entityType: 'user', entityId: input.id });
      return toUser(mustFind(ctx, input.id));
    },
  }),
  'users.setPin': handler<'users.setPin', string | null>({
    prepare: async (_ctx, input) => (input.pin === null ? null : hashSecret(input.pin)),
    run(ctx, input, pinHash) {
      mustFind(ctx, input.id);
      usersStore(ctx.db).update(input.id, { pin_hash: pinHash }, ctx.now);
      ctx.audit({ action: input.pin === null ? 'users.removePin' : 'users.setPin', entityType: 'user', entityId: input.id });
      return toUser(mustFind(ctx, input.id));
    },
  }),
  'users.changeOwnPassword': handler<'users.changeOwnPassword', { ok: boolean; hash: string }>({
    async prepare(ctx, input) {
      const session = ctx.connection.session;
      if (!session) throw new CoreError('auth.notLoggedIn', 'Log in first.');
      const user = usersStore(ctx.db).byId(session.userId);
      const ok = user ? await verifySecret(user.password_hash, input.currentPassword) : false;
      return { ok, hash: ok ? await hashSecret(input.newPassword) : '' };
    },
    run(ctx, _input, checked) {
      const session = ctx.connection.session;
      if (!session) throw new CoreError('auth.notLoggedIn', 'Log in first.');
      if (!checked.ok) throw new CoreError('auth.invalidCredentials', 'The current password is not right.');
      usersStore(ctx.db).update(session.userId, { password_hash: checked.hash }, ctx.now);
      ctx.audit({ action: 'users.changeOwnPassword', entityType: 'user', entityId: session.userId });
      return { changed: true as const };
    },
  }),
};
