import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../core.js';
import { verifyStockProjection } from '../inventory/stock-ledger.js';
import { countRows, expectOk } from '../testing/index.js';
import { addStaff, line, onHand, payKey, sellForCash, setUpCounter, type Counter } from './sales-fixtures.js';

let counter: Counter | undefined;
afterEach(() => counter?.core.dispose());

const managerOverride = { override: { username: 'morgan', secret: '8642', reason: 'customer brought it back' } };

async function withManager(): Promise<{ c: Counter; manager: Connection }> {
  counter = await setUpCounter();
  const manager = await addStaff(counter, 'manager', 'morgan', '8642');
  return { c: counter, manager };
}

function quarantineLot(c: Counter, productId: string) {
  return c.core.db.prepare("SELECT id, batch, expiry FROM stock_lot WHERE product_id = ? AND location = 'quarantine'").get(productId) as
    | { id: string; batch: string; expiry: string }
    | undefined;
}

describe('sales.returnItems', () => {
  it('takes back part of a sale with a manager override, refunds cash and puts the medicine in quarantine', async () => {
    const { c, manager } = await withManager();
    const sale = await sellForCash(c, [line(c, 'paracetamol', 2), line(c, 'pads')], '10.00');
    const request = { saleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'unopened, wrong strength', idempotencyKey: payKey() };
    expect(await c.cashier.invoke('sales.returnItems', request)).toMatchObject({ ok: false, error: { code: 'auth.forbidden', details: { overridable: true } } });
    const ret = expectOk(await c.cashier.invoke('sales.returnItems', request, managerOverride));
    // Half of 1.78 incl. 0.30 VAT.
    expect(ret).toMatchObject({ receiptNo: 2, grossMinor: 89, taxMinor: 15, netMinor: 74, refundMinor: 89, storeCreditCode: null, replayed: false });
    expect(ret.refunds).toEqual([{ kind: 'cash', currency: 'GBP', amountMinor: 89, reference: null }]);
    const managerId = expectOk(await manager.invoke('auth.getSession', {}))?.user.id;
    expect(ret.approvedById).toBe(managerId);
    const lot = quarantineLot(c, c.products.paracetamol.id);
    expect(lot).toMatchObject({ batch: 'B-PARACETAMOL', expiry: '2027-01-31' });
    expect(ret.lines).toEqual([expect.objectContaining({ lineNo: 1, quantity: 1, stockUnits: 16, quarantineLotId: lot?.id })]);
    expect(onHand(c.core, lot?.id ?? '')).toBe(16);
    expect(onHand(c.core, c.lots.paracetamol)).toBe(320 - 32);
    const after = expectOk(await c.cashier.invoke('sales.getSale', { id: sale.id }));
    expect(after.lines.map((l) => l.returnedQuantity)).toEqual([1, 0]);
    expect(after.returns).toEqual([expect.objectContaining({ id: ret.id, refundMinor: 89 })]);
    expect(expectOk(await c.cashier.invoke('sales.findByReceipt', { receipt: ret.receiptCode })).id).toBe(sale.id);
    expect(verifyStockProjection(c.core.db)).toEqual([]);
  });

  it('never takes back more than was sold, across several returns', async () => {
    const { c, manager } = await withManager();
    const sale = await sellForCash(c, [line(c, 'paracetamol', 2)], '2.00');
    const back = (quantity: number, lineNo = 1) =>
      manager.invoke('sales.returnItems', { receipt: sale.receiptCode, lines: [{ lineNo, quantity }], reason: 'returned', idempotencyKey: payKey() });
    expectOk(await back(1));
    expect(await back(2)).toMatchObject({ ok: false, error: { code: 'sales.returnExceedsSold', details: { sold: 2, alreadyReturned: 1, requested: 2 } } });
    expectOk(await back(1));
    expect(await back(1)).toMatchObject({ ok: false, error: { code: 'sales.returnExceedsSold', details: { alreadyReturned: 2 } } });
    expect(await back(1, 9)).toMatchObject({ ok: false, error: { code: 'sales.returnExceedsSold', details: { sold: 0 } } });
    expect(await back(0)).toMatchObject({ ok: false, error: { code: 'sales.invalidQuantity' } });
    const listed = expectOk(await c.cashier.invoke('sales.listSales', {}));
    expect(listed.sales[0]).toMatchObject({ id: sale.id, status: 'returned' });
  });

  it('refunds a line returned in steps exactly what it cost, tax by tax', async () => {
    const { c, manager } = await withManager();
    const sale = expectOk(
      await c.cashier.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(c, 'ibuprofen', 3)],
        basketDiscount: { amount: '0.10' },
        tenders: [{ kind: 'cash', amount: '7.37' }],
      }),
    );
    const sold = sale.lines[0]!;
    expect([sold.grossMinor, sold.taxMinor]).toEqual([737, 123]);
    const steps = [];
    for (let i = 0; i < 3; i++) {
      steps.push(expectOk(await manager.invoke('sales.returnItems', { saleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'returned', idempotencyKey: payKey() })));
    }
    expect(steps.map((s) => s.grossMinor)).toEqual([246, 245, 246]);
    expect(steps.reduce((n, s) => n + s.grossMinor, 0)).toBe(737);
    expect(steps.reduce((n, s) => n + s.taxMinor, 0)).toBe(123);
    expect(steps.reduce((n, s) => n + s.refundMinor, 0)).toBe(sale.totals.amountToPayMinor);
  });

  it('refunds the card first, with the card terminal reference, then cash', async () => {
    const { c, manager } = await withManager();
    const sale = expectOk(
      await c.cashier.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(c, 'nicotine')],
        tenders: [
          { kind: 'card', amount: '10.00', reference: 'AUTH-1' },
          { kind: 'cash', amount: '10.00' },
        ],
      }),
    );
    const request = { saleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'allergic reaction', idempotencyKey: payKey() };
    expect(await manager.invoke('sales.returnItems', request)).toMatchObject({ ok: false, error: { code: 'sales.cardReferenceRequired' } });
    const ret = expectOk(await manager.invoke('sales.returnItems', { ...request, cardReference: 'REFUND-7' }));
    expect(ret.refunds.map((r) => [r.kind, r.amountMinor, r.reference])).toEqual([
      ['card', 1000, 'REFUND-7'],
      ['cash', 899, null],
    ]);
  });

  it('issues a store credit on request, which pays a later sale and takes refunds back', async () => {
    const { c, manager } = await withManager();
    const sale = await sellForCash(c, [line(c, 'nicotine')], '20.00');
    const ret = expectOk(
      await manager.invoke('sales.returnItems', { saleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'gift', refundAs: 'storeCredit', idempotencyKey: payKey() }),
    );
    const code = ret.storeCreditCode ?? '';
    expect(code).toMatch(/^SC-[0-9A-F]{10}$/);
    expect(ret.refunds).toEqual([{ kind: 'storeCredit', currency: 'GBP', amountMinor: 1899, reference: code }]);
    expect(expectOk(await c.cashier.invoke('sales.getStoreCredit', { code: code.toLowerCase() })).balanceMinor).toBe(1899);
    const pay = (amount: string) =>
      c.cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines: [line(c, 'pads', 5)], tenders: [{ kind: 'storeCredit', amount, reference: code }] });
    expect(await pay('22.50')).toMatchObject({ ok: false, error: { code: 'sales.storeCreditInsufficient', details: { balanceMinor: 1899 } } });
    const second = expectOk(
      await c.cashier.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(c, 'pads', 5)],
        tenders: [
          { kind: 'storeCredit', amount: '18.99', reference: code },
          { kind: 'cash', amount: '3.51' },
        ],
      }),
    );
    expect(expectOk(await c.cashier.invoke('sales.getStoreCredit', { code })).balanceMinor).toBe(0);
    const back = expectOk(await manager.invoke('sales.returnItems', { saleId: second.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'one too many', idempotencyKey: payKey() }));
    expect(back.refunds).toEqual([{ kind: 'storeCredit', currency: 'GBP', amountMinor: 450, reference: code }]);
    expect(expectOk(await c.cashier.invoke('sales.getStoreCredit', { code })).balanceMinor).toBe(450);
  });

  it('answers a repeated return with the first one', async () => {
    const { c, manager } = await withManager();
    const sale = await sellForCash(c, [line(c, 'pads', 2)], '9.00');
    const request = { saleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'returned', idempotencyKey: payKey() };
    const first = expectOk(await manager.invoke('sales.returnItems', request));
    const again = expectOk(await manager.invoke('sales.returnItems', request));
    expect(again).toEqual({ ...first, replayed: true });
    expect(countRows(c.core, 'sale_return')).toBe(1);
    expect(await manager.invoke('sales.returnItems', { ...request, lines: [{ lineNo: 1, quantity: 2 }] })).toMatchObject({
      ok: false,
      error: { code: 'sales.idempotencyConflict' },
    });
  });

  it('refuses a cash refund the drawer cannot pay', async () => {
    const { c, manager } = await withManager();
    const sale = await sellForCash(c, [line(c, 'nicotine')], '18.99');
    expectOk(await c.cashier.invoke('shifts.recordCashMovement', { direction: 'out', amount: '110.00', reason: 'banked' }));
    expect(await manager.invoke('sales.returnItems', { saleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'returned', idempotencyKey: payKey() })).toMatchObject({
      ok: false,
      error: { code: 'shifts.cashBelowZero' },
    });
  });
});

