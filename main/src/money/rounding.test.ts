import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundingModes, type RoundingMode } from './contract.js';
import { roundDivide, roundToIncrement } from './rounding.js';

const table: [number, Record<RoundingMode, number>][] = [
  [2.5, { 'half-up': 3, 'half-even': 2, 'half-down': 2, up: 3, down: 2 }],
  [3.5, { 'half-up': 4, 'half-even': 4, 'half-down': 3, up: 4, down: 3 }],
  [2.4, { 'half-up': 2, 'half-even': 2, 'half-down': 2, up: 3, down: 2 }],
  [2.6, { 'half-up': 3, 'half-even': 3, 'half-down': 3, up: 3, down: 2 }],
  [-2.5, { 'half-up': -3, 'half-even': -2, 'half-down': -2, up: -3, down: -2 }],
  [-2.6, { 'half-up': -3, 'half-even': -3, 'half-down': -3, up: -3, down: -2 }],
  [7, { 'half-up': 7, 'half-even': 7, 'half-down': 7, up: 7, down: 7 }],
];

/** A second, independent reading of the modes: pick the floor or the ceiling by exact distances. */
function reference(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const floor = n >= 0n ? n / d : -((-n + d - 1n) / d);
  const ceil = floor * d === n ? floor : floor + 1n;
  if (floor === ceil) return floor;
  const towardZero = n >= 0n ? floor : ceil;
  const awayFromZero = n >= 0n ? ceil : floor;
  const toFloor = (n - floor * d) * 2n;
  const toCeil = (ceil * d - n) * 2n;
  if (mode === 'down') return towardZero;
  if (mode === 'up') return awayFromZero;
  if (toFloor !== toCeil) return toFloor < toCeil ? floor : ceil;
  if (mode === 'half-up') return awayFromZero;
  if (mode === 'half-down') return towardZero;
  return floor % 2n === 0n ? floor : ceil;
}

describe('roundDivide', () => {
  it.each(table)('rounds %d by each mode as the mode table says', (value, expected) => {
    for (const mode of roundingModes) {
      expect(roundDivide(BigInt(Math.round(value * 10)), 10n, mode), `${value} ${mode}`).toBe(
        BigInt(expected[mode]),
      );
    }
  });

  it('agrees with an independent floor/ceiling reference for any numerator, denominator and mode', () => {
    fc.assert(
      fc.property(
        fc.bigInt(-(10n ** 20n), 10n ** 20n),
        fc.bigInt(1n, 10n ** 12n),
        fc.constantFrom(...roundingModes),
        (n, d, mode) => roundDivide(n, d, mode) === reference(n, d, mode),
      ),
      { seed: 4217, numRuns: 2000 },
    );
  });

  it('is symmetric about zero, so a refund rounds as its sale did', () => {
    fc.assert(
      fc.property(
        fc.bigInt(-(10n ** 15n), 10n ** 15n),
        fc.bigInt(1n, 10n ** 6n),
        fc.constantFrom(...roundingModes),
        (n, d, mode) => roundDivide(-n, d, mode) === -roundDivide(n, d, mode),
      ),
      { seed: 4217, numRuns: 1000 },
    );
  });

  it('accepts a negative denominator and refuses a zero one', () => {
    expect(roundDivide(5n, -2n, 'half-up')).toBe(-3n);
    expect(() => roundDivide(1n, 0n, 'down')).toThrow(RangeError);
  });
});

describe('roundToIncrement', () => {
  it('rounds CHF 12.43 up to 12.45 and 12.42 down to 12.40 with an increment of 5', () => {
    expect(roundToIncrement(1243, 5, 'half-up')).toEqual({ ok: true, value: 1245 });
    expect(roundToIncrement(1242, 5, 'half-up')).toEqual({ ok: true, value: 1240 });
  });

  it('settles a tie by the mode: CLP 1235 to 1230 half-down, SEK 123.50 to 124 half-up', () => {
    expect(roundToIncrement(1235, 10, 'half-down')).toEqual({ ok: true, value: 1230 });
    expect(roundToIncrement(12350, 100, 'half-up')).toEqual({ ok: true, value: 12400 });
  });

  it('refuses a non-integer amount and a zero increment with codes', () => {
    const fraction = roundToIncrement(12.5, 5, 'half-up');
    expect(fraction.ok ? null : fraction.error.code).toBe('money.notInteger');
    const zeroIncrement = roundToIncrement(125, 0, 'half-up');
    expect(zeroIncrement.ok ? null : zeroIncrement.error.code).toBe('money.negativeAmount');
  });
});
