import { z } from 'zod';

/** A checkout quick key: one product sold loose or without a barcode, with the short label its button shows. */
export const quickKeySchema = z.object({ productId: z.string().uuid(), label: z.string().trim().min(1).max(24) });
export type QuickKey = z.infer<typeof quickKeySchema>;
export const MAX_QUICK_KEYS = 8;

export const terminalSettingsSchema = z.object({
  autoLockMinutes: z.number().int().min(1).max(240),
  maxFailedLogins: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  updateUrl: z.string().url().startsWith('https://', 'updates are fetched over HTTPS only').nullable(),
  locale: z.string().min(2).max(20),
  /** Alt+F1..Alt+F8 at the checkout; optional so settings stored before quick keys existed still read. */
  quickKeys: z.array(quickKeySchema).max(MAX_QUICK_KEYS).optional(),
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
    input: terminalSettingsSchema.omit({ quickKeys: true }).partial(),
    output: terminalSettingsSchema,
    permission: 'settings.manage',
    writes: true,
    topics: ['settings'],
    summary: "Change this terminal's settings.",
  },
  // Managers arrange the till's quick keys, so this takes the catalogue right rather than settings.manage.
  'settings.setQuickKeys': {
    input: z.object({ quickKeys: z.array(quickKeySchema).max(MAX_QUICK_KEYS) }),
    output: terminalSettingsSchema,
    permission: 'catalog.manage',
    writes: true,
    topics: ['settings'],
    summary: "Replace this terminal's checkout quick keys (at most eight, each a catalogue product).",
  },
} as const;