describe('stock.releaseFromQuarantine', () => {
  it('lets a pharmacist put checked returns back on the shelf, and nobody else', async () => {
    const { c, manager } = await withManager();
    const pharmacist = await addStaff(c, 'pharmacist', 'pat', '2222');
    const sale = await sellForCash(c, [line(c, 'paracetamol', 2)], '1.78');
    expectOk(await manager.invoke('sales.returnItems', { saleId: sale.id, lines: [{ lineNo: 1, quantity: 2 }], reason: 'returned sealed', idempotencyKey: payKey() }));
    const lot = quarantineLot(c, c.products.paracetamol.id)!;
    const release = (conn: Connection, lotId: string, quantity: number) =>
      conn.invoke('stock.releaseFromQuarantine', { lotId, quantity, toLocation: 'shelf', reason: 'seals intact, checked' });
    expect(await release(c.cashier, lot.id, 16)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await release(manager, lot.id, 16)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await release(pharmacist, lot.id, 33)).toMatchObject({ ok: false, error: { code: 'stock.wouldGoNegative' } });
    expect(await release(pharmacist, c.lots.paracetamol, 1)).toMatchObject({ ok: false, error: { code: 'stock.notQuarantined' } });
    const released = expectOk(await release(pharmacist, lot.id, 16));
    expect(released).toEqual({ fromLotId: lot.id, toLotId: c.lots.paracetamol, quantity: 16, remainingInQuarantine: 16 });
    expect(onHand(c.core, c.lots.paracetamol)).toBe(320 - 32 + 16);
    expect(verifyStockProjection(c.core.db)).toEqual([]);
  });
});

