// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf, OutputOf, ProductHit } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { initializedStatus, session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { ReceivingTab } from './receiving-tab.js';

afterEach(cleanup);

const SUPPLIER = '01900000-0000-7000-8000-00000000c001';
const ORDER = '01900000-0000-7000-8000-00000000d001';
const PRODUCT = '01900000-0000-7000-8000-00000000a001';
const GTIN = '05010000000011';
const today = () => new Date(2026, 10, 27, 10, 0);

const hit: ProductHit = {
  id: PRODUCT, sku: 'PARA-16', name: 'Paracetamol 500 mg tablets', brand: null, strength: '500 mg', form: 'tablet', packSize: 16,
  legalCategory: 'gsl', priceMinor: 89, currency: 'GBP', onHand: 0, matchedBy: 'gtin',
};

const order: OutputOf<'inventory.getPurchaseOrder'> = {
  id: ORDER, number: 'PO-000001', supplierId: SUPPLIER, supplierName: 'Wholesale One', status: 'sent', origin: 'manual', currency: 'GBP',
  createdAt: 1, createdBy: null, approvedAt: 2, approvedBy: null, sentAt: 3, closedAt: null, cancelledAt: null, cancelReason: null, note: null,
  lines: [{ lineNo: 1, productId: PRODUCT, sku: 'PARA-16', name: hit.name, gtin: GTIN, packSize: 16, packs: 3, suggestedPacks: null, costMinor: 41,
    receivedPacks: 0, damagedPacks: 0, outstandingPacks: 3, discrepancy: null, note: null }],
  totalMinor: 123, deliveries: [], documents: [],
};

function core(receive: (input: InputOf<'inventory.receiveDelivery'>) => unknown = () => fail('inventory.unexpected')) {
  return createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'inventory.listSuppliers': () => [{ id: SUPPLIER, name: 'Wholesale One', leadTimeDays: 1, minOrderPacks: 1, packMultiple: 1, ediQualifier: null, ediId: null, gln: null, active: true }],
    'inventory.listPurchaseOrders': () => [{ ...order, lines: undefined, deliveries: undefined, documents: undefined, lineCount: 1 }],
    'inventory.getPurchaseOrder': () => order,
    'catalog.searchProducts': () => ({ hits: [hit], corrections: [] }),
    'inventory.receiveDelivery': receive as never,
  });
}

async function scan(text: string) {
  const box = screen.getByTestId('receiving-scan');
  await userEvent.click(box);
  await userEvent.type(box, `${text}{Enter}`);
}

