import { z } from 'zod';
import { roles, permissions } from '../api/contract.js';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'a username is 2–32 letters, digits, dots, dashes or underscores');
/** Long enough to resist guessing; composition rules are left to the pharmacy's own policy. */
export const passwordSchema = z.string().min(10, 'a password has at least 10 characters').max(256);
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  active: z.boolean(),
  hasPin: z.boolean(),
  lockedUntil: z.number().nullable(),
  createdAt: z.number(),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  user: userSchema,
  permissions: z.array(z.enum(permissions)),
  locked: z.boolean(),
  autoLockMs: z.number().int(),
  terminal: z.object({ deviceId: z.string(), name: z.string() }),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const authOperations = {
  'auth.login': {
    input: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
    output: sessionSchema,
    permission: null,
    writes: true,
    topics: ['session'],
    summary: 'Log in with username and password.',
  },
  'auth.pinLogin': {
    input: z.object({ username: z.string().min(1).max(64), pin: z.string().min(1).max(16) }),
    output: sessionSchema,
    permission: null,
    writes: true,
    topics: ['session'],
    summary: 'Quick cashier switch with a short PIN.',
  },
  'auth.getSession': {
    input: z.object({}),
    output: sessionSchema.nullable(),
    permission: null,
    writes: false,
    topics: [],
    summary: 'The session of this connection, if any.',
  },
  'auth.keepAlive': {
    input: z.object({}),
    output: z.object({ locked: z.boolean() }),
    permission: null,
    writes: false,
    topics: [],
    summary: 'Tell the core the person at the terminal is still active (typing in a form), so it does not auto-lock.',
  },
  'auth.lock': {
    input: z.object({}),
    output: z.object({ locked: z.literal(true) }),
    permission: null,
    writes: true,
    topics: ['session'],
    summary: 'Lock the terminal now; the same user unlocks, or another user switches in.',
  },
  'auth.unlock': {
    input: z.object({ secret: z.string().min(1).max(256) }),
    output: sessionSchema,
    permission: null,
    writes: true,
    topics: ['session'],
    summary: "Unlock with the session user's PIN or password.",
  },
  'auth.logout': {
    input: z.object({}),
    output: z.object({ loggedOut: z.literal(true) }),
    permission: null,
    writes: true,
    topics: ['session'],
    summary: 'End the session of this connection.',
  },
} as const;

export const usersOperations = {
  'users.listUsers': {
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(userSchema),
    permission: 'users.manage',
    writes: false,
    topics: [],
    summary: 'Staff of this pharmacy.',
  },
  'users.createUser': {
    input: z.object({
      username: usernameSchema,
      displayName: z.string().trim().min(1).max(100),
      role: z.enum(roles),
      password: passwordSchema,
      pin: pinSchema.optional(),
    }),
    output: userSchema,
    permission: 'users.manage',
    writes: true,
    topics: ['users'],
    summary: 'Add a member of staff.',
  },
  'users.updateUser': {
    input: z.object({
      id: z.string().uuid(),
      displayName: z.string().trim().min(1).max(100).optional(),
      role: z.enum(roles).optional(),
      active: z.boolean().optional(),
    }),
    output: userSchema,
    permission: 'users.manage',
    writes: true,
    topics: ['users'],
    summary: "Change a member of staff's name, role or whether they may log in.",
  },
  'users.setPassword': {
    input: z.object({ id: z.string().uuid(), password: passwordSchema }),
    output: userSchema,
    permission: 'users.manage',
    writes: true,
    topics: ['users'],
    summary: "Set a member of staff's password (also clears a lockout).",
  },
  'users.setPin': {
    input: z.object({ id: z.string().uuid(), pin: pinSchema.nullable() }),
    output: userSchema,
    permission: 'users.manage',
    writes: true,
    topics: ['users'],
    summary: "Set or remove a member of staff's quick-switch PIN.",
  },
  'users.changeOwnPassword': {
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }),
    output: z.object({ changed: z.literal(true) }),
    permission: null,
    writes: true,
    topics: ['users'],
    summary: 'Change your own password.',
  },
} as const;