describe('sales.voidSale', () => {
  it('voids a sale of the open shift with a manager override: stock back to its lot, the void points at the sale', async () => {
    const { c, manager } = await withManager();
    const sale = await sellForCash(c, [line(c, 'pads', 2)], '9.00');
    expect(await c.cashier.invoke('sales.voidSale', { saleId: sale.id, reason: 'keyed twice' })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden', details: { overridable: true, permission: 'sales.void' } },
    });
    const voided = expectOk(await c.cashier.invoke('sales.voidSale', { saleId: sale.id, reason: 'keyed twice' }, managerOverride));
    const managerId = expectOk(await manager.invoke('auth.getSession', {}))?.user.id;
    expect(voided.voided).toMatchObject({ receiptNo: 2, reason: 'keyed twice', approvedById: managerId, actorName: 'Casey Cashier' });
    expect(onHand(c.core, c.lots.pads)).toBe(200);
    expect(await manager.invoke('sales.voidSale', { saleId: sale.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'sales.alreadyVoided' } });
    expect(await manager.invoke('sales.returnItems', { saleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'returned', idempotencyKey: payKey() })).toMatchObject({
      ok: false,
      error: { code: 'sales.alreadyVoided' },
    });
    expect(expectOk(await c.cashier.invoke('sales.listSales', {})).sales[0]).toMatchObject({ status: 'voided' });
    expect(countRows(c.core, 'sale')).toBe(1);
    expect(verifyStockProjection(c.core.db)).toEqual([]);
  });

  it('refuses a sale with returns, and one from a closed shift', async () => {
    const { c, manager } = await withManager();
    const returned = await sellForCash(c, [line(c, 'pads', 2)], '9.00');
    expectOk(await manager.invoke('sales.returnItems', { saleId: returned.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'returned', idempotencyKey: payKey() }));
    expect(await manager.invoke('sales.voidSale', { saleId: returned.id, reason: 'mistake' })).toMatchObject({ ok: false, error: { code: 'sales.saleHasReturns' } });
    const earlier = await sellForCash(c, [line(c, 'pads')], '4.50');
    expectOk(await c.cashier.invoke('shifts.closeShift', { counted: '109.00' }));
    expect(await manager.invoke('sales.voidSale', { saleId: earlier.id, reason: 'mistake' })).toMatchObject({ ok: false, error: { code: 'shifts.noOpenShift' } });
    expectOk(await c.cashier.invoke('shifts.openShift', { float: '100.00' }));
    expect(await manager.invoke('sales.voidSale', { saleId: earlier.id, reason: 'mistake' })).toMatchObject({ ok: false, error: { code: 'sales.voidShiftClosed' } });
  });

  it('gives store credit back when a sale it paid is voided', async () => {
    const { c, manager } = await withManager();
    const first = await sellForCash(c, [line(c, 'pads')], '4.50');
    const ret = expectOk(
      await manager.invoke('sales.returnItems', { saleId: first.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'gift', refundAs: 'storeCredit', idempotencyKey: payKey() }),
    );
    const code = ret.storeCreditCode ?? '';
    const paid = expectOk(
      await c.cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines: [line(c, 'pads')], tenders: [{ kind: 'storeCredit', amount: '4.50', reference: code }] }),
    );
    expect(expectOk(await c.cashier.invoke('sales.getStoreCredit', { code })).balanceMinor).toBe(0);
    expectOk(await manager.invoke('sales.voidSale', { saleId: paid.id, reason: 'customer changed mind' }));
    expect(expectOk(await c.cashier.invoke('sales.getStoreCredit', { code })).balanceMinor).toBe(450);
  });
});
