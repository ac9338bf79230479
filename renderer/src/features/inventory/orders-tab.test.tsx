// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf, OutputOf, ProductHit } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { initializedStatus, session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { OrdersTab } from './orders-tab.js';

const SUPPLIER = '01900000-0000-7000-8000-00000000c001';
const ORDER = '01900000-0000-7000-8000-00000000d001';
const PRODUCT = '01900000-0000-7000-8000-00000000a001';
type Order = OutputOf<'inventory.getPurchaseOrder'>;

const hit: ProductHit = { id: PRODUCT, sku: 'PARA-16', name: 'Paracetamol 500 mg tablets', brand: null, strength: '500 mg', form: 'tablet', packSize: 16, legalCategory: 'gsl', priceMinor: 89, currency: 'GBP', onHand: 3, matchedBy: 'text' };

function orderOf(status: Order['status'], over: Partial<Order> = {}): Order {
  return {
    id: ORDER, number: 'PO-000001', supplierId: SUPPLIER, supplierName: 'Wholesale One', status, origin: 'manual', currency: 'GBP',
    createdAt: Date.UTC(2026, 10, 27), createdBy: null, approvedAt: null, approvedBy: null, sentAt: null, closedAt: null, cancelledAt: null, cancelReason: null, note: null,
    lines: [{ lineNo: 1, productId: PRODUCT, sku: 'PARA-16', name: hit.name, gtin: '05010000000011', packSize: 16, packs: 6, suggestedPacks: null, costMinor: 41,
      receivedPacks: 0, damagedPacks: 0, outstandingPacks: 6, discrepancy: null, note: null }],
    totalMinor: 246, deliveries: [], documents: [], ...over,
  };
}

let created: string[] = [];
beforeEach(() => {
  created = [];
  URL.createObjectURL = vi.fn(() => 'blob:order');
  URL.revokeObjectURL = vi.fn();
  HTMLAnchorElement.prototype.click = vi.fn(function (this: HTMLAnchorElement) {
    created.push(this.download);
  });
});
afterEach(cleanup);

function core(state: { order: Order }) {
  const summary = () => [{ ...state.order, lines: undefined, deliveries: undefined, documents: undefined, lineCount: state.order.lines.length }];
  return createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'inventory.listSuppliers': () => [{ id: SUPPLIER, name: 'Wholesale One', leadTimeDays: 1, minOrderPacks: 2, packMultiple: 2, ediQualifier: 'ZZ', ediId: 'W1', gln: null, active: true }],
    'inventory.listPurchaseOrders': summary,
    'inventory.getPurchaseOrder': () => state.order,
    'catalog.searchProducts': () => ({ hits: [hit], corrections: [] }),
    'inventory.createPurchaseOrder': ((input: InputOf<'inventory.createPurchaseOrder'>) => {
      if ((input.lines[0]?.packs ?? 0) % 2 !== 0) return fail('inventory.notPackMultiple');
      state.order = orderOf('draft', { lines: [{ ...orderOf('draft').lines[0]!, packs: input.lines[0]?.packs ?? 0 }] });
      return state.order;
    }) as never,
    'inventory.updatePurchaseOrder': ((input: InputOf<'inventory.updatePurchaseOrder'>) => {
      state.order = { ...state.order, note: input.note ?? null, lines: state.order.lines.map((l) => ({ ...l, packs: input.lines?.[0]?.packs ?? l.packs })) };
      return state.order;
    }) as never,
    'inventory.approvePurchaseOrder': () => (state.order = orderOf('approved')),
    'inventory.sendPurchaseOrder': () => (state.order = orderOf('sent')),
    'inventory.cancelPurchaseOrder': () => (state.order = orderOf('cancelled')),
    'inventory.exportPurchaseOrder': ((input: InputOf<'inventory.exportPurchaseOrder'>) =>
      input.format === 'pdf'
        ? { filename: 'PO-000001.pdf', mediaType: 'application/pdf', encoding: 'base64', content: btoa('%PDF-1.4'), bytes: 8 }
        : { filename: `PO-000001.${input.format === '850' ? 'edi' : 'csv'}`, mediaType: 'text/plain', encoding: 'utf8', content: 'ISA*00~', bytes: 7 }) as never,
    'inventory.importAcknowledgement': () => ({
      documentId: 'e1', purchaseOrderId: ORDER, poNumber: 'PO-000001', transactionSet: '855', documentNumber: 'ACK-1', matches: false,
      discrepancies: [{ kind: 'quantityShort', orderLineNo: 1, documentLineNo: '1', expected: 6, actual: 4, against: 'order', message: 'Line 1: 4 accepted of 6 ordered.' }],
      lines: [], totals: {},
    }),
  });
}

