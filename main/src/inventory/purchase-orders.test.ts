import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../core.js';
import { expectOk } from '../testing/index.js';
import { addStaff } from '../sales/sales-fixtures.js';
import { verifyStockProjection } from './stock-ledger.js';
import { gtinOf, setUpStore, tableCounts, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

type Ctx = Store & { manager: Connection };

async function fresh(): Promise<Ctx> {
  const s = await setUpStore();
  store = s;
  const manager = await addStaff(s, 'manager', 'morgan', '8642');
  return { ...s, manager };
}

async function draft(s: Ctx) {
  return expectOk(
    await s.pharmacist.invoke('inventory.createPurchaseOrder', {
      supplierId: s.supplierId,
      lines: [
        { productId: s.products.paracetamol.id, packs: 10, cost: '0.41' },
        { productId: s.products.nicotine.id, packs: 4, cost: '9.00' },
      ],
    }),
  );
}

function events(s: Store, type: string): number {
  return (s.core.db.prepare('SELECT count(*) AS n FROM outbox_event WHERE type = ?').get(type) as { n: number }).n;
}

describe('purchase orders', () => {
  it('go draft → approved → sent → partly → fully received → closed, each step audited and evented', async () => {
    const s = await fresh();
    const po = await draft(s);
    expect(po).toMatchObject({ status: 'draft', number: 'PO-000001', origin: 'manual', totalMinor: 10 * 41 + 4 * 900, currency: 'GBP' });
    expect(po.lines.map((l) => [l.lineNo, l.packs, l.costMinor, l.gtin])).toEqual([
      [1, 10, 41, gtinOf(s, 'paracetamol')],
      [2, 4, 900, gtinOf(s, 'nicotine')],
    ]);
    expect(expectOk(await s.manager.invoke('inventory.approvePurchaseOrder', { id: po.id }))).toMatchObject({ status: 'approved', approvedAt: s.core.clock.now() });
    expect(expectOk(await s.pharmacist.invoke('inventory.sendPurchaseOrder', { id: po.id })).status).toBe('sent');

    const first = expectOk(
      await s.pharmacist.invoke('inventory.receiveDelivery', {
        supplierId: s.supplierId,
        purchaseOrderId: po.id,
        lines: [{ gtin: gtinOf(s, 'paracetamol'), batch: 'PO1', expiry: '2028-01-31', quantity: 6, damagedQuantity: 1, orderedQuantity: 10, cost: '0.41' }],
      }),
    );
    expect(first.lines[0]?.discrepancy).toBe('short');
    const partly = expectOk(await s.pharmacist.invoke('inventory.getPurchaseOrder', { id: po.id }));
    expect(partly.status).toBe('partlyReceived');
    expect(partly.lines.map((l) => [l.receivedPacks, l.damagedPacks, l.outstandingPacks, l.discrepancy])).toEqual([
      [6, 1, 3, 'short'],
      [0, 0, 4, 'short'],
    ]);
    expectOk(
      await s.pharmacist.invoke('inventory.receiveDelivery', {
        supplierId: s.supplierId,
        purchaseOrderId: po.id,
        lines: [
          { gtin: gtinOf(s, 'paracetamol'), batch: 'PO1', expiry: '2028-01-31', quantity: 3, cost: '0.41' },
          { gtin: gtinOf(s, 'nicotine'), batch: 'N9', expiry: '2028-06-30', quantity: 5, orderedQuantity: 4, cost: '9.00' },
        ],
      }),
    );
    const received = expectOk(await s.pharmacist.invoke('inventory.getPurchaseOrder', { id: po.id }));
    expect(received.status).toBe('received');
    expect(received.lines.map((l) => [l.outstandingPacks, l.discrepancy])).toEqual([
      [0, null],
      [-1, 'over'],
    ]);
    expect(received.deliveries).toHaveLength(2);
    expect(expectOk(await s.manager.invoke('inventory.closePurchaseOrder', { id: po.id })).status).toBe('closed');

    const audit = s.core.db
      .prepare("SELECT action FROM audit_log WHERE entity_id = ? AND entity_type = 'purchaseOrder' ORDER BY seq")
      .all(po.id)
      .map((r) => (r as { action: string }).action);
    expect(audit).toEqual(['inventory.createPurchaseOrder', 'inventory.approvePurchaseOrder', 'inventory.sendPurchaseOrder', 'inventory.closePurchaseOrder']);
    for (const type of ['Created', 'Approved', 'Sent', 'Closed']) expect(events(s, `inventory.purchaseOrder${type}`), type).toBe(1);
    expect(events(s, 'inventory.purchaseOrderReceived')).toBe(2);
    expect(verifyStockProjection(s.core.db)).toEqual([]);
  });

  it('refuses illegal transitions with inventory.purchaseOrderState and writes nothing', async () => {
    const s = await fresh();
    const po = await draft(s);
    const before = tableCounts(s);
    const refused = [
      ['inventory.sendPurchaseOrder', { id: po.id }],
      ['inventory.closePurchaseOrder', { id: po.id }],
    ] as const;
    for (const [op, input] of refused) {
      expect(await s.manager.invoke(op, input), op).toMatchObject({ ok: false, error: { code: 'inventory.purchaseOrderState', details: { status: 'draft' } } });
    }
    expect(await s.manager.invoke('inventory.exportPurchaseOrder', { id: po.id, format: '850' })).toMatchObject({ ok: false, error: { code: 'inventory.purchaseOrderState' } });
    expect(
      await s.pharmacist.invoke('inventory.receiveDelivery', {
        supplierId: s.supplierId,
        purchaseOrderId: po.id,
        lines: [{ gtin: gtinOf(s, 'paracetamol'), batch: 'X', expiry: '2028-01-31', quantity: 1, cost: '0.41' }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'inventory.purchaseOrderState' } });
    expect(tableCounts(s)).toEqual(before);

    expectOk(await s.manager.invoke('inventory.approvePurchaseOrder', { id: po.id }));
    const approved = tableCounts(s);
    expect(await s.manager.invoke('inventory.approvePurchaseOrder', { id: po.id })).toMatchObject({ ok: false, error: { code: 'inventory.purchaseOrderState', details: { status: 'approved' } } });
    expect(await s.pharmacist.invoke('inventory.updatePurchaseOrder', { id: po.id, note: 'late edit' })).toMatchObject({ ok: false, error: { code: 'inventory.purchaseOrderState' } });
    expect(tableCounts(s)).toEqual(approved);

    expect(expectOk(await s.manager.invoke('inventory.cancelPurchaseOrder', { id: po.id, reason: 'ordered twice' }))).toMatchObject({ status: 'cancelled', cancelReason: 'ordered twice' });
    const cancelled = tableCounts(s);
    for (const op of ['inventory.sendPurchaseOrder', 'inventory.approvePurchaseOrder', 'inventory.closePurchaseOrder'] as const) {
      expect(await s.manager.invoke(op, { id: po.id }), op).toMatchObject({ ok: false, error: { code: 'inventory.purchaseOrderState', details: { status: 'cancelled' } } });
    }
    expect(await s.manager.invoke('inventory.cancelPurchaseOrder', { id: po.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'inventory.purchaseOrderState' } });
    expect(tableCounts(s)).toEqual(cancelled);
  });

  it('lets only a holder of purchasing.approve approve, and never cancels an order with stock received against it', async () => {
    const s = await fresh();
    const po = await draft(s);
    const before = tableCounts(s);
    expect(await s.pharmacist.invoke('inventory.approvePurchaseOrder', { id: po.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await s.cashier.invoke('inventory.createPurchaseOrder', { supplierId: s.supplierId, lines: [{ productId: s.products.aspirin.id, packs: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect(tableCounts(s)).toEqual(before);
    expectOk(await s.manager.invoke('inventory.approvePurchaseOrder', { id: po.id }));
    expectOk(await s.manager.invoke('inventory.sendPurchaseOrder', { id: po.id }));
    expectOk(
      await s.pharmacist.invoke('inventory.receiveDelivery', {
        supplierId: s.supplierId,
        purchaseOrderId: po.id,
        lines: [{ gtin: gtinOf(s, 'paracetamol'), batch: 'PO1', expiry: '2028-01-31', quantity: 2, cost: '0.41' }],
      }),
    );
    expect(await s.manager.invoke('inventory.cancelPurchaseOrder', { id: po.id, reason: 'changed mind' })).toMatchObject({
      ok: false,
      error: { code: 'inventory.purchaseOrderState', details: { status: 'partlyReceived' } },
    });
    expect(expectOk(await s.manager.invoke('inventory.closePurchaseOrder', { id: po.id, reason: 'rest not coming' })).status).toBe('closed');
  });

  it("holds lines to the supplier's pack multiple and minimum order, one line per product, and needs a cost to approve", async () => {
    const s = await fresh();
    const strict = expectOk(await s.admin.invoke('inventory.createSupplier', { name: 'Strict Wholesale', leadTimeDays: 2, minOrderPacks: 6, packMultiple: 3 }));
    const before = tableCounts(s);
    const para = s.products.paracetamol.id;
    const cases = [
      [[{ productId: para, packs: 7 }], 'inventory.notPackMultiple', { lineNo: 1, packMultiple: 3 }],
      [[{ productId: para, packs: 3 }], 'inventory.belowMinimumOrder', { lineNo: 1, minOrderPacks: 6 }],
      [[{ productId: para, packs: 6 }, { productId: para, packs: 6 }], 'inventory.duplicateOrderLine', { lineNo: 2 }],
      [[{ productId: '00000000-0000-7000-8000-00000000ffff', packs: 6 }], 'inventory.productNotFound', { lineNo: 1 }],
    ] as const;
    for (const [lines, code, details] of cases) {
      expect(await s.pharmacist.invoke('inventory.createPurchaseOrder', { supplierId: strict.id, lines: [...lines] }), code).toMatchObject({ ok: false, error: { code, details } });
    }
    expect(tableCounts(s)).toEqual(before);

    // A product never bought from anyone and never costed has no expected cost until someone gives one.
    const created = expectOk(await s.admin.invoke('catalog.createProduct', { sku: 'NEW-1', name: 'New product', form: 'tablet', packSize: 10, unit: 'tablet', legalCategory: 'gsl', taxCategory: 'standard', priceMinor: 100, gtins: [] }));
    const po = expectOk(await s.pharmacist.invoke('inventory.createPurchaseOrder', { supplierId: strict.id, lines: [{ productId: para, packs: 6 }, { productId: created.id, packs: 9 }] }));
    expect(po.lines.map((l) => l.costMinor)).toEqual([10, null]);
    expect(await s.manager.invoke('inventory.approvePurchaseOrder', { id: po.id })).toMatchObject({ ok: false, error: { code: 'inventory.orderCostMissing', details: { lineNos: [2] } } });
    const edited = expectOk(
      await s.pharmacist.invoke('inventory.updatePurchaseOrder', { id: po.id, lines: [{ productId: para, packs: 12 }, { productId: created.id, packs: 9, cost: '1.10' }] }),
    );
    expect(edited.lines.map((l) => [l.packs, l.costMinor])).toEqual([
      [12, 10],
      [9, 110],
    ]);
    expect(expectOk(await s.manager.invoke('inventory.approvePurchaseOrder', { id: po.id })).status).toBe('approved');
    expect(expectOk(await s.manager.invoke('inventory.listPurchaseOrders', { status: 'approved' })).map((o) => [o.number, o.lineCount])).toEqual([['PO-000001', 2]]);
  });
});
