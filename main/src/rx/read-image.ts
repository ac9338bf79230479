// rx.readImage: an uploaded image (bytes as base64) or a file in this terminal's scanner folder goes through
// the intake pipeline in its worker thread, outside the command's transaction, and comes back as fields with
// boxes and confidence; products are matched against this terminal's own catalog, or left null.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { CoreError } from '../api/core-error.js';
import type { ErrorCode } from '../api/contract.js';
import type { ParsedInputOf } from '../contract.js';
import type { PrescriptionReadingOut } from './contract.js';
import { createPrescriptionReader, MAX_FILE_BYTES, readPrescription, type PrescriptionReader, type PrescriptionReading } from './intake/index.js';
import { intakeFolderOf } from './intake-folder.js';
import { matchProduct } from './match-product.js';

/** Where this terminal's sheet scanner drops its files: the configured folder, else `<data dir>/scans`. */
export function scanFolderOf(db: Database): string {
  return intakeFolderOf(db);
}

function insideScanFolder(db: Database, scanPath: string): string {
  const folder = scanFolderOf(db);
  const candidate = resolve(folder, scanPath);
  let real = candidate;
  let realFolder = folder;
  try {
    real = realpathSync(candidate);
    realFolder = realpathSync(folder);
  } catch {
    // A missing file is answered by the intake with intake.notFound, once it is known to be inside the folder.
  }
  if (!real.startsWith(realFolder + sep)) {
    throw new CoreError('rx.outsideScanFolder', 'Only files in the scanner folder can be read.', { folder });
  }
  return real;
}

/** Replaces the intake's product ids (from its built-in vocabulary) with this terminal's, or null. */
export function withTerminalProducts(reading: PrescriptionReading, match: (m: { ingredient: string | null; strength: string | null; form: string | null }) => string | null): PrescriptionReading {
  return {
    ...reading,
    items: reading.items.map((item) => ({
      ...item,
      medication: { ...item.medication, productId: match(item.medication) },
      candidates: item.candidates.map((c) => ({ ...c, productId: match({ ingredient: c.ingredient, strength: item.medication.strength, form: item.medication.form }) })),
    })),
  };
}

/** Pages read within this long of each other share one warm OCR engine. */
const READER_IDLE_MS = 5 * 60_000;
const readers = new WeakMap<Database, { reader: PrescriptionReader; timer: NodeJS.Timeout | null }>();

/**
 * Starting the OCR engine (worker, language data) costs several seconds; a pharmacist reads page after page, so
 * each terminal keeps one warm reader and lets it go after a few idle minutes. An idle reader keeps no process
 * alive (its worker is unreferenced between pages).
 */
function warmReader(db: Database): PrescriptionReader {
  let kept = readers.get(db);
  if (!kept) {
    kept = { reader: createPrescriptionReader(), timer: null };
    readers.set(db, kept);
  }
  if (kept.timer) clearTimeout(kept.timer);
  const current = kept;
  current.timer = setTimeout(() => {
    if (readers.get(db) === current) readers.delete(db);
    void current.reader.close();
  }, READER_IDLE_MS);
  current.timer.unref();
  return current.reader;
}

export async function readImage(
  db: Database,
  input: ParsedInputOf<'rx.readImage'>,
  onProgress?: (stage: string, fraction: number) => void,
): Promise<PrescriptionReadingOut> {
  let path: string;
  let tempDir: string | null = null;
  if ('base64' in input) {
    const bytes = Buffer.from(input.base64, 'base64');
    if (bytes.length > MAX_FILE_BYTES) throw new CoreError('intake.tooLarge', `The image is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, { bytes: bytes.length });
    tempDir = mkdtempSync(join(tmpdir(), 'mortar-rx-'));
    path = join(tempDir, 'upload');
    writeFileSync(path, bytes, { mode: 0o600 });
  } else {
    path = insideScanFolder(db, input.scanPath);
  }
  try {
    const result = await readPrescription(path, {
      reader: warmReader(db),
      ...(onProgress ? { onProgress: (p: { stage: string; progress: number }) => onProgress(p.stage, p.progress) } : {}),
    });
    if (!result.ok) throw new CoreError(result.error.code as ErrorCode, result.error.message, result.error.details);
    const { timings: _timings, ...reading } = result.value;
    const matched = withTerminalProducts(reading, (m) => matchProduct(db, m));
    return matched as unknown as PrescriptionReadingOut;
  } finally {
    if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
  }
}
