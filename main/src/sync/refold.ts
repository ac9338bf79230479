// Rule: a pulled event is never lost (DESIGN.md "Sync"). An event of the terminal's own branch that this build
// had no applier for was kept as 'noop' (another till's patients and prescriptions, before the tills shared
// them); once an update brings an applier for its type, the kept events of that type are folded, in server
// order, exactly once, as deferred ones are.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Topic } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import { classify, type ApplyEnv, type Appliers } from './apply.js';
import type { EventEnvelope } from './contract.js';
import { syncStore } from './sync-store.js';

const statements = perDatabase((db: Database) => ({
  folded: db.prepare<[], { type: string }>('SELECT type FROM sync_folded_type'),
  kept: db.prepare<[string, number], { envelope: string }>(
    `SELECT envelope FROM sync_inbox WHERE state = 'noop' AND type IN (SELECT value FROM json_each(?)) ORDER BY server_seq LIMIT ?`,
  ),
  markFolded: db.prepare<[string, number]>('INSERT INTO sync_folded_type (type, folded_at) VALUES (?, ?) ON CONFLICT (type) DO NOTHING'),
}));

/** Kept events folded per transaction: years of a branch's history never hold the store for long. */
export const FOLD_CHUNK = 100;

/**
 * Folds the kept events of types this build learned to apply, a chunk per transaction, and then lists the
 * types as folded (a round cut short folds the rest next time). Returns the topics touched.
 */
export type FoldOptions = { chunk?: number; /** Told each chunk's size and how long its transaction took. */ onChunk?: (events: number, ms: number) => void };

export function foldLearnedTypes(env: ApplyEnv, appliers: Appliers, options: FoldOptions = {}): Set<Topic> {
  const chunk = options.chunk ?? FOLD_CHUNK;
  const s = statements(env.db);
  const topics = new Set<Topic>();
  const folded = new Set(s.folded.all().map((r) => r.type));
  const learned = JSON.stringify(Object.keys(appliers).filter((t) => !folded.has(t)));
  if (learned === '[]') return topics;
  const foldChunk = env.db.transaction((): number => {
    const rows = s.kept.all(learned, chunk);
    for (const row of rows) {
      const event = JSON.parse(row.envelope) as EventEnvelope;
      const outcome = classify(env, appliers, event);
      syncStore(env.db).inboxSetState(event.id, outcome.state, env.clock.now());
      for (const t of outcome.topics) topics.add(t);
    }
    return rows.length;
  });
  // Each folded event leaves 'noop' (a type with an applier is never classified so), so the chunks end.
  for (;;) {
    const started = performance.now();
    const n = foldChunk.immediate();
    options.onChunk?.(n, performance.now() - started);
    if (n < chunk) break;
  }
  env.db.transaction(() => {
    for (const t of JSON.parse(learned) as string[]) s.markFolded.run(t, env.clock.now());
  }).immediate();
  return topics;
}
