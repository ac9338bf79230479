import type { Migration } from '../migrate.js';

/**
 * Dispensing labels (and X reports) go through the same durable print queue as receipts, so a label waits for
 * a printer that is off or out of paper instead of being lost. SQLite cannot widen a CHECK in place: the queue
 * is rebuilt with the same columns, rows and indexes. The queue is local to the terminal (never synced) and no
 * table refers to it, so the rebuild touches nothing else.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'print-labels',
  sql: `
CREATE TABLE print_job_next (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  printer_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'copy', 'zReport', 'xReport', 'label', 'test')),
  sale_id TEXT,
  shift_id TEXT,
  label TEXT NOT NULL,
  document TEXT NOT NULL,
  open_drawer INTEGER NOT NULL DEFAULT 0 CHECK (open_drawer IN (0, 1)),
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'printing', 'printed', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error_message TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  printed_at INTEGER
);
INSERT INTO print_job_next (num, id, printer_id, kind, sale_id, shift_id, label, document, open_drawer, state, attempts,
  error_code, error_message, created_at, updated_at, printed_at)
SELECT num, id, printer_id, kind, sale_id, shift_id, label, document, open_drawer, state, attempts,
  error_code, error_message, created_at, updated_at, printed_at FROM print_job;
DROP TABLE print_job;
ALTER TABLE print_job_next RENAME TO print_job;
CREATE INDEX print_job_waiting ON print_job (printer_id, num) WHERE state <> 'printed';
CREATE INDEX print_job_sale ON print_job (sale_id) WHERE sale_id IS NOT NULL;
CREATE UNIQUE INDEX print_job_one_receipt ON print_job (sale_id) WHERE kind = 'receipt';
-- A dispense's labels are found by the dispense they belong to.
ALTER TABLE print_job ADD COLUMN dispense_id TEXT;
CREATE INDEX print_job_dispense ON print_job (dispense_id) WHERE dispense_id IS NOT NULL;
`,
};
