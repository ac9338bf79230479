// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf, OutputOf, Supplier } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { initializedStatus, session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { SuggestedTab } from './suggested-tab.js';
import { SuppliersTab } from './suppliers-tab.js';

afterEach(cleanup);

const SUPPLIER = '01900000-0000-7000-8000-00000000c001';
const supplier: Supplier = { id: SUPPLIER, name: 'Wholesale One', leadTimeDays: 1, minOrderPacks: 1, packMultiple: 1, ediQualifier: 'ZZ', ediId: 'W1', gln: null, active: true };
type Order = OutputOf<'inventory.getPurchaseOrder'>;
const draft: Order = {
  id: '01900000-0000-7000-8000-00000000d009', number: 'PO-000009', supplierId: SUPPLIER, supplierName: 'Wholesale One', status: 'draft', origin: 'suggested', currency: 'GBP',
  createdAt: 1, createdBy: null, approvedAt: null, approvedBy: null, sentAt: null, closedAt: null, cancelledAt: null, cancelReason: null, note: null,
  lines: [{ lineNo: 1, productId: 'p1', sku: 'A', name: 'Aspirin 300 mg', gtin: null, packSize: 32, packs: 4, suggestedPacks: 4, costMinor: 50, receivedPacks: 0, damagedPacks: 0, outstandingPacks: 4, discrepancy: null, note: null }],
  totalMinor: 200, deliveries: [], documents: [],
};

describe('suggested orders', () => {
  it('checks the service level, runs the forecast, explains each product and opens a draft to approve', async () => {
    const bridge = createFakeBridge({
      'setup.getStatus': () => initializedStatus,
      'inventory.listSuppliers': () => [supplier],
      'inventory.suggestPurchaseOrders': () => ({
        orders: [draft],
        products: [
          { productId: 'p1', name: 'Aspirin 300 mg', supplierId: SUPPLIER, method: 'croston', classification: 'intermittent', mase: 0.8, baselineMase: 1, onHand: 10, onOrder: 0, reorderPoint: 40, orderUpToLevel: 138, units: 128, packs: 4, skipped: null },
          { productId: 'p2', name: 'Gauze', supplierId: null, method: null, classification: null, mase: null, baselineMase: null, onHand: 3, onOrder: 0, reorderPoint: null, orderUpToLevel: null, units: 0, packs: 0, skipped: 'noSupplier' },
        ],
        truncated: false,
      }),
      'inventory.getPurchaseOrder': () => draft,
    });
    renderWith(<SuggestedTab session={session('manager')} />, bridge);
    await userEvent.clear(screen.getByTestId('suggest-service'));
    await userEvent.type(screen.getByTestId('suggest-service'), '100');
    await userEvent.click(screen.getByTestId('suggest-run'));
    expect(screen.getByTestId('suggest-error').textContent).toMatch(/above 50 and below 100/);
    expect(bridge.callsOf('inventory.suggestPurchaseOrders')).toHaveLength(0);
    await userEvent.clear(screen.getByTestId('suggest-service'));
    await userEvent.type(screen.getByTestId('suggest-service'), '97.5');
    await userEvent.click(screen.getByTestId('suggest-run'));
    expect((await screen.findByTestId('suggest-summary')).textContent).toBe('1 draft orders for 1 products; 1 products need nothing.');
    expect(bridge.callsOf('inventory.suggestPurchaseOrders')).toEqual([{ serviceLevel: 0.975, reviewPeriodDays: 7 }]);
    expect(screen.getByText('No supplier known')).toBeTruthy();
    await userEvent.click(screen.getByTestId('suggested-open'));
    expect(await screen.findByTestId('order-approve')).toBeTruthy();
  });
});

describe('suppliers', () => {
  it('lists suppliers with their terms and adds one after checking every field', async () => {
    const bridge = createFakeBridge({
      'inventory.listSuppliers': () => [supplier],
      'inventory.createSupplier': ((input: InputOf<'inventory.createSupplier'>) => ({ ...supplier, id: 'new', ...input })) as never,
    });
    renderWith(<SuppliersTab session={session('manager')} />, bridge);
    expect((await screen.findByTestId('supplier-row')).textContent).toContain('ZZ:W1');
    await userEvent.click(screen.getByTestId('supplier-new'));
    await userEvent.type(screen.getByTestId('supplier-name'), 'Pharma Direct');
    await userEvent.clear(screen.getByTestId('supplier-packMultiple'));
    await userEvent.type(screen.getByTestId('supplier-packMultiple'), '0');
    await userEvent.type(screen.getByTestId('supplier-gln'), '12345');
    await userEvent.click(screen.getByTestId('supplier-save'));
    expect(screen.getByText('A whole number from 1.')).toBeTruthy();
    expect(screen.getByText('13 digits.')).toBeTruthy();
    expect(bridge.callsOf('inventory.createSupplier')).toHaveLength(0);
    await userEvent.clear(screen.getByTestId('supplier-packMultiple'));
    await userEvent.type(screen.getByTestId('supplier-packMultiple'), '6');
    await userEvent.clear(screen.getByTestId('supplier-gln'));
    await userEvent.click(screen.getByTestId('supplier-save'));
    await waitFor(() => expect(screen.queryByTestId('supplier-form')).toBeNull());
    expect(bridge.callsOf('inventory.createSupplier')).toEqual([{ name: 'Pharma Direct', leadTimeDays: 1, minOrderPacks: 1, packMultiple: 6 }]);
  });

  it('shows the core refusal of a duplicate name and keeps the form', async () => {
    const bridge = createFakeBridge({ 'inventory.listSuppliers': () => [supplier], 'inventory.createSupplier': () => fail('inventory.supplierNameTaken') });
    renderWith(<SuppliersTab session={session('manager')} />, bridge);
    await userEvent.click(await screen.findByTestId('supplier-new'));
    await userEvent.type(screen.getByTestId('supplier-name'), 'wholesale one');
    await userEvent.click(screen.getByTestId('supplier-save'));
    expect((await screen.findByTestId('supplier-error')).textContent).not.toBe('');
    expect(screen.getByTestId('supplier-form')).toBeTruthy();
  });

  it('lets a pharmacist read suppliers but not change them', async () => {
    renderWith(<SuppliersTab session={session('pharmacist')} />, createFakeBridge({ 'inventory.listSuppliers': () => [supplier] }));
    await screen.findByTestId('supplier-row');
    expect(screen.queryByTestId('supplier-new')).toBeNull();
  });
});
