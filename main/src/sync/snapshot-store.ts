// The SQL of a new counter's snapshot progress: one row, the position the snapshot is taken at and the
// last sequence applied from it, written in the transactions that apply its events.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';

export type SnapshotRow = { at_seq: number; after_seq: number; events: number; started_at: number; completed_at: number | null };

export const snapshotStore = perDatabase((db: Database) => {
  const s = {
    row: db.prepare<[], SnapshotRow>('SELECT at_seq, after_seq, events, started_at, completed_at FROM sync_snapshot WHERE id = 1'),
    begin: db.prepare('INSERT INTO sync_snapshot (id, at_seq, after_seq, events, started_at) VALUES (1, ?, 0, 0, ?)'),
    progress: db.prepare('UPDATE sync_snapshot SET after_seq = max(after_seq, ?), events = events + ? WHERE id = 1'),
    complete: db.prepare('UPDATE sync_snapshot SET after_seq = at_seq, completed_at = ? WHERE id = 1'),
    forget: db.prepare('DELETE FROM sync_snapshot WHERE id = 1 AND completed_at IS NULL'),
  };
  return {
    row: (): SnapshotRow | null => s.row.get() ?? null,
    begin: (at: number, now: number) => void s.begin.run(at, now),
    progress: (afterSeq: number, events: number) => void s.progress.run(afterSeq, events),
    complete: (now: number) => void s.complete.run(now),
    forget: () => void s.forget.run(),
  };
});
