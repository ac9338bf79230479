import type { Permission, Role, SessionInfo, TerminalSettings, User } from '@mortar/main/contract';
import { rolePermissions } from '@mortar/main/contract';

export const ADMIN_ID = '01900000-0000-7000-8000-000000000001';
export const CASHIER_ID = '01900000-0000-7000-8000-000000000002';

export function user(overrides: Partial<User> = {}): User {
  return {
    id: ADMIN_ID,
    username: 'admin',
    displayName: 'Avery Admin',
    role: 'admin',
    active: true,
    hasPin: true,
    lockedUntil: null,
    createdAt: Date.UTC(2026, 0, 1),
    ...overrides,
  };
}

export function session(role: Role = 'admin', overrides: Partial<SessionInfo> = {}, who: Partial<User> = {}): SessionInfo {
  return {
    user: user({ role, ...who }),
    permissions: [...rolePermissions[role]] as Permission[],
    locked: false,
    autoLockMs: 5 * 60_000,
    terminal: { deviceId: '01900000-0000-7000-8000-0000000000d1', name: 'Counter 1' },
    ...overrides,
  };
}

export const initializedStatus = {
  initialized: true,
  pharmacy: { name: 'Riverside Pharmacy', baseCurrency: 'GBP', locale: 'en', terminalName: 'Counter 1' },
  demoLoaded: true,
};

export const terminalSettings: TerminalSettings = {
  autoLockMinutes: 5,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  updateUrl: null,
  locale: 'en',
};
