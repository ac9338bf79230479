// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf, OutputOf, ProductHit } from '@mortar/main/contract';
import { createFakeBridge } from '../../test/fake-bridge.js';
import { initializedStatus } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { StockCardView } from './stock-card-view.js';
import { StockTab } from './stock-tab.js';

afterEach(cleanup);

const PRODUCT = '01900000-0000-7000-8000-00000000a001';
type Card = OutputOf<'inventory.stockCard'>;
type Movement = Card['movements'][number];

function movement(seq: number, over: Partial<Movement>): Movement {
  return {
    seq, id: `m${seq}`, at: Date.UTC(2026, 10, 20 + seq), kind: 'receipt', quantity: 10, balance: 10, lotId: 'l1', batch: 'AB12', expiry: '2027-12-31',
    location: 'shelf', actorId: 'u1', actorName: 'Pat Pharmacist', reason: null, documentType: 'delivery', documentId: 'd1', documentLabel: 'DN-7', ...over,
  };
}

function card(input: InputOf<'inventory.stockCard'>): Card {
  const all = [
    movement(3, { kind: 'sale', quantity: -16, balance: 144, documentType: 'sale', documentLabel: 'R-1-7', actorName: 'Casey Cashier' }),
    movement(2, { kind: 'quarantine', quantity: 48, balance: 160, batch: 'OLD', location: 'quarantine', reason: 'recall class II', documentType: 'recall', documentLabel: 'MHRA-1' }),
    movement(1, { quantity: 160, balance: 160 }),
  ].filter((m) => (input.batch ? m.batch === input.batch : true) && (input.beforeSeq ? m.seq < input.beforeSeq : true));
  const page = all.slice(0, 2);
  return {
    product: { id: PRODUCT, sku: 'PARA-16', name: 'Paracetamol 500 mg tablets', packSize: 16 },
    lotId: null, batch: input.batch ?? null, currency: 'GBP', onHand: 192, sellable: 144,
    lots: [
      { lotId: 'l2', batch: 'OLD', expiry: '2026-10-31', location: 'quarantine', sellable: false, onHand: 48, costMinor: 41 },
      { lotId: 'l1', batch: 'AB12', expiry: '2027-12-31', location: 'shelf', sellable: true, onHand: 144, costMinor: 41 },
    ].filter((l) => (input.batch ? l.batch === input.batch : true)),
    movements: page,
    nextBeforeSeq: all.length > 2 ? (page.at(-1)?.seq ?? null) : null,
  };
}

const hit: ProductHit = { id: PRODUCT, sku: 'PARA-16', name: 'Paracetamol 500 mg tablets', brand: null, strength: '500 mg', form: 'tablet', packSize: 16, legalCategory: 'gsl', priceMinor: 89, currency: 'GBP', onHand: 192, matchedBy: 'text' };

function core() {
  return createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'inventory.stockCard': ((input: InputOf<'inventory.stockCard'>) => card(input)) as never,
    'catalog.searchProducts': () => ({ hits: [hit], corrections: [] }),
  });
}

describe('stock card', () => {
  it('shows on-hand by batch, expiry and location, and movements with who, why, document and balance', async () => {
    renderWith(<StockCardView productId={PRODUCT} now={() => new Date(2026, 10, 27)} />, core());
    expect(await screen.findByText('Stock card: Paracetamol 500 mg tablets')).toBeTruthy();
    const lots = screen.getAllByTestId('stock-card-lot');
    expect(within(lots[0] as HTMLElement).getByText('Expired')).toBeTruthy();
    expect(within(lots[0] as HTMLElement).getByText('not sellable')).toBeTruthy();
    const rows = screen.getAllByTestId('stock-card-movement');
    expect(rows[0]?.textContent).toContain('Sale');
    expect(rows[0]?.textContent).toContain('-16');
    expect(rows[0]?.textContent).toContain('144');
    expect(rows[0]?.textContent).toContain('Casey Cashier');
    expect(rows[0]?.textContent).toContain('Receipt R-1-7');
    expect(rows[1]?.textContent).toContain('recall class II');
    expect(rows[1]?.textContent).toContain('Recall MHRA-1');
  });

  it('pages to older movements and back, and narrows to one batch', async () => {
    const bridge = core();
    renderWith(<StockCardView productId={PRODUCT} />, bridge);
    await screen.findAllByTestId('stock-card-movement');
    await userEvent.click(screen.getByTestId('stock-card-older'));
    expect(await screen.findByText('+160')).toBeTruthy();
    expect(screen.getAllByTestId('stock-card-movement')).toHaveLength(1);
    expect(screen.getByTestId<HTMLButtonElement>('stock-card-older').disabled).toBe(true);
    await userEvent.click(screen.getByTestId('stock-card-newer'));
    expect(await screen.findByText('-16')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Stock card of batch OLD' }));
    expect(await screen.findByText(/batch OLD/)).toBeTruthy();
    expect(bridge.callsOf('inventory.stockCard').at(-1)).toEqual({ productId: PRODUCT, limit: 50, batch: 'OLD' });
  });

  it('opens from the stock list with the keyboard', async () => {
    renderWith(<StockTab />, core());
    const box = screen.getByTestId('stock-search');
    await userEvent.type(box, 'para');
    await screen.findByTestId('stock-result');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByTestId('stock-card')).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('stock-card')).toBeNull();
  });
});

describe('stock list', () => {
  it('opens the top hit of what was typed when Enter comes before the answer', async () => {
    const other: ProductHit = { ...hit, id: '01900000-0000-7000-8000-00000000a002', name: 'Aspirin 300 mg' };
    const bridge = createFakeBridge({
      'setup.getStatus': () => initializedStatus,
      'inventory.stockCard': ((input: InputOf<'inventory.stockCard'>) => card(input)) as never,
      'catalog.searchProducts': ((input: { query: string }) => ({ hits: input.query === '' ? [other] : [hit], corrections: [] })) as never,
    });
    renderWith(<StockTab />, bridge);
    await screen.findByTestId('stock-result');
    await userEvent.type(screen.getByTestId('stock-search'), 'para{Enter}');
    expect(await screen.findByText('Stock card: Paracetamol 500 mg tablets')).toBeTruthy();
    expect(bridge.callsOf('inventory.stockCard')[0]).toMatchObject({ productId: PRODUCT });
  });
});
