// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OutputOf, ProductHit } from '@mortar/main/contract';
import { createFakeBridge } from '../../test/fake-bridge.js';
import { initializedStatus } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { productOpened } from '../catalog/catalog-slice.js';
import { CatalogTab } from './catalog-tab.js';

afterEach(cleanup);

const PRODUCT = '01900000-0000-7000-8000-00000000a001';
const hit: ProductHit = { id: PRODUCT, sku: 'PARA-16', name: 'Paracetamol 500 mg tablets', brand: null, strength: '500 mg', form: 'tablet', packSize: 16, legalCategory: 'gsl', priceMinor: 89, currency: 'GBP', onHand: 0, matchedBy: 'text' };
const card: OutputOf<'inventory.stockCard'> = {
  product: { id: PRODUCT, sku: 'PARA-16', name: hit.name, packSize: 16 }, lotId: null, batch: null, currency: 'GBP', onHand: 0, sellable: 0, lots: [], movements: [], nextBeforeSeq: null,
};

describe('catalog tab', () => {
  it('offers the stock card of the product open in the catalog, and goes back to the catalog when it closes', async () => {
    const bridge = createFakeBridge({
      'setup.getStatus': () => initializedStatus,
      'catalog.searchProducts': () => ({ hits: [hit], corrections: [] }),
      'catalog.getProduct': () => new Promise(() => undefined),
      'inventory.stockCard': () => card,
    });
    const { store } = renderWith(<CatalogTab />, bridge);
    expect(screen.queryByTestId('catalog-open-stock-card')).toBeNull();
    store.dispatch(productOpened(PRODUCT));
    await userEvent.click(await screen.findByTestId('catalog-open-stock-card'));
    expect(await screen.findByText('Nothing of this is in stock.')).toBeTruthy();
    expect(bridge.callsOf('inventory.stockCard')).toEqual([{ productId: PRODUCT, limit: 50 }]);
    await userEvent.click(screen.getByTestId('stock-card-close'));
    expect(screen.getByTestId('catalog-search')).toBeTruthy();
  });
});
