import { afterEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { gtin13, onHand } from '../sales/sales-fixtures.js';
import { verifyStockProjection } from './stock-ledger.js';
import { gtinOf, lotAt, setUpStore, tableCounts, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

async function fresh(): Promise<Store> {
  store = await setUpStore();
  return store;
}

describe('suppliers', () => {
  it('creates, lists and updates a supplier, keeping the fields an update leaves out', async () => {
    const s = await fresh();
    const created = expectOk(await s.admin.invoke('inventory.createSupplier', { name: 'Pharma Direct', leadTimeDays: 3, minOrderPacks: 10, packMultiple: 5, gln: '5012345000009' }));
    expect(created).toMatchObject({ name: 'Pharma Direct', leadTimeDays: 3, minOrderPacks: 10, packMultiple: 5, ediQualifier: null, gln: '5012345000009', active: true });
    const updated = expectOk(await s.admin.invoke('inventory.updateSupplier', { id: created.id, leadTimeDays: 2 }));
    expect(updated).toMatchObject({ leadTimeDays: 2, minOrderPacks: 10, packMultiple: 5 });
    expectOk(await s.admin.invoke('inventory.updateSupplier', { id: created.id, active: false }));
    expect(expectOk(await s.cashier.invoke('inventory.listSuppliers', {})).map((x) => x.name)).toEqual(['Wholesale One']);
    expect(expectOk(await s.cashier.invoke('inventory.listSuppliers', { includeInactive: true })).map((x) => x.name)).toEqual(['Pharma Direct', 'Wholesale One']);
  });

  it('refuses a second supplier of the same name whatever its case and spacing', async () => {
    const s = await fresh();
    const before = tableCounts(s);
    expect(await s.admin.invoke('inventory.createSupplier', { name: '  wholesale   ONE ', leadTimeDays: 1 })).toMatchObject({
      ok: false,
      error: { code: 'inventory.supplierNameTaken', details: { supplierId: s.supplierId } },
    });
    expect(tableCounts(s)).toEqual(before);
  });

  it('lets only a holder of suppliers.manage add suppliers', async () => {
    const s = await fresh();
    expect(await s.pharmacist.invoke('inventory.createSupplier', { name: 'Other', leadTimeDays: 1 })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});

describe('inventory.receiveDelivery', () => {
  it('receives a scanned GS1 line and a typed line as receipt movements, with audit and outbox in one go', async () => {
    const s = await fresh();
    const para = s.products.paracetamol;
    const auditBefore = s.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    const delivery = expectOk(
      await s.pharmacist.invoke('inventory.receiveDelivery', {
        supplierId: s.supplierId,
        reference: 'DN-1001',
        lines: [
          { scan: `(01)${gtinOf(s, 'paracetamol')}(17)271231(10)NEW1`, quantity: 10, cost: '0.41' },
          { gtin: gtinOf(s, 'ibuprofen').slice(1), batch: 'IB77', expiry: '2028-03-31', quantity: 4, cost: '1.20', location: 'dispensary' },
        ],
      }),
    );
    expect(delivery.lines).toEqual([
      expect.objectContaining({ lineNo: 1, productId: para.id, batch: 'NEW1', expiry: '2027-12-31', packs: 10, stockUnits: 160, costMinor: 41, discrepancy: null }),
      expect.objectContaining({ lineNo: 2, productId: s.products.ibuprofen.id, batch: 'IB77', stockUnits: 96, costMinor: 120 }),
    ]);
    const lot = lotAt(s, para.id, 'NEW1', 'shelf');
    expect(lot).toMatchObject({ id: delivery.lines[0]?.lotId, cost_minor: 41 });
    expect(onHand(s.core, lot?.id ?? '')).toBe(160);
    expect(lotAt(s, s.products.ibuprofen.id, 'IB77', 'dispensary')).toBeDefined();
    const movements = s.core.db.prepare("SELECT kind, quantity, document_type, document_id FROM stock_movement WHERE document_id = ?").all(delivery.id);
    expect(movements).toEqual([
      { kind: 'receipt', quantity: 160, document_type: 'delivery', document_id: delivery.id },
      { kind: 'receipt', quantity: 96, document_type: 'delivery', document_id: delivery.id },
    ]);
    const audit = s.core.db.prepare("SELECT action, entity_id FROM audit_log WHERE action = 'inventory.receiveDelivery'").all();
    expect(audit).toEqual([{ action: 'inventory.receiveDelivery', entity_id: delivery.id }]);
    expect((s.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(auditBefore.n + 1);
    expect(s.core.db.prepare("SELECT count(*) AS n FROM outbox_event WHERE type = 'inventory.deliveryReceived'").get()).toEqual({ n: 1 });
    expect(verifyStockProjection(s.core.db)).toEqual([]);
  });

  it('refuses stock already past its expiry and writes nothing, unless the line goes into quarantine', async () => {
    const s = await fresh();
    const before = tableCounts(s);
    const good = { gtin: gtinOf(s, 'aspirin'), batch: 'GOOD', expiry: '2028-01-31', quantity: 2, cost: '0.50' };
    const old = { gtin: gtinOf(s, 'aspirin'), batch: 'OLD', expiry: '2026-11-26', quantity: 2, cost: '0.50' };
    const lines = [good, old];
    expect(await s.pharmacist.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, lines })).toMatchObject({
      ok: false,
      error: { code: 'stock.expiredOnReceipt', details: { lineNo: 2, batch: 'OLD', expiry: '2026-11-26' } },
    });
    expect(tableCounts(s)).toEqual(before);
    const ok = expectOk(await s.pharmacist.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, lines: [good, { ...old, intoQuarantine: true }] }));
    expect(ok.lines[1]?.lotId).toBe(lotAt(s, s.products.aspirin.id, 'OLD', 'quarantine')?.id);
    // An expiry date is good through its whole day.
    expectOk(await s.pharmacist.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, lines: [{ ...old, batch: 'TODAY', expiry: '2026-11-27' }] }));
  });

  it('puts damaged packs in quarantine and records short and over lines against what was ordered', async () => {
    const s = await fresh();
    const d = expectOk(
      await s.pharmacist.invoke('inventory.receiveDelivery', {
        supplierId: s.supplierId,
        lines: [
          { gtin: gtinOf(s, 'nicotine'), batch: 'N1', expiry: '2028-01-31', quantity: 3, damagedQuantity: 1, orderedQuantity: 5, cost: '9.00', note: 'one crushed' },
          { gtin: gtinOf(s, 'pads'), batch: 'P1', expiry: '2029-01-31', quantity: 6, orderedQuantity: 5, cost: '2.00' },
          { gtin: gtinOf(s, 'sudafed'), batch: 'S1', expiry: '2028-01-31', quantity: 0, orderedQuantity: 2, cost: '2.00' },
        ],
      }),
    );
    expect(d.lines.map((l) => l.discrepancy)).toEqual(['short', 'over', 'short']);
    const q = lotAt(s, s.products.nicotine.id, 'N1', 'quarantine');
    expect(d.lines[0]).toMatchObject({ quarantineLotId: q?.id, stockUnits: 28, note: 'one crushed' });
    expect(onHand(s.core, q?.id ?? '')).toBe(7);
    expect(d.lines[2]).toMatchObject({ lotId: null, quarantineLotId: null, stockUnits: 0 });
    expect(verifyStockProjection(s.core.db)).toEqual([]);
  });

  it('names the bad line and writes nothing for an unknown GTIN, an incomplete scan, a bad cost or an empty line', async () => {
    const s = await fresh();
    const good = { gtin: gtinOf(s, 'aspirin'), batch: 'A1', expiry: '2028-01-31', quantity: 1, cost: '0.50' };
    const before = tableCounts(s);
    const cases = [
      [{ ...good, gtin: gtin13('501000000099') }, 'inventory.unknownGtin'],
      [{ scan: `(01)${gtinOf(s, 'aspirin')}(17)281231`, quantity: 1, cost: '0.50' }, 'inventory.scanIncomplete'],
      [{ ...good, cost: '0.505' }, 'money.tooManyDecimals'],
      [{ ...good, quantity: 0 }, 'inventory.emptyLine'],
      [{ ...good, gtin: '05010000000010' }, 'catalog.gtinInvalid'],
    ] as const;
    for (const [bad, code] of cases) {
      const result = await s.pharmacist.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, lines: [good, bad] });
      expect(result, code).toMatchObject({ ok: false, error: { code, details: { lineNo: 2 } } });
    }
    expect(await s.pharmacist.invoke('inventory.receiveDelivery', { supplierId: '00000000-0000-7000-8000-00000000ffff', lines: [good] })).toMatchObject({
      ok: false,
      error: { code: 'inventory.supplierNotFound' },
    });
    expect(await s.pharmacist.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, purchaseOrderId: '00000000-0000-7000-8000-00000000ffff', lines: [good] })).toMatchObject({
      ok: false,
      error: { code: 'inventory.purchaseOrderNotFound' },
    });
    expect(await s.cashier.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, lines: [good] })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(tableCounts(s)).toEqual(before);
  });

  it('keeps the latest cost on a lot received twice', async () => {
    const s = await fresh();
    const line = { gtin: gtinOf(s, 'aspirin'), batch: 'A1', expiry: '2028-01-31', quantity: 1, cost: '0.50' };
    const first = expectOk(await s.pharmacist.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, lines: [line] }));
    const second = expectOk(await s.pharmacist.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, lines: [{ ...line, quantity: 2, cost: '0.55' }] }));
    expect(second.lines[0]?.lotId).toBe(first.lines[0]?.lotId);
    expect(lotAt(s, s.products.aspirin.id, 'A1', 'shelf')).toMatchObject({ cost_minor: 55 });
    expect(onHand(s.core, first.lines[0]?.lotId ?? '')).toBe(48);
  });
});
