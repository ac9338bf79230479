import { describe, expect, it } from 'vitest';
import { weekdayOf } from './calendar.js';
import { classifyDemand, demandStatsOf } from './classify.js';
import { generateDemandDataSet, toDemandHistory } from './generator.js';

describe('demand data-set generator', () => {
  const products = generateDemandDataSet({ seed: 42, products: 400 });

  it('gives the same data for the same seed and other data for another seed', () => {
    expect(generateDemandDataSet({ seed: 42, products: 400 })).toEqual(products);
    expect(generateDemandDataSet({ seed: 43, products: 400 })[0]?.quantities).not.toEqual(products[0]?.quantities);
  });

  it('makes two years of whole, non-negative daily quantities', () => {
    for (const p of products) {
      expect(p.quantities).toHaveLength(730);
      expect(p.quantities.every((q) => Number.isInteger(q) && q >= 0)).toBe(true);
    }
  });

  it('makes products of all four classes that measure as the class they were made as', () => {
    const counts = new Map<string, number>();
    let agree = 0;
    for (const p of products) {
      counts.set(p.designClass, (counts.get(p.designClass) ?? 0) + 1);
      if (classifyDemand(demandStatsOf(p.quantities)) === p.designClass) agree++;
    }
    expect([...counts.keys()].sort()).toEqual(['erratic', 'intermittent', 'lumpy', 'smooth']);
    expect((counts.get('intermittent') ?? 0) + (counts.get('lumpy') ?? 0)).toBeGreaterThan(products.length / 2);
    expect(agree / products.length).toBeGreaterThan(0.95);
  });

  it('sells nothing during a stock-out gap, and includes a few gaps and trends', () => {
    const withGaps = products.filter((p) => p.stockOuts.length > 0);
    expect(withGaps.length).toBeGreaterThan(10);
    for (const p of withGaps) for (const [from, length] of p.stockOuts) expect(p.quantities.slice(from, from + length).every((q) => q === 0)).toBe(true);
    expect(products.filter((p) => p.trend !== 0).length).toBeGreaterThan(20);
  });

  it('has a weekly pattern: Sundays sell less than Mondays across smooth products', () => {
    let monday = 0;
    let sunday = 0;
    for (const p of products.filter((x) => x.designClass === 'smooth')) {
      p.quantities.forEach((q, t) => {
        const w = weekdayOf(p.startDay + t);
        if (w === 0) monday += q;
        if (w === 6) sunday += q;
      });
    }
    expect(sunday / monday).toBeLessThan(0.7);
  });

  it('spells out dates for the forecast API', () => {
    const h = toDemandHistory(products[0]!, 3);
    expect(h).toEqual({ productId: 'P00001', dates: ['2023-01-02', '2023-01-03', '2023-01-04'], quantities: products[0]!.quantities.slice(0, 3) });
  });
});
