// Splitting an amount across lines must add up exactly (DESIGN.md "Exact money"): largest-remainder
// allocation gives each share its floor and hands the leftover units to the largest fractions, earlier
// lines first on a tie, so the result is exact and deterministic.
import { readMinor, toMinor } from './amount.js';
import { attempt, fail, type MoneyResult } from './result.js';

/**
 * Allocates `total` (≥ 0) in proportion to `weights` (≥ 0). Each share is the floor or the ceiling of its
 * exact quota and the shares sum to `total`. With `caps`, no share exceeds its cap; units a capped share
 * cannot take go to the others by the same order (the caps must sum to at least `total`).
 */
export function allocateBig(total: bigint, weights: readonly bigint[], caps?: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('allocate: negative total');
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  const shares = weights.map(() => 0n);
  if (total === 0n) return shares;
  const capOf = (index: number): bigint | undefined => caps?.[index];
  const remainders = weights.map(() => 0n);
  if (weightSum > 0n) {
    weights.forEach((weight, index) => {
      const quota = total * weight;
      const floor = quota / weightSum;
      const cap = capOf(index);
      shares[index] = cap !== undefined && floor > cap ? cap : floor;
      remainders[index] = quota % weightSum;
    });
  }
  let left = total - shares.reduce((sum, share) => sum + share, 0n);
  const order = weights
    .map((_, index) => index)
    .sort((a, b) => {
      const byRemainder = remainders[b]! - remainders[a]!;
      if (byRemainder !== 0n) return byRemainder > 0n ? 1 : -1;
      return a - b;
    });
  // One pass gives each line at most one unit, which is all an uncapped allocation ever needs; further
  // passes only happen when caps pushed units back.
  while (left > 0n) {
    let given = false;
    for (const index of order) {
      if (left === 0n) break;
      const cap = capOf(index);
      if (cap !== undefined && shares[index]! >= cap) continue;
      if (cap === undefined && weightSum > 0n && weights[index] === 0n) continue;
      shares[index]! += 1n;
      left -= 1n;
      given = true;
    }
    if (!given) throw new RangeError('allocate: nothing can take the remaining units');
  }
  return shares;
}

/**
 * Splits `totalMinor` across `weights` by largest remainder: allocate(100, [1, 1, 1]) → [34, 33, 33].
 * All shares are within one minor unit of their exact proportion and they add up to the total exactly.
 */
export function allocateLargestRemainder(
  totalMinor: number,
  weights: readonly number[],
): MoneyResult<number[]> {
  return attempt(() => {
    const total = readMinor(totalMinor, 'totalMinor');
    if (total < 0n)
      fail('money.negativeAmount', 'the total to allocate must not be negative', { totalMinor });
    const bigWeights = weights.map((weight, index) => {
      const value = readMinor(weight, `weights[${index}]`);
      if (value < 0n) fail('money.negativeAmount', 'weights must not be negative', { index, weight });
      return value;
    });
    if (total > 0n && bigWeights.every((weight) => weight === 0n)) {
      fail('money.invalidDiscount', 'nothing to allocate against: every weight is zero', { totalMinor });
    }
    return allocateBig(total, bigWeights).map((share, index) => toMinor(share, `shares[${index}]`));
  });
}
