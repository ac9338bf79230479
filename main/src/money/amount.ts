// Amounts are safe integers of minor units (DESIGN.md "Exact money"); this is the one gate they pass.
// Arithmetic runs in BigInt and comes back through `toMinor`, which refuses anything past 2^53 − 1.
import { attempt, fail, type MoneyResult } from './result.js';

/** Checks that `value` is a safe integer and returns it as a BigInt for exact arithmetic. */
export function readMinor(value: unknown, field: string): bigint {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail('money.notInteger', `${field} must be an integer number of minor units`, {
      field,
      value: String(value),
    });
  }
  if (!Number.isSafeInteger(value)) {
    fail('money.overflow', `${field} is beyond the safe integer range`, { field, value: String(value) });
  }
  return BigInt(value);
}

export function readNonNegativeMinor(value: unknown, field: string): bigint {
  const amount = readMinor(value, field);
  if (amount < 0n)
    fail('money.negativeAmount', `${field} must not be negative`, { field, value: Number(amount) });
  return amount;
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** Converts an exact result back to a number, refusing one that a number cannot hold exactly. */
export function toMinor(value: bigint, field: string): number {
  if (value > maxSafe || value < -maxSafe) {
    fail('money.overflow', `${field} is beyond the safe integer range`, { field, value: value.toString() });
  }
  return Number(value);
}

export function sumBig(values: readonly bigint[]): bigint {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** Checks an amount the way the engine does: `money.notInteger`, `money.overflow`, or the amount. */
export function checkMinor(value: unknown): MoneyResult<number> {
  return attempt(() => Number(readMinor(value, 'amountMinor')));
}