describe('receiving a delivery', () => {
  it('counts scanned packs per batch and names the product the GTIN belongs to', async () => {
    renderWith(<ReceivingTab session={session('manager')} now={today} />, core());
    await scan(`01${GTIN}17271231${'10'}AB12`);
    await scan(`(01)${GTIN}(17)271231(10)AB12`);
    await scan(`(01)${GTIN}(17)280630(10)CD34`);
    const rows = screen.getAllByTestId('receiving-line');
    expect(rows.map((r) => r.getAttribute('data-batch'))).toEqual(['AB12', 'CD34']);
    expect(within(rows[0] as HTMLElement).getByTestId<HTMLInputElement>('receiving-count').value).toBe('2');
    expect(await within(rows[0] as HTMLElement).findByText('Paracetamol 500 mg tablets')).toBeTruthy();
  });

  it('refuses a code that is no GS1 pack code and counts nothing', async () => {
    renderWith(<ReceivingTab session={session('manager')} now={today} />, core());
    await scan('5010000000011');
    expect(screen.getByTestId('receiving-message').textContent).toMatch(/not a GS1 pack code/);
    expect(screen.queryAllByTestId('receiving-line')).toHaveLength(0);
  });

  it('refuses to send an expired batch unless it goes into quarantine, then receives it there', async () => {
    const bridge = core((input) => ({
      id: 'd1', supplierId: SUPPLIER, purchaseOrderId: null, reference: input.reference ?? null, currency: 'GBP', receivedAt: 5,
      lines: input.lines.map((l, i) => ({ lineNo: i + 1, productId: PRODUCT, gtin: GTIN, batch: 'X', expiry: '2026-10-31', packs: l.quantity, damagedPacks: 0,
        orderedPacks: null, stockUnits: 16, costMinor: 41, lotId: null, quarantineLotId: 'q', discrepancy: null, note: null })),
    }));
    renderWith(<ReceivingTab session={session('manager')} now={today} />, bridge);
    await scan(`(01)${GTIN}(17)261031(10)OLD1`);
    await userEvent.click(screen.getByTestId('receiving-submit'));
    expect(screen.getByTestId('receiving-message').textContent).toMatch(/Choose the supplier/);
    await userEvent.selectOptions(screen.getByTestId('receiving-supplier'), SUPPLIER);
    await userEvent.type(screen.getByTestId('receiving-cost'), '0.41');
    await userEvent.click(screen.getByTestId('receiving-submit'));
    expect(screen.getByText(/This batch has expired/)).toBeTruthy();
    expect(bridge.callsOf('inventory.receiveDelivery')).toHaveLength(0);
    await userEvent.click(screen.getByTestId('receiving-quarantine'));
    await userEvent.type(screen.getByTestId('receiving-reference'), 'DN-9');
    await userEvent.click(screen.getByTestId('receiving-submit'));
    await screen.findByTestId('receiving-done');
    expect(bridge.callsOf('inventory.receiveDelivery')).toEqual([
      { supplierId: SUPPLIER, reference: 'DN-9', lines: [{ gtin: GTIN, batch: 'OLD1', expiry: '2026-10-31', quantity: 1, damagedQuantity: 0, cost: '0.41', location: 'shelf', intoQuarantine: true }] },
    ]);
    expect(screen.queryAllByTestId('receiving-line')).toHaveLength(0);
  });

  it('receives against a sent order: its cost is proposed, its outstanding packs compared, damaged packs and notes sent', async () => {
    const bridge = core(() => fail('inventory.purchaseOrderState'));
    renderWith(<ReceivingTab session={session('manager')} now={today} />, bridge);
    await waitFor(() => expect(screen.getByTestId('receiving-order').querySelectorAll('option')).toHaveLength(2));
    await userEvent.selectOptions(screen.getByTestId('receiving-order'), ORDER);
    await screen.findByTestId('receiving-order-lines');
    await scan(`01${GTIN}17271231${'10'}AB12`);
    await scan(`01${GTIN}17271231${'10'}AB12`);
    expect(screen.getByTestId<HTMLInputElement>('receiving-cost').value).toBe('0.41');
    expect(within(screen.getByTestId('receiving-order-line')).getByText('short')).toBeTruthy();
    await userEvent.clear(screen.getByTestId('receiving-damaged'));
    await userEvent.type(screen.getByTestId('receiving-damaged'), '1');
    expect(within(screen.getByTestId('receiving-order-line')).getByText('complete')).toBeTruthy();
    await userEvent.type(screen.getByTestId('receiving-note'), 'one carton wet');
    await userEvent.click(screen.getByTestId('receiving-submit'));
    await waitFor(() => expect(screen.getByTestId('receiving-message').textContent).not.toMatch(/^$/));
    expect(bridge.callsOf('inventory.receiveDelivery')).toEqual([
      {
        supplierId: SUPPLIER,
        purchaseOrderId: ORDER,
        lines: [{ scan: `01${GTIN}17271231${'10'}AB12`, quantity: 2, damagedQuantity: 1, orderedQuantity: 3, cost: '0.41', location: 'shelf', intoQuarantine: false, note: 'one carton wet' }],
      },
    ]);
    // The core's refusal is shown and the counted lines stay for another try.
    expect(screen.getAllByTestId('receiving-line')).toHaveLength(1);
  });

  it('is absent for a role that may not receive', () => {
    renderWith(<ReceivingTab session={session('cashier')} now={today} />, core());
    expect(screen.getByTestId('receiving-read-only')).toBeTruthy();
    expect(screen.queryByTestId('receiving-scan')).toBeNull();
  });
});
