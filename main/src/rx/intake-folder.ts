// Rule: the sheet scanner's pages are read only from the one folder this terminal names for them (settings key
// `rxIntakeFolder`, else `<data dir>/scans`), by a plain file name, never a path that leads outside it; a page
// read is moved to `taken/` inside the folder, so the list shows only pages still waiting.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { OutputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import { readImage } from './read-image.js';

export const INTAKE_FOLDER_KEY = 'rxIntakeFolder';
const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.tif': 'image/tiff', '.tiff': 'image/tiff', '.bmp': 'image/bmp', '.webp': 'image/webp' };

const statements = perDatabase((db: Database) => ({
  get: db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?'),
  set: db.prepare(
    `INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ),
  clear: db.prepare('DELETE FROM setting WHERE key = ?'),
}));

export function defaultIntakeFolder(db: Database): string {
  return join(dirname(db.name), 'scans');
}

export function configuredIntakeFolder(db: Database): string | null {
  const row = statements(db).get.get(INTAKE_FOLDER_KEY);
  if (!row) return null;
  const value = JSON.parse(row.value) as unknown;
  return typeof value === 'string' ? value : null;
}

/** The folder the scanner writes to: the configured one, else `<data dir>/scans`. */
export function intakeFolderOf(db: Database): string {
  return configuredIntakeFolder(db) ?? defaultIntakeFolder(db);
}

export function listIntakeFolder(db: Database): OutputOf<'rx.listIntakeFolder'> {
  const folder = intakeFolderOf(db);
  const configured = configuredIntakeFolder(db) !== null;
  if (!existsSync(folder)) return { folder, configured, exists: false, files: [] };
  const files = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && IMAGE_TYPES[extname(e.name).toLowerCase()] !== undefined)
    .map((e) => {
      const st = statSync(join(folder, e.name));
      return { name: e.name, bytes: st.size, modifiedAt: Math.round(st.mtimeMs) };
    })
    .sort((a, b) => a.modifiedAt - b.modifiedAt || a.name.localeCompare(b.name));
  return { folder, configured, exists: true, files };
}

export function setIntakeFolder(ctx: CommandContext, folder: string | null): OutputOf<'rx.listIntakeFolder'> {
  if (folder === null) {
    statements(ctx.db).clear.run(INTAKE_FOLDER_KEY);
  } else {
    let isDir = false;
    try {
      isDir = statSync(folder).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isAbsolute(folder) || !isDir) {
      throw new CoreError('rx.intakeFolderInvalid', 'The scanner folder must be an existing folder given by its full path.', { folder });
    }
    statements(ctx.db).set.run(INTAKE_FOLDER_KEY, JSON.stringify(resolve(folder)), ctx.now);
  }
  ctx.audit({ action: 'rx.intakeFolderSet', entityType: 'setting', entityId: INTAKE_FOLDER_KEY, after: { folder } });
  return listIntakeFolder(ctx.db);
}

/** A plain file name inside the folder, resolved through links; anything else is refused. */
export function fileInFolder(folder: string, name: string): string {
  const plain = name !== '' && !name.includes('/') && !name.includes('\\') && name !== '.' && name !== '..';
  let real = '';
  let realFolder = folder;
  try {
    realFolder = realpathSync(folder);
    real = realpathSync(join(folder, name));
  } catch {
    real = '';
  }
  if (!plain || (real !== '' && !real.startsWith(realFolder + sep))) {
    throw new CoreError('rx.outsideScanFolder', 'Only files in the scanner folder can be read.', { folder, name });
  }
  if (real === '') throw new CoreError('intake.notFound', 'The image file was not found.', { name });
  return real;
}

/** Reads a waiting page, then moves it to `taken/`; a page that cannot be read stays where it is. */
export async function takeIntakeFile(db: Database, name: string): Promise<OutputOf<'rx.takeIntakeFile'>> {
  const folder = intakeFolderOf(db);
  const path = fileInFolder(folder, name);
  const reading = await readImage(db, { scanPath: path });
  const image = readFileSync(path).toString('base64');
  const taken = join(folder, 'taken');
  mkdirSync(taken, { recursive: true });
  renameSync(path, join(taken, `${Date.now()}-${name}`));
  return { name, mediaType: IMAGE_TYPES[extname(name).toLowerCase()] ?? 'image/png', image, reading };
}
