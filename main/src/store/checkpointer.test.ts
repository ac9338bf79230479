import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../testing/index.js';
import { INLINE_CHECKPOINT_PAGES, startCheckpointer, type Checkpointer } from './checkpointer.js';
import { generateKey } from './key-file.js';
import { openStore, type Store } from './open-store.js';

let store: Store | undefined;
let checkpointer: Checkpointer | undefined;
let dir: string | undefined;
afterEach(() => {
  vi.useRealTimers();
  checkpointer?.stop();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  store = checkpointer = dir = undefined;
});

function open(): Store {
  dir = tempDir('mortar-checkpoint-');
  store = openStore({ dataDir: dir, key: generateKey(), exclusive: false });
  store.db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return store;
}

/** One commit each, like sales at the counter. */
function commits(s: Store, n: number): void {
  // What is tested is where checkpoints happen, not the flush: skip the fsync per commit to keep this fast.
  s.db.pragma('synchronous = OFF');
  const insert = s.db.prepare('INSERT INTO t (body) VALUES (?)');
  for (let i = 0; i < n; i++) insert.run('x'.repeat(200));
}

/** Frames in the write-ahead log that the database file does not have yet (checkpointing them to find out). */
function framesWaiting(c: Checkpointer): number {
  const copied = c.checkpointIfIdle();
  if (copied === null) throw new Error('no checkpoint ran');
  return copied;
}

describe('the WAL checkpointer', () => {
  it('leaves commits free of checkpoints: 1,500 commits all wait in the log for a quiet moment', () => {
    const s = open();
    checkpointer = startCheckpointer(s.db, { idleMs: 60_000 });
    expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(INLINE_CHECKPOINT_PAGES);
    commits(s, 1_500);
    // SQLite's default (1,000 pages) would have copied the log back inside some of these commits.
    expect(framesWaiting(checkpointer)).toBeGreaterThanOrEqual(1_500);
    expect(s.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1_500 });
  });

  it("is needed: with SQLite's default the same commits copy the log back inline", () => {
    const s = open();
    commits(s, 1_500);
    const [row] = s.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    expect(row?.log).toBeLessThan(1_000);
  });

  it('checkpoints once the counter has been idle, and not while commands keep coming', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let clock = 0;
    const s = open();
    checkpointer = startCheckpointer(s.db, { idleMs: 500, now: () => clock });
    commits(s, 50);
    // Busy: a command every 100 ms, so no tick finds the counter idle.
    for (let i = 0; i < 10; i++) {
      clock += 100;
      checkpointer.touch();
      vi.advanceTimersByTime(100);
    }
    commits(s, 1);
    expect(framesWaiting(checkpointer)).toBeGreaterThanOrEqual(51);
    commits(s, 50);
    // The first tick sees rows written since the last look; the next finds the counter idle and copies the log back,
    // so the next commit starts the log afresh.
    for (let i = 0; i < 2; i++) {
      clock += 600;
      vi.advanceTimersByTime(500);
    }
    commits(s, 1);
    expect(framesWaiting(checkpointer)).toBeLessThan(5);
  });

  it('counts writing that comes from no command as busy, as a catch-up from the snapshot, and checkpoints once it stops', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let clock = 0;
    const s = open();
    checkpointer = startCheckpointer(s.db, { idleMs: 500, now: () => clock });
    // No command for seconds, but a page of rows written between every two ticks.
    for (let i = 0; i < 10; i++) {
      commits(s, 20);
      clock += 500;
      vi.advanceTimersByTime(500);
    }
    commits(s, 1);
    expect(framesWaiting(checkpointer)).toBeGreaterThanOrEqual(201);
    commits(s, 20);
    for (let i = 0; i < 2; i++) {
      clock += 500;
      vi.advanceTimersByTime(500);
    }
    commits(s, 1);
    expect(framesWaiting(checkpointer)).toBeLessThan(5);
  });

  it('never checkpoints inside an open transaction, and stops when told', () => {
    const s = open();
    checkpointer = startCheckpointer(s.db, { idleMs: 60_000 });
    s.db.exec('BEGIN IMMEDIATE');
    s.db.prepare('INSERT INTO t (body) VALUES (?)').run('inside');
    expect(checkpointer.checkpointIfIdle()).toBeNull();
    s.db.exec('COMMIT');
    checkpointer.stop();
    expect(checkpointer.checkpointIfIdle()).toBeNull();
  });
});
