// Rounding is data (DESIGN.md "Exact money"): one integer division with a named mode, so that a
// jurisdiction's rule is a word in its rule set and never a float followed by Math.round.
import { roundingModes, type RoundingMode } from './contract.js';
import { readMinor, toMinor } from './amount.js';
import { attempt, fail, type MoneyResult } from './result.js';

/**
 * numerator / denominator rounded to an integer by `mode`, exactly. The modes are symmetric about zero
 * (see roundingModes), so rounding −x gives −(rounding x).
 */
export function roundDivide(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('roundDivide: division by zero');
  if (denominator < 0n) return roundDivide(-numerator, -denominator, mode);
  const quotient = numerator / denominator; // truncates towards zero
  const remainder = numerator % denominator; // carries the numerator's sign
  if (remainder === 0n) return quotient;
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return away;
    case 'half-up':
      return twice >= denominator ? away : quotient;
    case 'half-down':
      return twice > denominator ? away : quotient;
    case 'half-even':
      if (twice !== denominator) return twice > denominator ? away : quotient;
      return quotient % 2n === 0n ? quotient : away;
    default: {
      const unknownMode: never = mode;
      throw new RangeError(`roundDivide: unknown mode ${String(unknownMode)}`);
    }
  }
}

/** Rounds an amount to a multiple of `increment` (both in minor units): CHF 12.43 → 12.45 with 5 and half-up. */
export function roundToIncrementBig(amount: bigint, increment: bigint, mode: RoundingMode): bigint {
  if (increment <= 0n) throw new RangeError('roundToIncrement: the increment must be positive');
  return roundDivide(amount, increment, mode) * increment;
}

/** roundToIncrement(1243, 5, 'half-up') → 1245: an amount rounded to a multiple of an increment. */
export function roundToIncrement(
  amountMinor: number,
  incrementMinor: number,
  mode: RoundingMode,
): MoneyResult<number> {
  return attempt(() => {
    const amount = readMinor(amountMinor, 'amountMinor');
    const increment = readMinor(incrementMinor, 'incrementMinor');
    if (increment <= 0n) fail('money.negativeAmount', 'the increment must be positive', { incrementMinor });
    if (!(roundingModes as readonly unknown[]).includes(mode)) {
      fail('money.invalidRuleSet', 'unknown rounding mode', { mode: String(mode) });
    }
    return toMinor(roundToIncrementBig(amount, increment, mode), 'rounded');
  });
}
