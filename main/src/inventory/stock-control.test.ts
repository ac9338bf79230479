import { afterEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { EXP_PAST, addStaff, onHand, receiveStock } from '../sales/sales-fixtures.js';
import { verifyStockProjection } from './stock-ledger.js';
import { gtinOf, setUpStore, tableCounts, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

async function fresh(): Promise<Store> {
  store = await setUpStore();
  return store;
}

describe('quarantine and release', () => {
  it('moves stock into quarantine and a pharmacist releases it back to a sellable location', async () => {
    const s = await fresh();
    const lotId = s.lots.paracetamol;
    const q = expectOk(await s.pharmacist.invoke('inventory.quarantineStock', { lotId, quantity: 32, reason: 'packaging looks tampered' }));
    expect(q).toMatchObject({ fromLotId: lotId, quantity: 32, remaining: 288 });
    expect(onHand(s.core, q.toLotId)).toBe(32);
    expect(await s.pharmacist.invoke('sales.lookupScan', { scan: `(01)${gtinOf(s, 'paracetamol')}(17)270131(10)B-PARACETAMOL` })).toMatchObject({ ok: true });
    const r = expectOk(await s.pharmacist.invoke('inventory.releaseFromQuarantine', { lotId: q.toLotId, quantity: 16, toLocation: 'shelf', reason: 'seals checked, intact' }));
    expect(r).toMatchObject({ fromLotId: q.toLotId, toLotId: lotId, quantity: 16, remaining: 16 });
    expect(onHand(s.core, lotId)).toBe(304);
    const kinds = s.core.db.prepare("SELECT kind, quantity FROM stock_movement WHERE kind IN ('quarantine', 'release') ORDER BY seq").all();
    expect(kinds).toEqual([
      { kind: 'quarantine', quantity: -32 },
      { kind: 'quarantine', quantity: 32 },
      { kind: 'release', quantity: -16 },
      { kind: 'release', quantity: 16 },
    ]);
    expect(s.core.db.prepare("SELECT action, reason FROM audit_log WHERE action LIKE 'inventory.%Quarantine%' OR action = 'inventory.quarantineStock' ORDER BY seq").all()).toEqual([
      { action: 'inventory.quarantineStock', reason: 'packaging looks tampered' },
      { action: 'inventory.releaseFromQuarantine', reason: 'seals checked, intact' },
    ]);
    expect(verifyStockProjection(s.core.db)).toEqual([]);
  });

  it('refuses, writing nothing: more than the lot holds, a lot already in quarantine, releasing from a sellable lot or an expired batch', async () => {
    const s = await fresh();
    const q = expectOk(await s.pharmacist.invoke('inventory.quarantineStock', { lotId: s.lots.aspirin, quantity: 16, reason: 'customer complaint' }));
    const expired = receiveStock(s.core, s.products.aspirin.id, 'OLD', EXP_PAST, 'quarantine', 16);
    const before = tableCounts(s);
    const refusals = [
      [s.pharmacist.invoke('inventory.quarantineStock', { lotId: s.lots.aspirin, quantity: 10_000, reason: 'too many' }), 'stock.wouldGoNegative'],
      [s.pharmacist.invoke('inventory.quarantineStock', { lotId: q.toLotId, quantity: 1, reason: 'again' }), 'stock.batchQuarantined'],
      [s.pharmacist.invoke('inventory.releaseFromQuarantine', { lotId: s.lots.aspirin, quantity: 1, toLocation: 'shelf', reason: 'not there' }), 'stock.notQuarantined'],
      [s.pharmacist.invoke('inventory.releaseFromQuarantine', { lotId: q.toLotId, quantity: 17, toLocation: 'shelf', reason: 'too many' }), 'stock.wouldGoNegative'],
      [s.pharmacist.invoke('inventory.releaseFromQuarantine', { lotId: expired, quantity: 1, toLocation: 'shelf', reason: 'expired' }), 'stock.batchExpired'],
      [s.pharmacist.invoke('inventory.quarantineStock', { lotId: '00000000-0000-7000-8000-00000000ffff', quantity: 1, reason: 'no lot' }), 'inventory.lotNotFound'],
      [s.cashier.invoke('inventory.quarantineStock', { lotId: s.lots.aspirin, quantity: 1, reason: 'cashier' }), 'auth.forbidden'],
      [s.cashier.invoke('inventory.releaseFromQuarantine', { lotId: q.toLotId, quantity: 1, toLocation: 'shelf', reason: 'cashier' }), 'auth.forbidden'],
    ] as const;
    for (const [call, code] of refusals) expect(await call, code).toMatchObject({ ok: false, error: { code } });
    expect(tableCounts(s)).toEqual(before);
  });
});

describe('inventory.disposeStock', () => {
  it('writes off, destroys and returns to the supplier as movements out with a disposal record each', async () => {
    const s = await fresh();
    const lotId = s.lots.ibuprofen;
    const w = expectOk(await s.pharmacist.invoke('inventory.disposeStock', { lotId, quantity: 24, kind: 'writeOff', reason: 'dropped, blisters broken' }));
    const d = expectOk(await s.pharmacist.invoke('inventory.disposeStock', { lotId, quantity: 24, kind: 'destruction', reason: 'denatured', reference: 'DEST-9' }));
    const r = expectOk(await s.pharmacist.invoke('inventory.disposeStock', { lotId, quantity: 48, kind: 'supplierReturn', supplierId: s.supplierId, reason: 'short dated', reference: 'RA-77' }));
    expect([w.remaining, d.remaining, r.remaining]).toEqual([456, 432, 384]);
    expect(onHand(s.core, lotId)).toBe(384);
    expect(s.core.db.prepare('SELECT kind, quantity, document_type FROM stock_movement WHERE document_id IN (?, ?, ?) ORDER BY seq').all(w.disposalId, d.disposalId, r.disposalId)).toEqual([
      { kind: 'writeOff', quantity: -24, document_type: 'writeOff' },
      { kind: 'writeOff', quantity: -24, document_type: 'destruction' },
      { kind: 'transferOut', quantity: -48, document_type: 'supplierReturn' },
    ]);
    expect(s.core.db.prepare('SELECT kind, stock_units, supplier_id, reference FROM stock_disposal ORDER BY num').all()).toEqual([
      { kind: 'writeOff', stock_units: 24, supplier_id: null, reference: null },
      { kind: 'destruction', stock_units: 24, supplier_id: null, reference: 'DEST-9' },
      { kind: 'supplierReturn', stock_units: 48, supplier_id: s.supplierId, reference: 'RA-77' },
    ]);
    expect(verifyStockProjection(s.core.db)).toEqual([]);
  });

  it('needs a supplier for a return, a witness to destroy a controlled drug, stock on hand, and the permission', async () => {
    const s = await fresh();
    const controlled = expectOk(
      await s.admin.invoke('catalog.createProduct', { sku: 'MOR-10', name: 'Morphine 10 mg tablets', form: 'tablet', packSize: 10, unit: 'tablet', legalCategory: 'controlled', taxCategory: 'zero', priceMinor: 500 }),
    );
    const cdLot = receiveStock(s.core, controlled.id, 'CD1', '2028-01-31', 'controlled-cabinet', 10);
    const manager = await addStaff(s, 'manager', 'morgan', '8642');
    const before = tableCounts(s);
    const refusals = [
      [s.pharmacist.invoke('inventory.disposeStock', { lotId: s.lots.pads, quantity: 1, kind: 'supplierReturn', reason: 'no supplier' }), 'inventory.supplierReturnNeedsSupplier'],
      [s.pharmacist.invoke('inventory.disposeStock', { lotId: s.lots.pads, quantity: 1, kind: 'supplierReturn', supplierId: '00000000-0000-7000-8000-00000000ffff', reason: 'bad supplier' }), 'inventory.supplierNotFound'],
      [s.pharmacist.invoke('inventory.disposeStock', { lotId: cdLot, quantity: 1, kind: 'destruction', reason: 'expired CD' }), 'inventory.destructionNeedsWitness'],
      [s.pharmacist.invoke('inventory.disposeStock', { lotId: s.lots.pads, quantity: 201, kind: 'writeOff', reason: 'too many' }), 'stock.wouldGoNegative'],
      [s.cashier.invoke('inventory.disposeStock', { lotId: s.lots.pads, quantity: 1, kind: 'writeOff', reason: 'cashier' }), 'auth.forbidden'],
    ] as const;
    for (const [call, code] of refusals) expect(await call, code).toMatchObject({ ok: false, error: { code } });
    expect(tableCounts(s)).toEqual(before);
    expectOk(await manager.invoke('inventory.disposeStock', { lotId: cdLot, quantity: 10, kind: 'destruction', reason: 'expired CD', witness: 'duty pharmacist' }));
    expect(onHand(s.core, cdLot)).toBe(0);
  });
});
