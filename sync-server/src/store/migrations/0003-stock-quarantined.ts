// The counters' `stock.levelChanged` (main/src/sync/contract/events.ts) reports quarantined units beside the
// sellable ones: head office's stock view keeps both.
import type { Migration } from '../migrate.js';

export const migration0003: Migration = {
  id: 3,
  name: 'stock-quarantined',
  sql: `
ALTER TABLE projection_stock ADD COLUMN quarantined bigint NOT NULL DEFAULT 0;
`,
};
