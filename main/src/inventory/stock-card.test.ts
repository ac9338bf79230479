import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectOk, queryPlan, tableScans } from '../testing/index.js';
import { line, sellForCash } from '../sales/sales-fixtures.js';
import { gtinOf, setUpStore, type Store } from './inventory-fixtures.js';
import { stockCardSql } from './stock-card.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

/** A delivery of two batches of paracetamol (16 a pack), one damaged pack, then 3 packs of NEW1 to quarantine. */
async function withHistory(): Promise<Store & { newLot: string; quarantineLot: string; saleCode: string }> {
  const s = (store = await setUpStore());
  const gtin = gtinOf(s, 'paracetamol');
  const delivery = expectOk(
    await s.pharmacist.invoke('inventory.receiveDelivery', {
      supplierId: s.supplierId,
      reference: 'DN-7',
      lines: [
        { scan: `(01)${gtin}(17)271231(10)NEW1`, quantity: 10, cost: '0.41' },
        { scan: `(01)${gtin}(17)280630(10)NEW2`, quantity: 2, damagedQuantity: 1, cost: '0.41' },
      ],
    }),
  );
  const newLot = delivery.lines[0]?.lotId ?? '';
  const moved = expectOk(await s.admin.invoke('inventory.quarantineStock', { lotId: newLot, quantity: 48, reason: 'crushed outer cartons' }));
  const sale = await sellForCash(s, [line(s, 'paracetamol', 1)], '0.89');
  return { ...s, newLot, quarantineLot: moved.toLotId, saleCode: sale.receiptCode };
}

