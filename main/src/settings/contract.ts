import { z } from 'zod';

export const terminalSettingsSchema = z.object({
  autoLockMinutes: z.number().int().min(1).max(240),
  maxFailedLogins: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  updateUrl: z.string().url().startsWith('https://', 'updates are fetched over HTTPS only').nullable(),
  locale: z.string().min(2).max(20),
});
export type TerminalSettings = z.infer<typeof terminalSettingsSchema>;

export const settingsOperations = {
  'settings.getSettings': {
    input: z.object({}),
    output: terminalSettingsSchema,
    permission: null,
    writes: false,
    topics: [],
    summary: "This terminal's settings.",
  },
  'settings.updateSettings': {
    input: terminalSettingsSchema.partial(),
    output: terminalSettingsSchema,
    permission: 'settings.manage',
    writes: true,
    topics: ['settings'],
    summary: "Change this terminal's settings.",
  },
} as const;
