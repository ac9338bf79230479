// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ProductForecast } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { cleanup, renderWith } from '../../test/render.js';
import { niceStep, scaleY } from './forecast-chart.js';
import { ForecastTab } from './forecast-tab.js';

afterEach(cleanup);

const PARA = '01900000-0000-7000-8000-0000000000f1';

function forecast(): ProductForecast {
  const history = Array.from({ length: 14 }, (_, i) => ({ date: `2026-11-${String(13 + i).padStart(2, '0')}`, quantity: i % 7 === 0 ? 9 : 2 }));
  const days = ['2026-11-27', '2026-11-28', '2026-11-29'];
  return {
    productId: PARA,
    name: 'Paracetamol 500 mg',
    unit: 'tablet',
    today: '2026-11-27',
    history,
    forecast: days.map((date) => ({ date, mean: 3, lower: 1, upper: 6 })),
    baseline: days.map((date, i) => ({ date, quantity: i === 0 ? 9 : 2 })),
    intervalLevel: 0.8,
    method: 'ets',
    classification: 'smooth',
    methodError: { mase: 0.71, wape: 0.32 },
    baselineError: { mase: 1.02, wape: 0.45 },
    backtest: [
      { method: 'ets', mase: 0.71, wape: 0.32 },
      { method: 'seasonalNaive', mase: 1.02, wape: 0.45 },
    ],
    projection: days.map((date, i) => ({ date, onHand: 40 - 3 * (i + 1) })),
    onHand: 40,
    onOrder: 0,
    leadTimeDays: 2,
    supplierName: 'Wholesale One',
    serviceLevel: 0.95,
    reviewPeriodDays: 7,
    reorderPoint: 12,
    orderUpToLevel: 38,
  };
}

const hit = { id: PARA, sku: 'PARA-16', name: 'Paracetamol 500 mg', brand: null, strength: '500 mg', form: 'tablet', packSize: 16, legalCategory: 'gsl', priceMinor: 89, currency: 'GBP', onHand: 40, matchedBy: 'text' };

describe('Forecast tab', () => {
  it('rounds axis steps to 1, 2 or 5 times a power of ten and clamps values into the panel', () => {
    expect([niceStep(9), niceStep(38), niceStep(0), niceStep(700)]).toEqual([5, 10, 1, 200]);
    const y = scaleY(10, 0, 100);
    expect([y(0), y(5), y(10), y(20), y(-1)]).toEqual([100, 50, 0, 0, 100]);
  });

  it('finds a product and shows its forecast as an SVG chart with the method, errors beside the baseline, stock and reorder levels', async () => {
    const b = createFakeBridge({ 'catalog.searchProducts': () => ({ hits: [hit], corrections: [] }), 'inventory.productForecast': () => forecast() });
    renderWith(<ForecastTab />, b);
    await userEvent.type(screen.getByLabelText('Product'), 'parac');
    await userEvent.click(await screen.findByTestId('forecast-product-hit-PARA-16'));
    const chart = await screen.findByRole('img', { name: /Demand and stock of Paracetamol 500 mg/ });
    expect(within(chart).getAllByTestId('forecast-history-bar')).toHaveLength(14);
    expect(within(chart).getByTestId('forecast-mean').getAttribute('points')?.split(' ')).toHaveLength(3);
    expect(within(chart).getByTestId('forecast-interval').getAttribute('points')?.split(' ')).toHaveLength(6);
    expect(within(chart).getByTestId('forecast-reorder-point')).toBeTruthy();
    expect(screen.getByTestId('forecast-method').textContent).toBe('Exponential smoothing, weekly (smooth demand)');
    expect(screen.getByTestId('forecast-method-error').textContent).toBe('MASE 0.71 · WAPE 32.0 %');
    expect(screen.getByTestId('forecast-baseline-error').textContent).toBe('MASE 1.02 · WAPE 45.0 %');
    expect(screen.getByTestId('forecast-rop').textContent).toBe('12');
    expect(screen.getByTestId('forecast-out').textContent).toBe('38');
    expect(b.callsOf('inventory.productForecast')).toEqual([{ productId: PARA }]);
  });

  it('gives the same figures as a table', async () => {
    const b = createFakeBridge({ 'catalog.searchProducts': () => ({ hits: [hit], corrections: [] }), 'inventory.productForecast': () => forecast() });
    renderWith(<ForecastTab />, b);
    await userEvent.type(screen.getByLabelText('Product'), 'parac{Enter}');
    await userEvent.click(await screen.findByTestId('forecast-as-table'));
    const table = screen.getByRole('table', { name: 'Demand and forecast of Paracetamol 500 mg by day' });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 14 + 3);
    expect(within(table).getByTestId('forecast-row-2026-11-28').textContent).toBe('2026-11-2831 – 6234');
    expect(screen.queryByTestId('forecast-chart')).toBeNull();
  });

  it('shows why a forecast failed', async () => {
    const b = createFakeBridge({ 'catalog.searchProducts': () => ({ hits: [hit], corrections: [] }), 'inventory.productForecast': () => fail('inventory.forecastFailed') });
    renderWith(<ForecastTab />, b, 'de');
    await userEvent.type(screen.getByLabelText('Artikel'), 'parac{Enter}');
    expect((await screen.findByTestId('forecast-error')).textContent).not.toBe('');
  });
});
