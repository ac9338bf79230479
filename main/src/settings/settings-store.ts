import type { Database } from 'better-sqlite3-multiple-ciphers';
import { terminalSettingsSchema, type TerminalSettings } from './contract.js';

export const defaultSettings: TerminalSettings = {
  autoLockMinutes: 5,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  updateUrl: null,
  locale: 'en',
  quickKeys: [],
};

export function readSettings(db: Database): TerminalSettings {
  const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM setting').all();
  const stored: Record<string, unknown> = {};
  for (const r of rows) stored[r.key] = JSON.parse(r.value) as unknown;
  const merged = terminalSettingsSchema.safeParse({ ...defaultSettings, ...stored });
  return merged.success ? merged.data : defaultSettings;
}

export function writeSettings(db: Database, patch: Partial<TerminalSettings>, now: number): void {
  const upsert = db.prepare(
    `INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) upsert.run(k, JSON.stringify(v), now);
  }
}
