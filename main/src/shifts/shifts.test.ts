import { afterEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { addStaff, line, payKey, sellForCash, setUpCounter, type Counter } from '../sales/sales-fixtures.js';

let counter: Counter | undefined;
afterEach(() => counter?.core.dispose());

describe('opening a shift and moving cash', () => {
  it('opens one shift per terminal with a float, and hides the expected cash while it is open', async () => {
    counter = await setUpCounter({ openShift: false });
    const { cashier } = counter;
    expect(expectOk(await cashier.invoke('shifts.getCurrentShift', {}))).toBeNull();
    expect(await cashier.invoke('shifts.openShift', { float: '-5' })).toMatchObject({ ok: false, error: { code: 'money.negativeAmount' } });
    expect(await cashier.invoke('shifts.openShift', { float: '5.001' })).toMatchObject({ ok: false, error: { code: 'money.tooManyDecimals' } });
    const shift = expectOk(await cashier.invoke('shifts.openShift', { float: '150.00' }));
    expect(shift).toMatchObject({ status: 'open', floatMinor: 15000, currency: 'GBP', openedBy: { displayName: 'Casey Cashier' }, expectedMinor: null });
    expect(await cashier.invoke('shifts.openShift', { float: '10' })).toMatchObject({ ok: false, error: { code: 'shifts.alreadyOpen', details: { shiftId: shift.id } } });
    expect(expectOk(await cashier.invoke('shifts.getCurrentShift', {}))).toEqual(shift);
  });

  it('records cash in and out with a reason, and refuses taking out more than the drawer holds without saying how much', async () => {
    counter = await setUpCounter();
    const { cashier } = counter;
    const paidIn = expectOk(await cashier.invoke('shifts.recordCashMovement', { direction: 'in', amount: '20.00', reason: 'more change' }));
    expect(paidIn).toMatchObject({ direction: 'in', amountMinor: 2000, reason: 'more change', actorName: 'Casey Cashier' });
    const refused = await cashier.invoke('shifts.recordCashMovement', { direction: 'out', amount: '120.01', reason: 'banking' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'shifts.cashBelowZero' } });
    expect(refused.ok ? null : refused.error.details).toBeUndefined();
    expectOk(await cashier.invoke('shifts.recordCashMovement', { direction: 'out', amount: '120.00', reason: 'banking' }));
  });
});