describe('purchase orders', () => {
  it('drafts an order from the supplier and a picked product, showing the refusal of a pack count off the multiple first', async () => {
    const state = { order: orderOf('draft') };
    const bridge = core(state);
    renderWith(<OrdersTab session={session('manager')} />, bridge);
    await userEvent.click(await screen.findByTestId('order-new'));
    await userEvent.click(screen.getByTestId('order-save'));
    expect(screen.getByTestId('order-editor-error').textContent).toBe('Choose the supplier.');
    await waitFor(() => expect(screen.getByTestId('order-supplier').querySelectorAll('option')).toHaveLength(2));
    await userEvent.selectOptions(screen.getByTestId('order-supplier'), SUPPLIER);
    await userEvent.type(screen.getByTestId('order-add-product'), 'para');
    await screen.findByTestId('order-add-product-hit');
    await userEvent.keyboard('{Enter}');
    expect(screen.getAllByTestId('order-edit-line')).toHaveLength(1);
    await userEvent.click(screen.getByTestId('order-save'));
    await waitFor(() => expect(screen.getByTestId('order-editor-error').textContent).not.toBe('Choose the supplier.'));
    await userEvent.clear(screen.getByTestId('order-edit-packs'));
    await userEvent.type(screen.getByTestId('order-edit-packs'), '6');
    await userEvent.click(screen.getByTestId('order-save'));
    expect(await screen.findByTestId('order-detail')).toBeTruthy();
    expect(bridge.callsOf('inventory.createPurchaseOrder').at(-1)).toEqual({ supplierId: SUPPLIER, lines: [{ productId: PRODUCT, packs: 6 }] });
  });

  it('takes an order from draft through approval and sending, and exports its 850, CSV and PDF as downloads', async () => {
    const state = { order: orderOf('draft') };
    renderWith(<OrdersTab session={session('manager')} />, core(state));
    await userEvent.click(await screen.findByTestId('orders-open'));
    expect(screen.queryByTestId('order-export-850')).toBeNull();
    await userEvent.click(await screen.findByTestId('order-approve'));
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Approved'));
    await userEvent.click(screen.getByTestId('order-export-850'));
    await waitFor(() => expect(created).toEqual(['PO-000001.edi']));
    expect(screen.getByTestId('order-message').textContent).toBe('Exported PO-000001.edi (7 bytes).');
    await userEvent.click(screen.getByTestId('order-export-pdf'));
    await userEvent.click(screen.getByTestId('order-export-csv'));
    await waitFor(() => expect(created).toEqual(['PO-000001.edi', 'PO-000001.pdf', 'PO-000001.csv']));
    await userEvent.click(screen.getByTestId('order-send'));
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Sent'));
  });

  it('imports an 855 and lists how it differs from the order', async () => {
    const state = { order: orderOf('sent') };
    const bridge = core(state);
    renderWith(<OrdersTab session={session('manager')} />, bridge);
    await userEvent.click(await screen.findByTestId('orders-open'));
    const file = new File(['ISA*00*~ST*855*0001~'], 'ack.edi', { type: 'text/plain' });
    await userEvent.upload(await screen.findByTestId('order-import-855'), file);
    const report = await screen.findByTestId('match-report');
    expect(within(report).getByTestId('match-verdict').textContent).toBe('1 discrepancy:');
    expect(within(report).getByTestId('match-discrepancy').textContent).toContain('Fewer than ordered');
    expect(bridge.callsOf('inventory.importAcknowledgement')).toEqual([{ text: 'ISA*00*~ST*855*0001~', purchaseOrderId: ORDER }]);
  });

  it('cancels only with a reason, and a pharmacist cannot approve', async () => {
    const state = { order: orderOf('approved') };
    const bridge = core(state);
    renderWith(<OrdersTab session={session('manager')} />, bridge);
    await userEvent.click(await screen.findByTestId('orders-open'));
    await userEvent.click(await screen.findByTestId('order-cancel'));
    expect(screen.getByTestId('order-message').textContent).toBe('Give a reason of at least 3 characters.');
    expect(bridge.callsOf('inventory.cancelPurchaseOrder')).toHaveLength(0);
    await userEvent.type(screen.getByTestId('order-reason'), 'supplier out of stock');
    await userEvent.click(screen.getByTestId('order-cancel'));
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Cancelled'));
    cleanup();
    state.order = orderOf('draft');
    renderWith(<OrdersTab session={session('pharmacist')} />, core(state));
    await userEvent.click(await screen.findByTestId('orders-open'));
    await screen.findByTestId('order-edit');
    expect(screen.queryByTestId('order-approve')).toBeNull();
  });

  it('edits a draft: its lines are replaced whole and its note kept', async () => {
    const state = { order: orderOf('draft') };
    const bridge = core(state);
    renderWith(<OrdersTab session={session('manager')} />, bridge);
    await userEvent.click(await screen.findByTestId('orders-open'));
    await userEvent.click(await screen.findByTestId('order-edit'));
    expect(screen.getByTestId<HTMLInputElement>('order-edit-cost').value).toBe('0.41');
    await userEvent.clear(screen.getByTestId('order-edit-packs'));
    await userEvent.type(screen.getByTestId('order-edit-packs'), '8');
    await userEvent.type(screen.getByLabelText('Note on the order'), 'before the bank holiday');
    await userEvent.click(screen.getByTestId('order-save'));
    await screen.findByTestId('order-detail');
    expect(bridge.callsOf('inventory.updatePurchaseOrder')).toEqual([
      { id: ORDER, lines: [{ productId: PRODUCT, packs: 8, cost: '0.41' }], note: 'before the bank holiday' },
    ]);
    expect(within(screen.getByTestId('order-line')).getByText('8')).toBeTruthy();
  });
});
