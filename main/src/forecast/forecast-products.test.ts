import { describe, expect, it } from 'vitest';
import { forecastResultSchema } from './contract.js';
import { forecastProducts } from './forecast-products.js';
import { generateDemandDataSet, toDemandHistory } from './generator.js';
import { ForecastError } from './history.js';

const histories = generateDemandDataSet({ seed: 3, products: 150, days: 400 }).map((p) => toDemandHistory(p));

async function rejection(p: Promise<unknown>): Promise<ForecastError> {
  try {
    await p;
  } catch (e: unknown) {
    if (e instanceof ForecastError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('forecastProducts', () => {
  it('gives the same forecasts in a worker thread as in the calling thread, in input order', async () => {
    const inline = await forecastProducts(histories, { horizon: 14, workers: 0 });
    const threaded = await forecastProducts(histories, { horizon: 14, workers: 2 });
    expect(threaded).toEqual(inline);
    expect(threaded.map((r) => r.productId)).toEqual(histories.map((h) => h.productId));
    for (const r of threaded.slice(0, 20)) expect(forecastResultSchema.safeParse(r).success).toBe(true);
    expect(new Set(inline.map((r) => r.method)).has('global')).toBe(true);
  });

  it('treats a missing day as a day without sales', async () => {
    const [gappy] = await forecastProducts(
      [{ productId: 'A', dates: ['2024-01-01', '2024-01-05'], quantities: [2, 3] }],
      { horizon: 2, workers: 0, methods: ['seasonalNaive'] },
    );
    expect(gappy).toMatchObject({ demandStats: { days: 5, nonZeroDays: 2 }, forecast: [{ date: '2024-01-06' }, { date: '2024-01-07' }] });
  });

  it('rejects a history whose dates go backwards, naming the product, from a worker too', async () => {
    const bad = [...histories.slice(0, 120), { productId: 'BAD', dates: ['2024-01-02', '2024-01-01'], quantities: [1, 1] }];
    for (const workers of [0, 1]) {
      const e = await rejection(forecastProducts(bad, { horizon: 7, workers }));
      expect(e.code).toBe('forecast.badHistory');
      expect(e.details).toMatchObject({ productId: 'BAD', index: 1 });
    }
    const e = await rejection(forecastProducts([{ productId: 'F', dates: ['2024-01-01'], quantities: [1.5] }], { horizon: 7, workers: 0 }));
    expect(e.code).toBe('forecast.badHistory');
  });

  it('rejects invalid options', async () => {
    const e = await rejection(forecastProducts(histories, { horizon: 0 }));
    expect(e.code).toBe('forecast.badOptions');
  });

  it('needs the model file only when the global model is a candidate', async () => {
    const e = await rejection(forecastProducts(histories.slice(0, 2), { horizon: 7, workers: 0, modelPath: '/nonexistent.onnx' }));
    expect(e.code).toBe('forecast.modelUnavailable');
    const ok = await forecastProducts(histories.slice(0, 2), { horizon: 7, workers: 0, modelPath: '/nonexistent.onnx', methods: ['sba', 'ets'] });
    expect(ok).toHaveLength(2);
  });

  it('returns nothing for no products', async () => {
    expect(await forecastProducts([], { horizon: 7 })).toEqual([]);
  });
});