describe('X and Z reports', () => {
  it('sums a shift by tender, tax rate, returns, voids, discounts and cash movements, and closes it on a blind count', async () => {
    counter = await setUpCounter();
    const c = counter;
    const manager = await addStaff(c, 'manager', 'morgan', '8642');
    expectOk(await c.admin.invoke('sales.setExchangeRate', { currency: 'EUR', rate: '0.85' }));
    const first = await sellForCash(c, [line(c, 'paracetamol', 2), line(c, 'pads')], '30.00');
    expectOk(
      await c.cashier.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(c, 'nicotine', 1, { discount: { percent: '5' } })],
        tenders: [{ kind: 'card', amount: '18.04', reference: 'AUTH-9' }],
      }),
    );
    expectOk(
      await c.cashier.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(c, 'pads')],
        tenders: [{ kind: 'foreignCash', currency: 'EUR', amount: '10.00' }],
      }),
    );
    const voided = await sellForCash(c, [line(c, 'pads')], '5.00');
    expectOk(await manager.invoke('sales.voidSale', { saleId: voided.id, reason: 'keyed by mistake' }));
    expectOk(await manager.invoke('sales.returnItems', { saleId: first.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'returned', idempotencyKey: payKey() }));
    expectOk(await c.cashier.invoke('shifts.recordCashMovement', { direction: 'in', amount: '20.00', reason: 'more change' }));
    expectOk(await c.cashier.invoke('shifts.recordCashMovement', { direction: 'out', amount: '50.00', reason: 'banked' }));

    expect(await c.cashier.invoke('shifts.getXReport', {})).toMatchObject({ ok: false, error: { code: 'auth.forbidden', details: { overridable: true } } });
    const x = expectOk(await manager.invoke('shifts.getXReport', {}));
    // Sales: 2 × 0.89 + 4.50 (cash 30.00); 18.99 less 5% = 18.04 (card); 4.50 (EUR 10.00 at 0.85); 4.50 (cash 5.00, voided).
    expect(x).toMatchObject({ kind: 'X', count: null, netSalesMinor: 3332 - 89 - 450, changeGivenMinor: 2372 + 400 + 50 });
    expect(x.sales).toEqual({ count: 4, extendedMinor: 3427, discountMinor: 95, netMinor: 3216, taxMinor: 116, grossMinor: 3332, cashRoundingMinor: 0 });
    expect(x.discounts).toEqual({ salesWithDiscount: 1, lineDiscountMinor: 95, basketDiscountMinor: 0, totalMinor: 95 });
    expect(x.byTender).toEqual([
      { kind: 'card', currency: 'GBP', count: 1, amountMinor: 1804, baseAmountMinor: 1804 },
      { kind: 'cash', currency: 'GBP', count: 2, amountMinor: 3500, baseAmountMinor: 3500 },
      { kind: 'foreignCash', currency: 'EUR', count: 1, amountMinor: 1000, baseAmountMinor: 850 },
    ]);
    const rate = (key: string) => x.byTaxRate.find((r) => r.key === key);
    expect(rate('VAT@20')).toMatchObject({ salesNetMinor: 148, salesTaxMinor: 30, returnsNetMinor: 74, returnsTaxMinor: 15, netMinor: 74, taxMinor: 15 });
    expect(rate('VAT@5')).toMatchObject({ salesNetMinor: 1718, salesTaxMinor: 86, netMinor: 1718, taxMinor: 86 });
    expect(rate('VAT@0')).toMatchObject({ salesNetMinor: 1350, voidsNetMinor: 450, netMinor: 900, taxMinor: 0 });
    expect(x.returns).toEqual({
      count: 1,
      grossMinor: 89,
      netMinor: 74,
      taxMinor: 15,
      refundMinor: 89,
      byTender: [{ kind: 'cash', currency: 'GBP', count: 1, amountMinor: 89, baseAmountMinor: 89 }],
    });
    expect(x.voids).toEqual({ count: 1, grossMinor: 450, byTender: [{ kind: 'cash', currency: 'GBP', count: 1, amountMinor: 500, baseAmountMinor: 500 }] });
    expect(x.cashMovements).toMatchObject({ inMinor: 2000, outMinor: 5000, items: [{ reason: 'more change' }, { reason: 'banked' }] });
    // 100.00 float + 6.78 kept from sales − 4.50 voided − 0.89 refunded + 20.00 in − 50.00 out.
    expect(x.cash).toEqual({ floatMinor: 10000, salesMinor: 678, refundsMinor: 89, voidsMinor: 450, movementsInMinor: 2000, movementsOutMinor: 5000, expectedMinor: 7139 });
    expect(x.foreignCash).toEqual([{ currency: 'EUR', expectedMinor: 1000, countedMinor: null, overShortMinor: null }]);

    const closed = expectOk(await c.cashier.invoke('shifts.closeShift', { counted: '71.00', foreignCounted: [{ currency: 'EUR', amount: '10' }], note: 'one coin short' }));
    expect(closed.shift).toMatchObject({ status: 'closed', countedMinor: 7100, expectedMinor: 7139, overShortMinor: -39, closedBy: { displayName: 'Casey Cashier' } });
    expect(closed.report).toMatchObject({
      kind: 'Z',
      count: { countedMinor: 7100, overShortMinor: -39, note: 'one coin short' },
      foreignCash: [{ currency: 'EUR', expectedMinor: 1000, countedMinor: 1000, overShortMinor: 0 }],
    });
    expect({ ...closed.report, kind: 'X', count: null, closedAt: null, closedBy: null, foreignCash: x.foreignCash }).toEqual(x);
    expect(expectOk(await manager.invoke('shifts.getZReport', { shiftId: closed.shift.id }))).toEqual(closed.report);
    expect(expectOk(await c.cashier.invoke('shifts.getCurrentShift', {}))).toBeNull();
    expect(await c.cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines: [line(c, 'pads')], tenders: [{ kind: 'cash', amount: '5' }] })).toMatchObject({
      ok: false,
      error: { code: 'shifts.noOpenShift' },
    });
    const next = expectOk(await c.cashier.invoke('shifts.openShift', { float: '71.00' }));
    expect(await manager.invoke('shifts.getZReport', { shiftId: next.id })).toMatchObject({ ok: false, error: { code: 'shifts.stillOpen' } });
    expect(await manager.invoke('shifts.getZReport', { shiftId: '01900000-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'shifts.notFound' } });
    const listed = expectOk(await manager.invoke('shifts.listShifts', {}));
    expect(listed.shifts.map((s) => s.status)).toEqual(['open', 'closed']);
  });

  it('lets a cashier see the X report only with a manager override', async () => {
    counter = await setUpCounter();
    await addStaff(counter, 'manager', 'morgan', '8642');
    const x = expectOk(await counter.cashier.invoke('shifts.getXReport', {}, { override: { username: 'morgan', secret: '8642', reason: 'mid-shift check' } }));
    expect(x.cash.expectedMinor).toBe(10000);
  });
});
