import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateBig, allocateLargestRemainder } from './allocate.js';

describe('allocateLargestRemainder', () => {
  it('splits 100 three ways as 34, 33, 33: the leftover unit goes to the earliest tie', () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual({ ok: true, value: [34, 33, 33] });
  });

  it('gives leftover units to the largest fractions first', () => {
    // exact quotas 1.5, 3.75 and 4.75 → floors 1, 3, 4 and two units left for the .75s
    expect(allocateLargestRemainder(10, [6, 15, 19])).toEqual({ ok: true, value: [1, 4, 5] });
  });

  it('gives nothing to a zero weight and refuses an allocation nothing can take', () => {
    expect(allocateLargestRemainder(7, [0, 3, 0])).toEqual({ ok: true, value: [0, 7, 0] });
    const nothing = allocateLargestRemainder(5, [0, 0]);
    expect(nothing.ok ? null : nothing.error.code).toBe('money.invalidDiscount');
  });

  it('always adds up exactly, each share the floor or ceiling of its exact quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
          fc.pre(weightSum > 0);
          const result = allocateLargestRemainder(total, weights);
          if (!result.ok) return false;
          const shares = result.value;
          if (shares.reduce((sum, share) => sum + share, 0) !== total) return false;
          return shares.every((share, index) => {
            const quota = BigInt(total) * BigInt(weights[index]!);
            const floor = quota / BigInt(weightSum);
            const exact = floor * BigInt(weightSum) === quota;
            return BigInt(share) === floor || (!exact && BigInt(share) === floor + 1n);
          });
        },
      ),
      { seed: 4217, numRuns: 1000 },
    );
  });

  it('keeps every share within its cap and still adds up when the caps allow it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt(0n, 10_000n), fc.bigInt(0n, 10_000n)), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pairs, fraction) => {
          const weights = pairs.map(([weight]) => weight);
          const caps = pairs.map(([, cap]) => cap);
          const capSum = caps.reduce((sum, cap) => sum + cap, 0n);
          const total = BigInt(Math.floor(Number(capSum) * fraction));
          const shares = allocateBig(total, weights, caps);
          return (
            shares.reduce((sum, share) => sum + share, 0n) === total &&
            shares.every((share, index) => share >= 0n && share <= caps[index]!)
          );
        },
      ),
      { seed: 4217, numRuns: 1000 },
    );
  });
});
