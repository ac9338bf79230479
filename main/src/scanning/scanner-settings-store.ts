// Rule: a terminal's scanners are data of that terminal (its own database is the one source of truth), kept as
// one list in the terminal's settings table, so that they never sync to another counter.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { perDatabase } from '../store/per-database.js';
import { scannerSettingSchema, type ScannerSetting } from './contract.js';

export const SCANNERS_SETTING_KEY = 'scanning.scanners';

const storedListSchema = z.array(z.unknown());

const statements = perDatabase((db: Database) => ({
  read: db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?'),
  write: db.prepare<[string, string, number]>(
    `INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ),
}));

/** The configured scanners, in the order they were added. An entry that no longer parses is left out. */
export function readScannerSettings(db: Database): ScannerSetting[] {
  const row = statements(db).read.get(SCANNERS_SETTING_KEY);
  if (!row) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(row.value);
  } catch {
    return [];
  }
  const list = storedListSchema.safeParse(raw);
  if (!list.success) return [];
  return list.data.flatMap((item) => {
    const parsed = scannerSettingSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export function writeScannerSettings(db: Database, scanners: readonly ScannerSetting[], now: number): void {
  statements(db).write.run(SCANNERS_SETTING_KEY, JSON.stringify(scanners), now);
}
