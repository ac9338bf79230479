// Rule: a commit at the counter pays only for its own flush. SQLite's automatic WAL checkpoint runs inside
// whichever commit crosses its threshold, copying about a thousand pages into the database file and flushing
// it, so that one sale takes many times as long as the others. The store checkpoints instead when the
// counter has been idle for a moment (there are seconds between customers), and lets SQLite do it inline
// only past a high-water mark, so the write-ahead log cannot grow without bound under a long rush. Writing that
// comes from no command (a new counter's catch-up, a sync page applied) counts as busy too: checkpointing under
// it every tick copies the same index pages back again and again.
import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Pages in the log after which a commit checkpoints inline after all (about 80 MiB of 4 KiB pages). */
export const INLINE_CHECKPOINT_PAGES = 20_000;

export type CheckpointerOptions = {
  /** Quiet time after the last command before the log is copied back (default 750 ms). */
  idleMs?: number;
  /** Monotonic milliseconds; injectable for tests. */
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
};

export type Checkpointer = {
  /** A command started or finished: the counter is busy, so the checkpoint waits. */
  touch(): void;
  /** Runs a passive checkpoint now unless a transaction is open; returns the frames copied, or null. */
  checkpointIfIdle(): number | null;
  stop(): void;
};

type CheckpointRow = { busy: number; log: number; checkpointed: number };

export function startCheckpointer(db: Database, options: CheckpointerOptions = {}): Checkpointer {
  const idleMs = options.idleMs ?? 750;
  const now = options.now ?? (() => performance.now());
  let lastActivity = now();
  let stopped = false;
  db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
  const changesQuery = db.prepare<[], number>('SELECT total_changes()').pluck();
  let lastChanges = changesQuery.get() ?? 0;
  /** Rows written on this connection since the last look, by a command or not. */
  const wroteSinceLastLook = (): boolean => {
    const changes = changesQuery.get() ?? 0;
    const wrote = changes !== lastChanges;
    lastChanges = changes;
    return wrote;
  };

  const checkpointIfIdle = (): number | null => {
    if (stopped || !db.open || db.inTransaction) return null;
    try {
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
      return row ? row.checkpointed : null;
    } catch (e: unknown) {
      // A failed checkpoint loses nothing (the log still holds every commit); SQLite's own inline
      // checkpoint takes over again at its usual threshold.
      options.log?.('a background WAL checkpoint failed; falling back to inline checkpoints', e);
      stopped = true;
      clearInterval(timer);
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
      return null;
    }
  };

  const timer = setInterval(() => {
    if (stopped || !db.open) return;
    if (wroteSinceLastLook()) lastActivity = now();
    else if (now() - lastActivity >= idleMs) checkpointIfIdle();
  }, idleMs);
  timer.unref();

  return {
    touch() {
      lastActivity = now();
    },
    checkpointIfIdle,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
