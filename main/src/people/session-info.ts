import type { Database } from 'better-sqlite3-multiple-ciphers';
import { rolePermissions } from '../api/contract.js';
import type { Session, Terminal } from '../api/command-context.js';
import { readSettings } from '../settings/settings-store.js';
import type { SessionInfo } from './contract.js';
import { toUser, type UserRow } from './users-store.js';

export function isIdle(session: Session, now: number, autoLockMs: number): boolean {
  return now - session.lastActivityAt >= autoLockMs;
}

export function sessionInfo(db: Database, session: Session, user: UserRow, terminal: Terminal, now: number): SessionInfo {
  const autoLockMs = readSettings(db).autoLockMinutes * 60_000;
  return {
    user: toUser(user),
    permissions: [...rolePermissions[user.role]],
    locked: session.locked || isIdle(session, now, autoLockMs),
    autoLockMs,
    terminal: { deviceId: terminal.deviceId, name: terminal.name },
  };
}
