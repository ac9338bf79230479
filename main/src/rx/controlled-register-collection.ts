// Rule: a controlled medicine (a product with a schedule, or in the controlled legal category) is handed out
// only against the recorded identity of the person collecting it (as the UK Misuse of Drugs Regulations 2001
// reg. 19 and US state PDMP rules ask), kept beside the dispense in the same transaction.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { perDatabase } from '../store/per-database.js';
import type { Collector } from './contract/controlled-register.js';

export const CONTROLLED_PRODUCT = "(p.schedule IS NOT NULL OR p.legal_category = 'controlled')";

const statements = perDatabase((db: Database) => ({
  scheduled: db.prepare<[string], { id: string; name: string }>(`SELECT p.id, p.name FROM product p WHERE p.id = ? AND ${CONTROLLED_PRODUCT}`),
  insert: db.prepare(
    `INSERT INTO controlled_dispense (dispense_id, collector_name, collector_id_type, collector_id_number, early_refill_reason)
     VALUES (@dispenseId, @name, @idType, @idNumber, @earlyRefillReason)`,
  ),
}));

/**
 * Called by a dispense before any stock moves: refuses a controlled item without a collector, and records
 * the collector (and an early refill's reason) when one is dispensed. A collector given for ordinary
 * medicines only is not kept: there is nothing to account for. Returns what was recorded (null when nothing
 * controlled was dispensed), so that the dispense's sync event carries the same collection as the register.
 */
export function recordControlledCollection(
  ctx: CommandContext,
  dispenseId: string,
  productIds: readonly (string | null)[],
  collector: Collector | undefined,
  earlyRefillReason: string | undefined,
): ControlledCollection | null {
  const s = statements(ctx.db);
  const controlled = productIds.flatMap((id) => (id === null ? [] : (s.scheduled.get(id) ?? [])));
  if (controlled.length === 0) return null;
  if (collector === undefined) {
    throw new CoreError(
      'controlled.collectorRequired',
      `${controlled.map((p) => p.name).join(', ')} is a controlled medicine: record who collects it and their identity document.`,
      { productIds: controlled.map((p) => p.id) },
    );
  }
  const recorded = { collector, earlyRefillReason: earlyRefillReason ?? null };
  s.insert.run({ dispenseId, ...collector, earlyRefillReason: recorded.earlyRefillReason });
  return recorded;
}

export type ControlledCollection = { collector: Collector; earlyRefillReason: string | null };
