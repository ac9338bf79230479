// Small rules every inventory command shares: dates compare as UTC ISO days (an expiry is good through its
// whole day); costs are exact minor units of the base currency; errors from money and GS1 keep their codes.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { ErrorCode } from '../api/contract.js';
import { parseMinor, roundDivide } from '../money/index.js';

export function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The ISO day `days` after `day`. */
export function addDays(day: string, days: number): string {
  return isoDay(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function passThrough(error: { code: string; message: string; details?: unknown }): CoreError {
  return new CoreError(error.code as ErrorCode, error.message, error.details);
}

export function baseCurrency(db: Database): string {
  const row = db.prepare<[], { base_currency: string }>('SELECT base_currency FROM pharmacy LIMIT 1').get();
  return row?.base_currency ?? 'GBP';
}

export function parseCost(text: string, currency: string, where: Record<string, unknown>): number {
  const parsed = parseMinor(text, currency);
  if (!parsed.ok) {
    const details = parsed.error.details;
    throw passThrough({ ...parsed.error, details: { ...(typeof details === 'object' && details !== null ? details : {}), ...where } });
  }
  return parsed.value;
}

/** Value at cost of `units` loose units of a lot whose cost is per pack: rounded half-up, exact. */
export function valueAtCost(units: number, costPerPackMinor: number, packSize: number): number {
  return Number(roundDivide(BigInt(units) * BigInt(costPerPackMinor), BigInt(packSize), 'half-up'));
}

export function actorId(ctx: CommandContext): string | null {
  return ctx.actor?.id ?? null;
}
