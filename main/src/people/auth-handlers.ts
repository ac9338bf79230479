// Rule: repeated failed logins lock the account for a while (settings: maxFailedLogins, lockoutMinutes),
// and every attempt, good or bad, is audited, so guessing a colleague's password is slow and visible.
import { CoreError } from '../api/core-error.js';
import { handler, type CommandContext, type Terminal } from '../api/command-context.js';
import { readSettings } from '../settings/settings-store.js';
import { dummyHash, verifySecret } from './passwords.js';
import { isIdle, sessionInfo } from './session-info.js';
import { usersStore, type UserRow } from './users-store.js';
import type { SessionInfo } from './contract.js';

function requireTerminal(ctx: CommandContext): Terminal {
  if (!ctx.terminal) throw new CoreError('setup.notDone', 'This terminal has not been set up yet.');
  return ctx.terminal;
}

type Verified = { user: UserRow | null; ok: boolean };

/** Records a failed attempt and locks the account when the limit is reached. */
function recordFailure(ctx: CommandContext, user: UserRow, action: string): void {
  const settings = readSettings(ctx.db);
  const attempts = user.failed_attempts + 1;
  const lock = attempts >= settings.maxFailedLogins;
  usersStore(ctx.db).update(
    user.id,
    lock
      ? { failed_attempts: 0, locked_until: ctx.now + settings.lockoutMinutes * 60_000 }
      : { failed_attempts: attempts },
    ctx.now,
  );
  ctx.audit({ action, entityType: 'user', entityId: user.id, reason: lock ? 'account locked after failed attempts' : null });
  if (lock) {
    ctx.failAfterCommit({
      code: 'auth.accountLocked',
      message: `Too many failed attempts: ${user.display_name}'s account is locked for ${settings.lockoutMinutes} minutes.`,
      details: { until: ctx.now + settings.lockoutMinutes * 60_000 },
    });
  } else {
    ctx.failAfterCommit({ code: 'auth.invalidCredentials', message: 'The username or secret is not right.' });
  }
}

/** Checks that an existing user may log in at all; returns an error or null. */
function refusal(ctx: CommandContext, user: UserRow): CoreError | null {
  if (user.active !== 1) return new CoreError('auth.userDisabled', `${user.display_name}'s account is disabled.`);
  if (user.locked_until !== null && user.locked_until > ctx.now) {
    const minutes = Math.ceil((user.locked_until - ctx.now) / 60_000);
    return new CoreError('auth.accountLocked', `This account is locked for another ${minutes} minute(s).`, {
      until: user.locked_until,
    });
  }
  return null;
}

function startSession(ctx: CommandContext, user: UserRow, terminal: Terminal, action: string): SessionInfo {
  usersStore(ctx.db).update(user.id, { failed_attempts: 0, locked_until: null }, ctx.now);
  ctx.connection.session = { userId: user.id, startedAt: ctx.now, lastActivityAt: ctx.now, locked: false };
  ctx.actor = { id: user.id, username: user.username, displayName: user.display_name, role: user.role };
  ctx.audit({ action, entityType: 'user', entityId: user.id });
  return sessionInfo(ctx.db, ctx.connection.session, usersStore(ctx.db).byId(user.id) ?? user, terminal, ctx.now);
}

function credentialLogin(kind: 'password' | 'pin') {
  const action = kind === 'password' ? 'auth.login' : 'auth.pinLogin';
  return (ctx: CommandContext, username: string, verified: Verified): SessionInfo => {
    const terminal = requireTerminal(ctx);
    // Re-read inside the transaction: the row may have changed while the hash was being checked.
    const user = verified.user ? usersStore(ctx.db).byId(verified.user.id) : null;
    if (!user) {
      ctx.audit({ action: `${action}Failed`, entityType: 'user', entityId: null, reason: `unknown username ${username}` });
      ctx.failAfterCommit({ code: 'auth.invalidCredentials', message: 'The username or secret is not right.' });
      return undefined as never;
    }
    const refused = refusal(ctx, user);
    if (refused) {
      ctx.audit({ action: `${action}Refused`, entityType: 'user', entityId: user.id, reason: refused.code });
      ctx.failAfterCommit(refused.toApiError());
      return undefined as never;
    }
    if (kind === 'pin' && user.pin_hash === null) {
      throw new CoreError('auth.pinNotSet', `${user.display_name} has no PIN; log in with the password.`);
    }
    if (!verified.ok) {
      recordFailure(ctx, user, `${action}Failed`);
      return undefined as never;
    }
    return startSession(ctx, user, terminal, action);
  };
}

