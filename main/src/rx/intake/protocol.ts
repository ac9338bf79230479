// Messages between the intake reader (caller's thread) and the intake worker thread.
import type { IntakeError } from './errors.js';
import type { CatalogEntry } from './match-drug.js';
import type { PrescriptionReading } from './read-page.js';

export type IntakeStage = 'checking' | 'cleaning' | 'recognising' | 'extracting' | 'done';

export type IntakeProgress = { stage: IntakeStage; progress: number };

export type IntakeTimings = { cleanUpMs: number; ocrMs: number; extractMs: number; totalMs: number };

export type IntakeResult = { ok: true; value: PrescriptionReading & { timings: IntakeTimings } } | { ok: false; error: IntakeError };

export type WorkerInit = { catalog: CatalogEntry[] | null; cachePath: string | null };

export type WorkerRequest = { type: 'read'; id: number; path: string } | { type: 'close' };

export type WorkerReply =
  | { type: 'progress'; id: number; progress: IntakeProgress }
  | { type: 'result'; id: number; result: IntakeResult }
  | { type: 'closed' };
