import { afterEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { addStaff, line, onHand, sellForCash } from '../sales/sales-fixtures.js';
import { verifyStockProjection } from './stock-ledger.js';
import { setUpStore, tableCounts, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

describe('stocktake', () => {
  it('counts blind, reviews variances with reasons, and a manager approval posts stocktake corrections', async () => {
    const s = (store = await setUpStore());
    const manager = await addStaff(s, 'manager', 'morgan', '8642');
    const { paracetamol, pads } = s.products;
    const sheet = expectOk(await s.cashier.invoke('inventory.startStocktake', { scope: 'partial', productIds: [paracetamol.id, pads.id] }));
    expect(sheet.lines.map((l) => [l.batch, l.counted])).toEqual([
      ['B-PADS', null],
      ['B-PARACETAMOL', null],
    ]);
    // Blind: neither the sheet nor the answer to a count carries the expected quantity.
    expect(JSON.stringify(sheet)).not.toMatch(/expected|onHand|on_hand/);
    const counted = expectOk(
      await s.cashier.invoke('inventory.recordCount', {
        stocktakeId: sheet.id,
        counts: [
          { productId: paracetamol.id, batch: 'B-PARACETAMOL', location: 'shelf', counted: 300 },
          { productId: pads.id, batch: 'FOUND', location: 'shelf', expiry: '2028-05-31', counted: 10 },
        ],
      }),
    );
    expect(counted).toEqual({ stocktakeId: sheet.id, recorded: 2, uncounted: 1 });
    expect(JSON.stringify(counted)).not.toMatch(/expected/);
    expect(await manager.invoke('inventory.reviewStocktake', { stocktakeId: sheet.id })).toMatchObject({ ok: false, error: { code: 'inventory.countIncomplete', details: { uncounted: 1 } } });
    expectOk(await s.cashier.invoke('inventory.recordCount', { stocktakeId: sheet.id, counts: [{ productId: pads.id, batch: 'B-PADS', location: 'shelf', counted: 200 }] }));
    // A sale during the count stays in the ledger.
    await sellForCash(s, [line(s, 'paracetamol', 1)], '0.89');
    expect(await s.cashier.invoke('inventory.reviewStocktake', { stocktakeId: sheet.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const review = expectOk(await manager.invoke('inventory.reviewStocktake', { stocktakeId: sheet.id }));
    expect(review.lines.map((l) => [l.batch, l.expected, l.counted, l.variance, l.valueMinor])).toEqual([
      ['B-PADS', 200, 200, 0, 0],
      ['FOUND', 0, 10, 10, null],
      ['B-PARACETAMOL', 320, 300, -20, -13],
    ]);
    expect(await manager.invoke('inventory.approveStocktake', { stocktakeId: sheet.id })).toMatchObject({
      ok: false,
      error: { code: 'inventory.varianceReasonRequired', details: { lotIds: [review.lines[1]?.lotId, review.lines[2]?.lotId] } },
    });
    expectOk(
      await manager.invoke('inventory.reviewStocktake', {
        stocktakeId: sheet.id,
        reasons: [
          { lotId: review.lines[1]?.lotId ?? '', reason: 'found behind the shelf' },
          { lotId: review.lines[2]?.lotId ?? '', reason: 'unexplained loss' },
        ],
      }),
    );
    const approved = expectOk(await manager.invoke('inventory.approveStocktake', { stocktakeId: sheet.id }));
    expect(approved.corrections).toEqual([
      { lotId: review.lines[1]?.lotId, quantity: 10 },
      { lotId: s.lots.paracetamol, quantity: -20 },
    ]);
    expect(onHand(s.core, s.lots.paracetamol)).toBe(320 - 16 - 20);
    expect(s.core.db.prepare("SELECT kind, quantity, reason FROM stock_movement WHERE kind = 'stocktake' ORDER BY seq").all()).toEqual([
      { kind: 'stocktake', quantity: 10, reason: 'found behind the shelf' },
      { kind: 'stocktake', quantity: -20, reason: 'unexplained loss' },
    ]);
    expect(await manager.invoke('inventory.approveStocktake', { stocktakeId: sheet.id })).toMatchObject({ ok: false, error: { code: 'inventory.stocktakeState' } });
    expect(await s.cashier.invoke('inventory.recordCount', { stocktakeId: sheet.id, counts: [{ productId: pads.id, batch: 'B-PADS', location: 'shelf', counted: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'inventory.stocktakeState' },
    });
    expect(verifyStockProjection(s.core.db)).toEqual([]);
  });

  it('lists the stocktakes not yet approved, newest first, with how far each count has got', async () => {
    const s = (store = await setUpStore());
    const manager = await addStaff(s, 'manager', 'morgan', '8642');
    const { paracetamol, pads } = s.products;
    expect(expectOk(await s.cashier.invoke('inventory.listStocktakes', {}))).toEqual({ stocktakes: [] });
    const first = expectOk(await s.cashier.invoke('inventory.startStocktake', { scope: 'partial', productIds: [paracetamol.id], note: 'front shelf' }));
    s.core.clock.advance(60_000);
    const second = expectOk(await s.cashier.invoke('inventory.startStocktake', { scope: 'partial', productIds: [paracetamol.id, pads.id] }));
    expectOk(await s.cashier.invoke('inventory.recordCount', { stocktakeId: second.id, counts: [{ productId: pads.id, batch: 'B-PADS', location: 'shelf', counted: 200 }] }));
    const listed = expectOk(await s.cashier.invoke('inventory.listStocktakes', {})).stocktakes;
    expect(listed.map((st) => [st.id, st.scope, st.status, st.lines, st.counted, st.note])).toEqual([
      [second.id, 'partial', 'counting', 2, 1, null],
      [first.id, 'partial', 'counting', 1, 0, 'front shelf'],
    ]);
    expect(listed[0]?.startedBy).toEqual(expect.any(String));
    // Blind here too: the list says how many lines are counted, never what any of them should hold.
    expect(JSON.stringify(listed)).not.toMatch(/expected/);
    expectOk(await s.cashier.invoke('inventory.recordCount', { stocktakeId: first.id, counts: [{ productId: paracetamol.id, batch: 'B-PARACETAMOL', location: 'shelf', counted: 320 }] }));
    expectOk(await manager.invoke('inventory.reviewStocktake', { stocktakeId: first.id }));
    expectOk(await manager.invoke('inventory.approveStocktake', { stocktakeId: first.id }));
    expect(expectOk(await s.cashier.invoke('inventory.listStocktakes', {})).stocktakes.map((st) => st.id)).toEqual([second.id]);
  });

  it('refuses, writing nothing: counting a product that does not exist, one outside the count, an unknown batch without expiry', async () => {
    const s = (store = await setUpStore());
    const sheet = expectOk(await s.cashier.invoke('inventory.startStocktake', { scope: 'cycle', productIds: [s.products.aspirin.id] }));
    const before = tableCounts(s);
    const count = (c: { productId: string; batch: string; location: 'shelf'; counted: number }) => s.cashier.invoke('inventory.recordCount', { stocktakeId: sheet.id, counts: [c] });
    expect(await count({ productId: '00000000-0000-7000-8000-00000000ffff', batch: 'X', location: 'shelf', counted: 1 })).toMatchObject({
      ok: false,
      error: { code: 'inventory.productNotFound', details: { productId: '00000000-0000-7000-8000-00000000ffff' } },
    });
    expect(await count({ productId: s.products.pads.id, batch: 'B-PADS', location: 'shelf', counted: 1 })).toMatchObject({ ok: false, error: { code: 'inventory.notInStocktake' } });
    expect(await count({ productId: s.products.aspirin.id, batch: 'NEW', location: 'shelf', counted: 1 })).toMatchObject({
      ok: false,
      error: { code: 'inventory.notInStocktake', details: { needsExpiry: true } },
    });
    expect(await s.cashier.invoke('inventory.recordCount', { stocktakeId: '00000000-0000-7000-8000-00000000ffff', counts: [{ productId: s.products.aspirin.id, batch: 'B-ASPIRIN', location: 'shelf', counted: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'inventory.stocktakeNotFound' },
    });
    expect(await s.cashier.invoke('inventory.startStocktake', { scope: 'partial' })).toMatchObject({ ok: false, error: { code: 'inventory.stocktakeEmpty' } });
    expect(await s.cashier.invoke('inventory.startStocktake', { scope: 'partial', productIds: ['00000000-0000-7000-8000-00000000ffff'] })).toMatchObject({ ok: false, error: { code: 'inventory.productNotFound' } });
    expect(tableCounts(s)).toEqual(before);
  });

  it('a full count covers every lot in stock, and a cycle count takes the least recently counted products first', async () => {
    const s = (store = await setUpStore());
    const full = expectOk(await s.cashier.invoke('inventory.startStocktake', { scope: 'full' }));
    expect(full.lines).toHaveLength(8);
    const cycle = expectOk(await s.cashier.invoke('inventory.startStocktake', { scope: 'cycle', cycleSize: 3 }));
    expect(new Set(cycle.lines.map((l) => l.productId)).size).toBe(3);
    const byLocation = expectOk(await s.cashier.invoke('inventory.startStocktake', { scope: 'partial', locations: ['dispensary'] }));
    expect(byLocation.lines.map((l) => l.batch)).toEqual(['B-AMOXICILLIN']);
  });
});