const passwordLogin = credentialLogin('password');
const pinLogin = credentialLogin('pin');

export const authHandlers = {
  'auth.login': handler<'auth.login', Verified>({
    async prepare(ctx, input) {
      const user = usersStore(ctx.db).byUsername(input.username);
      if (!user) {
        await verifySecret(await dummyHash(), input.password);
        return { user: null, ok: false };
      }
      return { user, ok: await verifySecret(user.password_hash, input.password) };
    },
    run: (ctx, input, verified) => passwordLogin(ctx, input.username, verified),
  }),
  'auth.pinLogin': handler<'auth.pinLogin', Verified>({
    async prepare(ctx, input) {
      const user = usersStore(ctx.db).byUsername(input.username);
      if (!user?.pin_hash) {
        await verifySecret(await dummyHash(), input.pin);
        return { user, ok: false };
      }
      return { user, ok: await verifySecret(user.pin_hash, input.pin) };
    },
    run: (ctx, input, verified) => pinLogin(ctx, input.username, verified),
  }),
  'auth.getSession': handler<'auth.getSession'>({
    run(ctx) {
      const session = ctx.connection.session;
      if (!session || !ctx.terminal) return null;
      const user = usersStore(ctx.db).byId(session.userId);
      return user ? sessionInfo(ctx.db, session, user, ctx.terminal, ctx.now) : null;
    },
  }),
  'auth.keepAlive': handler<'auth.keepAlive'>({
    run(ctx) {
      const session = ctx.connection.session;
      if (!session) throw new CoreError('auth.notLoggedIn', 'Nobody is logged in on this terminal.');
      // Activity cannot wake a session that has already locked: that takes the PIN or password.
      if (session.locked || isIdle(session, ctx.now, readSettings(ctx.db).autoLockMinutes * 60_000)) {
        session.locked = true;
        return { locked: true };
      }
      session.lastActivityAt = ctx.now;
      return { locked: false };
    },
  }),
  'auth.lock': handler<'auth.lock'>({
    run(ctx) {
      const session = ctx.connection.session;
      if (!session) throw new CoreError('auth.notLoggedIn', 'Nobody is logged in on this terminal.');
      session.locked = true;
      ctx.audit({ action: 'auth.lock', entityType: 'user', entityId: session.userId });
      return { locked: true as const };
    },
  }),
  'auth.unlock': handler<'auth.unlock', Verified>({
    async prepare(ctx, input) {
      const session = ctx.connection.session;
      if (!session) throw new CoreError('auth.notLoggedIn', 'Nobody is logged in on this terminal.');
      const user = usersStore(ctx.db).byId(session.userId);
      if (!user) return { user: null, ok: false };
      const pinOk = user.pin_hash !== null && /^\d{4,8}$/.test(input.secret) && (await verifySecret(user.pin_hash, input.secret));
      return { user, ok: pinOk || (await verifySecret(user.password_hash, input.secret)) };
    },
    run(ctx, _input, verified) {
      const terminal = requireTerminal(ctx);
      const session = ctx.connection.session;
      const user = verified.user ? usersStore(ctx.db).byId(verified.user.id) : null;
      if (!session || !user) throw new CoreError('auth.notLoggedIn', 'Nobody is logged in on this terminal.');
      const refused = refusal(ctx, user);
      if (refused) {
        ctx.connection.session = null;
        ctx.audit({ action: 'auth.unlockRefused', entityType: 'user', entityId: user.id, reason: refused.code });
        ctx.failAfterCommit(refused.toApiError());
        return undefined as never;
      }
      if (!verified.ok) {
        recordFailure(ctx, user, 'auth.unlockFailed');
        return undefined as never;
      }
      session.locked = false;
      session.lastActivityAt = ctx.now;
      usersStore(ctx.db).update(user.id, { failed_attempts: 0 }, ctx.now);
      ctx.audit({ action: 'auth.unlock', entityType: 'user', entityId: user.id });
      return sessionInfo(ctx.db, session, user, terminal, ctx.now);
    },
  }),
  'auth.logout': handler<'auth.logout'>({
    run(ctx) {
      const session = ctx.connection.session;
      if (session) ctx.audit({ action: 'auth.logout', entityType: 'user', entityId: session.userId });
      ctx.connection.session = null;
      return { loggedOut: true as const };
    },
  }),
};
