import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReorderPolicy } from './contract.js';
import {
  cumulativeErrorSamples,
  demandQuantile,
  expectedDemand,
  orderUpToLevel,
  reorderPoint,
  roundOrderQuantity,
  suggestReorder,
  type DemandOutlook,
} from './reorder.js';

const flat = (perDay: number, days = 28): number[] => new Array<number>(days).fill(perDay);

describe('reorder arithmetic', () => {
  it('sums the forecast over the days, repeating its last week past the horizon', () => {
    const week = [1, 2, 3, 4, 5, 6, 7];
    expect(expectedDemand(week, 3)).toBe(6);
    expect(expectedDemand(week, 10)).toBe(28 + 1 + 2 + 3);
    expect(expectedDemand(week, 0)).toBe(0);
  });

  it('takes every window of the lead time in every backtest path as an error sample', () => {
    expect(cumulativeErrorSamples([[1, 2, 3, 4]], 2)).toEqual([3, 5, 7]);
    expect(cumulativeErrorSamples([[1, 2], [0, 0]], 2)).toEqual([3, 0]);
    // Past the path length: the bias (2 a day, 16 over 8 days) grows with the days and the spread (±2 over
    // 2 days) with their square root (×2 over 8 days).
    expect(cumulativeErrorSamples([[1, 1], [3, 3]], 8)).toEqual([16 - 4, 16 + 4]);
  });

  it('sets the reorder point at the service-level quantile of lead-time demand', () => {
    // Forecast 1 a day; errors of +1 a day on one path and −1 on the other: over 7 days, 22 windows
    // of +7 and 22 of −7. At 95% that is 7 + 7; at 50% the median of the 44 samples is 0.
    const outlook: DemandOutlook = { dailyMean: flat(1), errorPaths: [flat(1), flat(-1)] };
    expect(reorderPoint(outlook, 7, 0.95)).toBe(14);
    expect(reorderPoint(outlook, 7, 0.5)).toBe(7);
    expect(orderUpToLevel(outlook, 7, 7, 0.95)).toBe(28);
  });

  it('assumes Poisson demand when there is no backtest', () => {
    // 14 expected over 7 days: P(X ≤ 19) = 0.9235, P(X ≤ 20) = 0.9521
    expect(demandQuantile({ dailyMean: flat(2), errorPaths: [] }, 7, 0.95)).toEqual({ mean: 14, quantile: 20 });
  });

  it('rounds an order up to whole packs and to the minimum order', () => {
    expect(roundOrderQuantity(13, 6, 20)).toBe(24);
    expect(roundOrderQuantity(13, 6, 0)).toBe(18);
    expect(roundOrderQuantity(12, 6, 0)).toBe(12);
    expect(roundOrderQuantity(0, 6, 20)).toBe(0);
  });

  it('suggests an order up to the level when stock is at or below the reorder point', () => {
    const outlook: DemandOutlook = { dailyMean: flat(1), errorPaths: [flat(1), flat(-1)] };
    const policy: ReorderPolicy = { leadTimeDays: 7, reviewPeriodDays: 7, serviceLevel: 0.95, packMultiple: 10, minimumOrderQuantity: 0 };
    const r = suggestReorder(outlook, policy, { onHand: 10, onOrder: 4 });
    expect(r).toEqual({
      ok: true,
      value: {
        inventoryPosition: 14,
        leadTimeDemand: 7,
        protectionDemand: 14,
        safetyStock: 14,
        reorderPoint: 14,
        orderUpToLevel: 28,
        shouldOrder: true,
        quantity: 20,
        packs: 2,
      },
    });
    expect(suggestReorder(outlook, policy, { onHand: 11, onOrder: 4 })).toMatchObject({ ok: true, value: { shouldOrder: false, quantity: 0 } });
  });

  it('refuses invalid inputs as data', () => {
    const outlook: DemandOutlook = { dailyMean: flat(1), errorPaths: [] };
    const r = suggestReorder(outlook, { leadTimeDays: -1, reviewPeriodDays: 0, serviceLevel: 1, packMultiple: 0, minimumOrderQuantity: 0 }, { onHand: 0, onOrder: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'forecast.badReorderInput' } });
    expect(suggestReorder({ dailyMean: [Number.NaN], errorPaths: [] }, { leadTimeDays: 1, reviewPeriodDays: 0, serviceLevel: 0.9, packMultiple: 1, minimumOrderQuantity: 0 }, { onHand: 0, onOrder: 0 }).ok).toBe(false);
  });
});

const outlookArb: fc.Arbitrary<DemandOutlook> = fc
  .record({
    h: fc.integer({ min: 1, max: 35 }),
    paths: fc.integer({ min: 0, max: 6 }),
    level: fc.double({ min: 0, max: 40, noNaN: true }),
    seed: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 240, maxLength: 240 }),
  })
  .map(({ h, paths, level, seed }) => ({
    dailyMean: Array.from({ length: h }, (_, k) => level * (1 + 0.5 * (seed[k] as number))),
    errorPaths: Array.from({ length: paths }, (_, i) => Array.from({ length: h }, (_, k) => level * 2 * (seed[(i * h + k + 35) % 240] as number))),
  }));

const policyArb = fc.record({
  leadTimeDays: fc.integer({ min: 0, max: 60 }),
  reviewPeriodDays: fc.integer({ min: 0, max: 30 }),
  serviceLevel: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
  packMultiple: fc.integer({ min: 1, max: 100 }),
  minimumOrderQuantity: fc.integer({ min: 0, max: 500 }),
});
const stockArb = fc.record({ onHand: fc.integer({ min: -50, max: 2000 }), onOrder: fc.integer({ min: 0, max: 1000 }) });

describe('reorder properties', () => {
  it('orders nothing, or whole packs of at least the minimum that reach the order-up-to level, and no more than needed', () => {
    fc.assert(
      fc.property(outlookArb, policyArb, stockArb, (outlook, policy, stock) => {
        const r = suggestReorder(outlook, policy, stock);
        if (!r.ok) return false;
        const s = r.value;
        if (s.quantity === 0) return !s.shouldOrder;
        const need = s.orderUpToLevel - s.inventoryPosition;
        return (
          s.shouldOrder &&
          s.quantity % policy.packMultiple === 0 &&
          s.packs * policy.packMultiple === s.quantity &&
          s.quantity >= policy.minimumOrderQuantity &&
          s.inventoryPosition + s.quantity >= s.orderUpToLevel &&
          s.quantity - policy.packMultiple < Math.max(need, policy.minimumOrderQuantity)
        );
      }),
      { numRuns: 500 },
    );
  });

  it('orders only at or below the reorder point, which never exceeds the order-up-to level', () => {
    fc.assert(
      fc.property(outlookArb, policyArb, stockArb, (outlook, policy, stock) => {
        const r = suggestReorder(outlook, policy, stock);
        if (!r.ok) return false;
        const s = r.value;
        return s.reorderPoint <= s.orderUpToLevel && (!s.shouldOrder || s.inventoryPosition <= s.reorderPoint);
      }),
      { numRuns: 500 },
    );
  });

  it('never lowers the reorder point or the order-up-to level for a higher service level', () => {
    fc.assert(
      fc.property(
        outlookArb,
        policyArb,
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (outlook, policy, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          return (
            reorderPoint(outlook, policy.leadTimeDays, low) <= reorderPoint(outlook, policy.leadTimeDays, high) &&
            orderUpToLevel(outlook, policy.leadTimeDays, policy.reviewPeriodDays, low) <= orderUpToLevel(outlook, policy.leadTimeDays, policy.reviewPeriodDays, high)
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
