import type { Migration } from '../migrate.js';

/**
 * Printing at the counter: the terminal's printers (how to reach each, its paper, code table, drawer, and which one
 * prints receipts) and a durable print queue. Jobs are local to the terminal and never synced; a job keeps the
 * receipt model it prints (not bytes), so it survives a restart and prints on whatever the printer is set to now.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'printing',
  sql: `
CREATE TABLE printer (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  name TEXT NOT NULL,
  -- The link as JSON: {"kind":"tcp","host","port"} | {"kind":"serial","path","baudRate"} | {"kind":"usb","path"}.
  connection TEXT NOT NULL,
  paper_width_mm INTEGER NOT NULL CHECK (paper_width_mm IN (58, 80)),
  codepage TEXT NOT NULL,
  cutter INTEGER NOT NULL DEFAULT 1 CHECK (cutter IN (0, 1)),
  has_drawer INTEGER NOT NULL DEFAULT 0 CHECK (has_drawer IN (0, 1)),
  is_receipt INTEGER NOT NULL DEFAULT 0 CHECK (is_receipt IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- One receipt printer per terminal.
CREATE UNIQUE INDEX printer_one_receipt ON printer (device_id) WHERE is_receipt = 1;

CREATE TABLE print_job (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  -- NULL while no printer can take it (its printer was removed and no receipt printer is left).
  printer_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'copy', 'zReport', 'test')),
  sale_id TEXT,
  shift_id TEXT,
  label TEXT NOT NULL,
  -- The receipt model (or report document) as JSON, rendered for the printer when it is sent.
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
CREATE INDEX print_job_waiting ON print_job (printer_id, num) WHERE state <> 'printed';
CREATE INDEX print_job_sale ON print_job (sale_id) WHERE sale_id IS NOT NULL;
-- A sale's original receipt is queued once; copies are separate jobs.
CREATE UNIQUE INDEX print_job_one_receipt ON print_job (sale_id) WHERE kind = 'receipt';
`,
};
