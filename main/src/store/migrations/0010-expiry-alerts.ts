import type { Migration } from '../migrate.js';

/**
 * Expiry alerts: the moment a lot in sellable stock crosses an expiry horizon (into 90, 60 or 30 days, or past its
 * expiry) is recorded once, so a manager sees each crossing and acknowledges it. Local to the terminal and never
 * synced: every counter watches its own stock; the lot's facts at the crossing are copied so the alert still
 * reads right after the stock has been sold, moved or destroyed. Also an index for the list of quarantined lots.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'expiry-alerts',
  sql: `
CREATE TABLE expiry_alert (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  product_id TEXT NOT NULL REFERENCES product (id),
  band TEXT NOT NULL CHECK (band IN ('within90', 'within60', 'within30', 'expired')),
  batch TEXT NOT NULL,
  expiry TEXT NOT NULL,
  location TEXT NOT NULL,
  on_hand INTEGER NOT NULL,
  value_minor INTEGER,
  crossed_on TEXT NOT NULL CHECK (crossed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  crossed_at INTEGER NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by TEXT REFERENCES app_user (id),
  -- Each crossing once: the same lot never alerts twice for the same horizon.
  UNIQUE (lot_id, band),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
-- Open alerts are listed soonest expiry first; acknowledged ones, latest acknowledged first.
CREATE INDEX expiry_alert_open ON expiry_alert (acknowledged_at, expiry);

-- The quarantine list reads only quarantined lots: a partial index keeps that a small read in a large store.
CREATE INDEX stock_lot_quarantine ON stock_lot (product_id, expiry) WHERE location = 'quarantine';
`,
};
