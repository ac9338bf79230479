// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ProductHit } from '@mortar/main/contract';
import { App } from '../../app/app.js';
import { createFakeBridge } from '../../test/fake-bridge.js';
import { initializedStatus, session, terminalSettings } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';

afterEach(cleanup);

const id = (n: number) => `01900000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;

function hit(n: number, name: string, overrides: Partial<ProductHit> = {}): ProductHit {
  return {
    id: id(n),
    sku: `SKU-${n}`,
    name,
    brand: null,
    strength: '200 mg',
    form: 'tablet',
    packSize: 24,
    legalCategory: 'otc',
    priceMinor: 349,
    currency: 'GBP',
    onHand: 120,
    matchedBy: 'fuzzy',
    ...overrides,
  };
}

const aciclovir = hit(9, 'Aciclovir cream');
const ibuprofen = [hit(1, 'Ibuprofen 200 mg tablets'), hit(2, 'Ibuprofen 400 mg tablets', { priceMinor: 1999 }), hit(3, 'Ibuprofen gel')];

function catalogCore() {
  return createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'auth.getSession': () => session('cashier'),
    'settings.getSettings': () => terminalSettings,
    'catalog.searchProducts': (input: { query: string }) =>
      input.query === 'ibuprofn'
        ? { hits: ibuprofen, corrections: ['ibuprofen'] }
        : { hits: input.query === '' ? [aciclovir] : [], corrections: [] },
    'catalog.getProduct': (input: { id: string }) => {
      const h = [...ibuprofen, aciclovir].find((x) => x.id === input.id) as ProductHit;
      return {
        ...h,
        route: 'oral',
        unit: 'tablet',
        ingredients: [{ name: 'Ibuprofen', strength: '400 mg' }],
        schedule: null,
        taxCategory: 'standard',
        gtins: ['05012345678900'],
        active: true,
        onHand: 70,
        lots: [
          { lotId: 'l1', batch: 'OLD1', expiry: '2020-01-31', location: 'shelf', onHand: 20 },
          { lotId: 'l2', batch: 'NEW2', expiry: '2099-06-30', location: 'dispensary', onHand: 50 },
        ],
      };
    },
  });
}

async function arrive() {
  const bridge = catalogCore();
  const rendered = renderWith(<App bridge={bridge} />, bridge);
  const search = await screen.findByTestId('catalog-search');
  return { bridge, search, ...rendered };
}

describe('the catalog browser', () => {
  it('has the search focused on arrival and lists products before anything is typed', async () => {
    const { search } = await arrive();
    expect(search).toBe(document.activeElement);
    expect((await screen.findAllByTestId('catalog-result'))[0]?.textContent).toContain('Aciclovir cream');
  });

  it('searches as the cashier types, once typing pauses, and says which words it corrected', async () => {
    const user = userEvent.setup();
    const { bridge } = await arrive();
    await user.keyboard('ibuprofn');
    await waitFor(() => expect(screen.getAllByTestId('catalog-result')).toHaveLength(3));
    expect(screen.getByTestId('catalog-corrections').textContent).toBe('Showing results for: ibuprofen');
    const queries = bridge.callsOf('catalog.searchProducts').map((c) => (c as { query: string }).query);
    // Debounced: not one call per keystroke.
    expect(queries.length).toBeLessThan(5);
    expect(queries.at(-1)).toBe('ibuprofn');
    expect(screen.getAllByTestId('catalog-result')[1]?.textContent).toContain('£19.99');
  });

  it('moves the selection with the arrow keys and opens the product with Enter', async () => {
    const user = userEvent.setup();
    await arrive();
    await user.keyboard('ibuprofn');
    await waitFor(() => expect(screen.getAllByTestId('catalog-result')).toHaveLength(3));
    const rows = () => screen.getAllByTestId('catalog-result');
    expect(rows()[0]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(rows().map((r) => r.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);
    expect(screen.getByTestId('catalog-search').getAttribute('aria-activedescendant')).toBe(rows()[1]?.id);

    await user.keyboard('{Enter}');
    const detail = await screen.findByTestId('product-detail');
    await waitFor(() => expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('Ibuprofen 400 mg tablets'));
    expect(detail).toBe(document.activeElement);
    expect(detail.textContent).toContain('05012345678900');
    expect(detail.textContent).toContain('Ibuprofen 400 mg');
    expect(detail.textContent).toContain('Over the counter');
    expect(detail.textContent).toContain('Standard rate');
    expect(detail.textContent).toContain('£19.99');
  });

  it('opens the top result of what was typed when Enter comes before the results do, as a scanner would', async () => {
    const { search } = await arrive();
    await screen.findAllByTestId('catalog-result'); // the list for the empty query is showing
    fireEvent.change(search, { target: { value: 'ibuprofn' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    const detail = await screen.findByTestId('product-detail');
    await waitFor(() => expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('Ibuprofen 200 mg tablets'));
  });

  it('marks expired lots and shows each lot with batch, expiry, location and quantity', async () => {
    const user = userEvent.setup();
    await arrive();
    await user.keyboard('ibuprofn');
    await waitFor(() => expect(screen.getAllByTestId('catalog-result')).toHaveLength(3));
    await user.keyboard('{Enter}');
    await screen.findByTestId('product-detail');
    const lots = await screen.findAllByTestId('product-lot');
    expect(lots[0]?.className).toBe('expired');
    expect(lots[0]?.textContent).toContain('OLD1');
    expect(lots[0]?.textContent).toContain('Jan 31, 2020');
    expect(lots[0]?.textContent).toContain('Expired');
    expect(lots[1]?.className).toBe('');
    expect(lots[1]?.textContent).toContain('Dispensary');
    expect(lots[1]?.textContent).not.toContain('Expired');
  });

  it('goes back to the search with Escape, with the old query selected so typing replaces it', async () => {
    const user = userEvent.setup();
    await arrive();
    await user.keyboard('ibuprofn');
    await waitFor(() => expect(screen.getAllByTestId('catalog-result')).toHaveLength(3));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('product-detail')).toBe(document.activeElement));
    await user.keyboard('{Escape}');
    const search = screen.getByTestId('catalog-search') as HTMLInputElement;
    expect(search).toBe(document.activeElement);
    expect(screen.queryByTestId('product-detail')).toBeNull();
    expect([search.selectionStart, search.selectionEnd]).toEqual([0, 'ibuprofn'.length]);
  });

  it('"/" brings the search back from any section', async () => {
    const user = userEvent.setup();
    const { store } = await arrive();
    await user.keyboard('{F2}');
    expect(await screen.findByTestId('prescriptions')).toBeTruthy();
    await user.keyboard('/');
    expect(store.getState().navigation.section).toBe('inventory');
    await waitFor(() => expect(screen.getByTestId('catalog-search')).toBe(document.activeElement));
    expect((screen.getByTestId('catalog-search') as HTMLInputElement).value).toBe('');
  });

  it('says when nothing matches', async () => {
    const user = userEvent.setup();
    await arrive();
    await user.keyboard('zzzz');
    expect((await screen.findByText(/Nothing in the catalog matches/)).textContent).toContain('zzzz');
  });
});
