import type { Migration } from '../migrate.js';

/**
 * Two look-ups that read whole tables, found by folding a branch's prescriptions (bench/rx-branch-fold.ts):
 * - the newest hybrid-clock stamp in the outbox, which seeds every clock that writes events (the dispatcher's
 *   at start, and one per pulled event that writes: a recall, a price, another till's prescription), sorted
 *   the whole outbox, which only grows;
 * - re-indexing a patient's name deleted its words by patient id, which the table's key (word first) does not
 *   serve, so every patient saved scanned every name word.
 */
export const migration0022: Migration = {
  version: 22,
  name: 'outbox-hlc',
  sql: `
CREATE INDEX outbox_event_hlc ON outbox_event (hlc);
CREATE INDEX patient_name_word_patient ON patient_name_word (patient_id);
`,
};