describe('inventory.stockCard', () => {
  it('lists every movement of a product newest first with who, why, its document and the running balance', async () => {
    const s = await withHistory();
    const card = expectOk(await s.cashier.invoke('inventory.stockCard', { productId: s.products.paracetamol.id }));
    expect(card.product).toMatchObject({ name: 'Paracetamol 500 mg tablets', packSize: 16 });
    const [sale, qIn, qOut] = card.movements;
    // A pack sold is 16 stock units.
    expect(sale).toMatchObject({ kind: 'sale', quantity: -16, documentType: 'sale', documentLabel: s.saleCode, actorName: 'Casey Cashier' });
    expect(qIn).toMatchObject({ kind: 'quarantine', quantity: 48, location: 'quarantine', batch: 'NEW1', reason: 'crushed outer cartons' });
    expect(qOut).toMatchObject({ kind: 'quarantine', quantity: -48, location: 'shelf', documentId: qIn?.documentId });
    const receipts = card.movements.filter((m) => m.documentType === 'delivery');
    expect(receipts.map((m) => [m.batch, m.location, m.quantity, m.documentLabel, m.actorName])).toEqual([
      ['NEW2', 'quarantine', 16, 'DN-7', 'pat pharmacist'],
      ['NEW2', 'shelf', 32, 'DN-7', 'pat pharmacist'],
      ['NEW1', 'shelf', 160, 'DN-7', 'pat pharmacist'],
    ]);
    // Running balance: each row's balance is the one below it plus its own quantity; the top one is on-hand.
    const chronological = [...card.movements].reverse();
    let running = 0;
    for (const m of chronological) {
      running += m.quantity;
      expect(m.balance).toBe(running);
    }
    expect(card.movements[0]?.balance).toBe(card.onHand);
    expect(card.onHand - card.sellable).toBe(48 + 16);
    expect(card.lots.filter((l) => !l.sellable).map((l) => [l.batch, l.onHand])).toEqual([
      ['NEW1', 48],
      ['NEW2', 16],
    ]);
    expect(card.lots.map((l) => l.expiry)).toEqual([...card.lots.map((l) => l.expiry)].sort());
  });

  it('narrows to one batch across its locations, or to one lot, with balances of that scope alone', async () => {
    const s = await withHistory();
    const productId = s.products.paracetamol.id;
    const batch = expectOk(await s.cashier.invoke('inventory.stockCard', { productId, batch: 'NEW1' }));
    expect(batch.movements.map((m) => [m.location, m.quantity, m.balance])).toEqual([
      ['quarantine', 48, 160],
      ['shelf', -48, 112],
      ['shelf', 160, 160],
    ]);
    expect(batch).toMatchObject({ batch: 'NEW1', lotId: null, onHand: 160, sellable: 112 });
    const lot = expectOk(await s.cashier.invoke('inventory.stockCard', { productId, lotId: s.quarantineLot }));
    expect(lot.movements.map((m) => [m.quantity, m.balance])).toEqual([[48, 48]]);
    expect(lot.lots).toEqual([expect.objectContaining({ lotId: s.quarantineLot, location: 'quarantine', sellable: false, onHand: 48, costMinor: 41 })]);
  });

  it('pages backwards by sequence and every page keeps the true balance', async () => {
    const s = await withHistory();
    const productId = s.products.paracetamol.id;
    const whole = expectOk(await s.cashier.invoke('inventory.stockCard', { productId }));
    const pages = [];
    let before: number | undefined;
    for (;;) {
      const page = expectOk(await s.cashier.invoke('inventory.stockCard', { productId, limit: 2, ...(before ? { beforeSeq: before } : {}) }));
      pages.push(...page.movements);
      if (page.nextBeforeSeq === null) break;
      before = page.nextBeforeSeq;
    }
    expect(pages).toEqual(whole.movements);
    expect(whole.nextBeforeSeq).toBeNull();
  });

  it('refuses an unknown product, a lot of another product and a batch the product never had', async () => {
    const s = await withHistory();
    const productId = s.products.paracetamol.id;
    expect(await s.cashier.invoke('inventory.stockCard', { productId: '01900000-0000-7000-8000-00000000ffff' })).toMatchObject({ ok: false, error: { code: 'catalog.productNotFound' } });
    expect(await s.cashier.invoke('inventory.stockCard', { productId: s.products.ibuprofen.id, lotId: s.newLot })).toMatchObject({ ok: false, error: { code: 'inventory.lotNotFound' } });
    expect(await s.cashier.invoke('inventory.stockCard', { productId, lotId: s.newLot, batch: 'NEW2' })).toMatchObject({ ok: false, error: { code: 'inventory.lotNotFound' } });
    expect(await s.cashier.invoke('inventory.stockCard', { productId, batch: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'stock.batchNotFound' } });
  });

  it('reads the product movements through its index, never a full scan', async () => {
    const s = (store = await setUpStore());
    const plan = queryPlan(s.core, stockCardSql, { productId: s.products.paracetamol.id, lotId: null, batch: null, beforeSeq: null, limit: 101 });
    expect(plan.join('\n')).toMatch(/stock_movement_product/);
    // Scanning the scope's own rows (the window's subquery, the card) is the point; scanning a table is not.
    expect(tableScans(plan).filter((d) => !/^SCAN (\(subquery-\d+\)|c)$/.test(d))).toEqual([]);
  });

  it('for any sequence of movements, the newest balance equals on-hand in every scope', async () => {
    const s = (store = await setUpStore());
    const productId = s.products.aspirin.id;
    const lots = ['A', 'B'].map((batch) => {
      const id = `01900000-0000-7000-8000-0000000a${batch === 'A' ? '000a' : '000b'}`;
      s.core.db.prepare("INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, ?, '2028-01-31', 'shelf', 5)").run(id, productId, batch);
      return id;
    });
    const insert = s.core.db.prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES (?, ?, ?, 'adjustment', ?, 1)");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: -50, max: 50 }).filter((q) => q !== 0)), { minLength: 1, maxLength: 20 }), async (moves) => {
        for (const [which, q] of moves) insert.run(`prop-${n++}`, lots[which], productId, q);
        for (const scope of [{}, { batch: 'A' }, { lotId: lots[1] }]) {
          const card = expectOk(await s.cashier.invoke('inventory.stockCard', { productId, ...scope, limit: 500 }));
          const ledger = s.core.db
            .prepare(`SELECT coalesce(sum(m.quantity), 0) AS n FROM stock_movement m JOIN stock_lot l ON l.id = m.lot_id WHERE m.product_id = ? AND (? IS NULL OR l.batch = ?) AND (? IS NULL OR l.id = ?)`)
            .get(productId, 'batch' in scope ? scope.batch : null, 'batch' in scope ? scope.batch : null, 'lotId' in scope ? scope.lotId : null, 'lotId' in scope ? scope.lotId : null) as { n: number };
          expect(card.movements[0]?.balance).toBe(ledger.n);
          expect(card.onHand).toBe(ledger.n);
        }
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
