import { afterEach, describe, expect, it } from 'vitest';
import { verifyStockProjection } from '../inventory/stock-ledger.js';
import { countRows, expectOk } from '../testing/index.js';
import { line, onHand, payKey, receiveStock, sellForCash, setUpCounter, EXP_LATER, EXP_PAST, type Counter } from './sales-fixtures.js';

let counter: Counter | undefined;
afterEach(() => counter?.core.dispose());

const saleTables = ['sale', 'sale_line', 'sale_tax', 'sale_payment', 'receipt', 'receipt_counter', 'stock_movement', 'audit_log', 'outbox_event', 'tax_rule_set'];
const snapshot = (c: Counter) => Object.fromEntries(saleTables.map((t) => [t, countRows(c.core, t)]));

describe('sales.completeSale', () => {
  it('sells a scanned cart for cash: receipt, tax breakdown, change, stock out of the lot, audit and sync event', async () => {
    counter = await setUpCounter();
    const { cashier, core, products, lots } = counter;
    const scanned = expectOk(await cashier.invoke('sales.lookupScan', { scan: products.paracetamol.gtins[0]! }));
    const lines = [{ ...scanned.line, quantity: 2 }, line(counter, 'nicotine'), line(counter, 'pads')];
    const before = { audit: countRows(core, 'audit_log'), outbox: countRows(core, 'outbox_event') };
    const sale = expectOk(await cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines, tenders: [{ kind: 'cash', amount: '30.00' }] }));
    expect(sale).toMatchObject({ receiptNo: 1, replayed: false, currency: 'GBP', taxRuleSetId: 'gb-vat-2011', pricing: 'inclusive' });
    expect(sale.receiptCode).toMatch(/^MR1-[0-9A-F]{8}-1$/);
    expect(sale.cashier.displayName).toBe('Casey Cashier');
    expect(sale.pharmacy.name).toBe('Riverside Pharmacy');
    // 2 × 0.89 incl. 20% VAT: 0.30 VAT; 18.99 incl. 5%: 0.90; 4.50 at 0%.
    expect(sale.totals).toEqual({
      extendedMinor: 2527,
      lineDiscountMinor: 0,
      basketDiscountMinor: 0,
      netMinor: 2407,
      taxMinor: 120,
      grossMinor: 2527,
      cashRoundingMinor: 0,
      amountToPayMinor: 2527,
      tenderedMinor: 3000,
      changeMinor: 473,
      changeRoundingMinor: 0,
    });
    expect(sale.breakdown.map((b) => [b.key, b.netMinor, b.taxMinor])).toEqual([
      ['VAT@20', 148, 30],
      ['VAT@5', 1809, 90],
      ['VAT@0', 450, 0],
    ]);
    expect(sale.lines.map((l) => [l.name, l.quantity, l.stockUnits, l.batch, l.grossMinor])).toEqual([
      ['Paracetamol 500 mg tablets', 2, 32, 'B-PARACETAMOL', 178],
      ['Nicotine 21 mg patches', 1, 7, 'B-NICOTINE', 1899],
      ['Incontinence pads', 1, 10, 'B-PADS', 450],
    ]);
    expect(sale.payments).toEqual([{ kind: 'cash', currency: 'GBP', amountMinor: 3000, rate: null, baseAmountMinor: 3000, reference: null }]);
    expect(onHand(core, lots.paracetamol)).toBe(320 - 32);
    const movements = core.db.prepare("SELECT lot_id, quantity, document_id FROM stock_movement WHERE kind = 'sale' ORDER BY seq").all();
    expect(movements).toEqual([
      { lot_id: lots.paracetamol, quantity: -32, document_id: sale.id },
      { lot_id: lots.nicotine, quantity: -7, document_id: sale.id },
      { lot_id: lots.pads, quantity: -10, document_id: sale.id },
    ]);
    expect(verifyStockProjection(core.db)).toEqual([]);
    // The default UK rule set was stored with the first sale (its own audit entry), then the sale.
    expect(countRows(core, 'audit_log')).toBe(before.audit + 2);
    expect(core.db.prepare("SELECT type FROM outbox_event WHERE type <> 'audit.entryRecorded' ORDER BY seq DESC LIMIT 1").get()).toEqual({ type: 'sales.saleCompleted' });
    // Two events of the sale, and one audit.entryRecorded per audit entry (the chain travels to the server).
    expect(countRows(core, 'outbox_event')).toBe(before.outbox + 4);
    expect(expectOk(await cashier.invoke('sales.getSale', { id: sale.id }))).toEqual({ ...sale, replayed: undefined });
  });

  it('needs an open shift on the terminal', async () => {
    counter = await setUpCounter({ openShift: false });
    expect(
      await counter.cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines: [line(counter, 'pads')], tenders: [{ kind: 'cash', amount: '4.50' }] }),
    ).toMatchObject({ ok: false, error: { code: 'shifts.noOpenShift' } });
  });

  it('refuses bad input with a specific code and writes nothing', async () => {
    counter = await setUpCounter();
    const c = counter;
    expectOk(await c.admin.invoke('sales.setExchangeRate', { currency: 'EUR', rate: '0.85' }));
    const before = snapshot(c);
    const attempt = (lines: ReturnType<typeof line>[], tenders: { kind: 'cash' | 'card' | 'foreignCash' | 'storeCredit'; amount: string; currency?: string; reference?: string }[]) =>
      c.cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines, tenders });
    const cases: [Promise<unknown>, string][] = [
      [attempt([line(c, 'pads', -1)], [{ kind: 'cash', amount: '5' }]), 'sales.invalidQuantity'],
      [attempt([line(c, 'pads', 1.5)], [{ kind: 'cash', amount: '5' }]), 'sales.invalidQuantity'],
      [attempt([line(c, 'pads')], [{ kind: 'cash', amount: '4.505' }]), 'money.tooManyDecimals'],
      [attempt([line(c, 'pads')], [{ kind: 'cash', amount: 'four' }]), 'money.invalidDecimal'],
      [attempt([line(c, 'pads')], [{ kind: 'foreignCash', currency: 'USD', amount: '10.00' }]), 'money.rateNotFound'],
      [attempt([line(c, 'pads')], [{ kind: 'cash', amount: '4.49' }]), 'money.insufficientTender'],
      [attempt([line(c, 'pads')], [{ kind: 'card', amount: '4.50' }]), 'sales.cardReferenceRequired'],
      [attempt([line(c, 'pads')], [{ kind: 'card', amount: '5.00', reference: 'A1' }]), 'money.overTender'],
      [attempt([line(c, 'pads')], [{ kind: 'cash', currency: 'EUR', amount: '5.00' }]), 'sales.invalidTender'],
      [attempt([line(c, 'pads')], [{ kind: 'storeCredit', amount: '4.50', reference: 'SC-NOTHING' }]), 'sales.storeCreditNotFound'],
      [attempt([{ ...line(c, 'pads'), productId: '01900000-0000-7000-8000-000000000000' }], [{ kind: 'cash', amount: '5' }]), 'catalog.productNotFound'],
      [attempt([{ ...line(c, 'pads'), lotId: c.lots.aspirin }], [{ kind: 'cash', amount: '5' }]), 'sales.unknownLot'],
      [attempt([line(c, 'amoxicillin')], [{ kind: 'cash', amount: '5' }]), 'sales.prescriptionRequired'],
      [attempt([], [{ kind: 'cash', amount: '5' }]), 'sales.emptyCart'],
      [attempt([line(c, 'pads', 21)], [{ kind: 'cash', amount: '100' }]), 'stock.wouldGoNegative'],
    ];
    for (const [result, code] of cases) expect(await result, code).toMatchObject({ ok: false, error: { code } });
    expect(snapshot(c)).toEqual(before);
  });

  it('refuses expired and quarantined lots even when the screen sends them', async () => {
    counter = await setUpCounter();
    const { core, products } = counter;
    const expired = receiveStock(core, products.pads.id, 'OLD', EXP_PAST, 'shelf', 10);
    const quarantined = receiveStock(core, products.pads.id, 'RET', EXP_LATER, 'quarantine', 10);
    const sell = (lotId: string) =>
      counter!.cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines: [{ ...line(counter!, 'pads'), lotId }], tenders: [{ kind: 'cash', amount: '5' }] });
    expect(await sell(expired)).toMatchObject({ ok: false, error: { code: 'stock.batchExpired' } });
    expect(await sell(quarantined)).toMatchObject({ ok: false, error: { code: 'stock.batchQuarantined' } });
  });

  it('prices from the catalog at payment, never from what the screen showed', async () => {
    counter = await setUpCounter();
    const { cashier, admin, products } = counter;
    const shown = expectOk(await cashier.invoke('sales.priceCart', { lines: [line(counter, 'pads')] }));
    expect(shown.totals.grossMinor).toBe(450);
    expectOk(await admin.invoke('catalog.updatePrice', { id: products.pads.id, priceMinor: 500 }));
    expect(
      await cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines: [line(counter, 'pads')], tenders: [{ kind: 'cash', amount: '4.50' }] }),
    ).toMatchObject({ ok: false, error: { code: 'money.insufficientTender', details: { remainingMinor: 50 } } });
  });

  it('takes card with its approval code, split with cash', async () => {
    counter = await setUpCounter();
    const sale = expectOk(
      await counter.cashier.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(counter, 'nicotine')],
        tenders: [
          { kind: 'card', amount: '10.00', reference: 'AUTH-0042' },
          { kind: 'cash', amount: '10.00' },
        ],
      }),
    );
    expect(sale.payments.map((p) => [p.kind, p.amountMinor, p.reference])).toEqual([
      ['card', 1000, 'AUTH-0042'],
      ['cash', 1000, null],
    ]);
    expect(sale.totals.changeMinor).toBe(101);
  });

  it('takes foreign cash at the posted rate, rounding the conversion down, and gives change in pounds', async () => {
    counter = await setUpCounter();
    const { admin, cashier } = counter;
    expectOk(await admin.invoke('sales.setExchangeRate', { currency: 'EUR', rate: '0.8537' }));
    const sale = expectOk(
      await cashier.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(counter, 'nicotine')],
        tenders: [{ kind: 'foreignCash', currency: 'EUR', amount: '25.00' }],
      }),
    );
    // EUR 25.00 × 0.8537 = GBP 21.3425 → 21.34; change 21.34 − 18.99 = 2.35.
    expect(sale.payments).toEqual([{ kind: 'foreignCash', currency: 'EUR', amountMinor: 2500, rate: '0.8537', baseAmountMinor: 2134, reference: null }]);
    expect(sale.totals).toMatchObject({ tenderedMinor: 2134, changeMinor: 235, changeRoundingMinor: 0 });
  });

  it('lets a manager set exchange rates as exact decimals, refusing zero, negative and malformed ones', async () => {
    counter = await setUpCounter();
    const { admin, cashier } = counter;
    for (const rate of ['0', '0.000', '-1.2', '1e3', '1/2', 'abc']) {
      expect(await admin.invoke('sales.setExchangeRate', { currency: 'EUR', rate }), rate).toMatchObject({ ok: false, error: { code: 'sales.invalidExchangeRate' } });
    }
    expect(await admin.invoke('sales.setExchangeRate', { currency: 'GBP', rate: '1' })).toMatchObject({ ok: false, error: { code: 'sales.invalidExchangeRate' } });
    expect(await admin.invoke('sales.setExchangeRate', { currency: 'XYZ', rate: '1' })).toMatchObject({ ok: false, error: { code: 'money.unknownCurrency' } });
    expect(await cashier.invoke('sales.setExchangeRate', { currency: 'EUR', rate: '0.85' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(expectOk(await admin.invoke('sales.setExchangeRate', { currency: 'EUR', rate: '0.85' })).rates).toMatchObject([{ currency: 'EUR', rate: '0.85' }]);
    expect(expectOk(await cashier.invoke('sales.listExchangeRates', {}))).toMatchObject({ base: 'GBP', rates: [{ currency: 'EUR', rate: '0.85' }] });
    expect(expectOk(await admin.invoke('sales.setExchangeRate', { currency: 'EUR', rate: null })).rates).toEqual([]);
  });

  it('returns the first sale for a double-pressed Pay and never sells twice', async () => {
    counter = await setUpCounter();
    const { cashier, core, lots } = counter;
    const request = { idempotencyKey: payKey(), lines: [line(counter, 'pads')], tenders: [{ kind: 'cash' as const, amount: '5.00' }] };
    const [first, second] = await Promise.all([cashier.invoke('sales.completeSale', request), cashier.invoke('sales.completeSale', request)]);
    const a = expectOk(first);
    const b = expectOk(second);
    expect([a.replayed, b.replayed]).toEqual([false, true]);
    expect({ ...b, replayed: false }).toEqual(a);
    const third = expectOk(await cashier.invoke('sales.completeSale', { ...request, tenders: [{ amount: '5.00', kind: 'cash' }] }));
    expect(third.id).toBe(a.id);
    expect(countRows(core, 'sale')).toBe(1);
    expect(onHand(core, lots.pads)).toBe(190);
    expect(await cashier.invoke('sales.completeSale', { ...request, lines: [line(counter, 'pads', 2)] })).toMatchObject({
      ok: false,
      error: { code: 'sales.idempotencyConflict', details: { saleId: a.id } },
    });
  });

  it('numbers receipts without gaps under concurrent invokes, failures included', async () => {
    counter = await setUpCounter();
    const c = counter;
    const other = c.core.connect();
    expectOk(await other.invoke('auth.pinLogin', { username: 'casey', pin: '1357' }));
    const connections = [c.cashier, other, c.admin];
    const calls = Array.from({ length: 18 }, (_, i) =>
      connections[i % 3]!.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(c, 'pads')],
        // Every third call is short of the amount due and must not take a number.
        tenders: [{ kind: 'cash', amount: i % 3 === 2 ? '1.00' : '5.00' }],
      }),
    );
    const results = await Promise.all(calls);
    const numbers = results.filter((r) => r.ok).map((r) => (r.ok ? r.value.receiptNo : 0));
    expect(results.filter((r) => !r.ok)).toHaveLength(6);
    expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(c.core.db.prepare('SELECT last_no FROM receipt_counter').get()).toEqual({ last_no: 12 });
  });

  it('leaves nothing behind when a later step of the transaction fails', async () => {
    counter = await setUpCounter();
    const { core, cashier, lots } = counter;
    const before = snapshot(counter);
    // The sync event is the last thing written; make it fail after the sale, lines, payments, stock and audit.
    core.db.exec(`CREATE TEMP TRIGGER fail_sale_event BEFORE INSERT ON outbox_event WHEN NEW.type = 'sales.saleCompleted'
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const r = await cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines: [line(counter, 'pads', 2)], tenders: [{ kind: 'cash', amount: '9.00' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'api.internal' } });
    expect(snapshot(counter)).toEqual(before);
    expect(onHand(core, lots.pads)).toBe(200);
    core.db.exec('DROP TRIGGER temp.fail_sale_event');
    const sale = expectOk(await cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines: [line(counter, 'pads', 2)], tenders: [{ kind: 'cash', amount: '9.00' }] }));
    expect(sale.receiptNo).toBe(1);
  });

  it('sells past the ledger only when the store allows it, and flags the sale for a manager', async () => {
    counter = await setUpCounter();
    const { admin, cashier, core, lots } = counter;
    const request = () => ({ idempotencyKey: payKey(), lines: [line(counter!, 'pads', 21)], tenders: [{ kind: 'cash' as const, amount: '100' }] });
    expect(await cashier.invoke('sales.completeSale', request())).toMatchObject({
      ok: false,
      error: { code: 'stock.wouldGoNegative', details: { onHand: 200, requested: 210 } },
    });
    expectOk(await admin.invoke('sales.updatePolicy', { allowNegativeStock: true }));
    const sale = expectOk(await cashier.invoke('sales.completeSale', request()));
    expect(sale.negativeStock).toBe(true);
    expect(sale.lines[0]?.negativeStock).toBe(true);
    expect(onHand(core, lots.pads)).toBe(-10);
    expect(core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'stock.negativeStock'").get()).toEqual({ n: 1 });
    expect(core.db.prepare("SELECT count(*) AS n FROM outbox_event WHERE type = 'stock.negativeStockFlagged'").get()).toEqual({ n: 1 });
    expect(verifyStockProjection(core.db)).toEqual([]);
  });
});

describe('finding sales', () => {
  it('finds a sale by its receipt barcode (with or without a symbology identifier) or by number', async () => {
    counter = await setUpCounter();
    const sale = await sellForCash(counter, [line(counter, 'pads')], '5');
    for (const receipt of [sale.receiptCode, `]C0${sale.receiptCode}`, sale.receiptCode.toLowerCase(), '1']) {
      expect(expectOk(await counter.cashier.invoke('sales.findByReceipt', { receipt })).id, receipt).toBe(sale.id);
    }
    expect(await counter.cashier.invoke('sales.findByReceipt', { receipt: 'MR1-00000000-1' })).toMatchObject({ ok: false, error: { code: 'sales.receiptNotFound' } });
    expect(await counter.cashier.invoke('sales.getSale', { id: '01900000-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'sales.saleNotFound' } });
  });

  it('lists recent sales newest first, a page at a time', async () => {
    counter = await setUpCounter();
    for (let i = 0; i < 5; i++) await sellForCash(counter, [line(counter, 'pads')], '5');
    const first = expectOk(await counter.cashier.invoke('sales.listSales', { limit: 2 }));
    expect(first.sales.map((s) => s.receiptNo)).toEqual([5, 4]);
    const second = expectOk(await counter.cashier.invoke('sales.listSales', { limit: 2, cursor: first.nextCursor ?? 0 }));
    expect(second.sales.map((s) => s.receiptNo)).toEqual([3, 2]);
    const last = expectOk(await counter.cashier.invoke('sales.listSales', { limit: 2, cursor: second.nextCursor ?? 0 }));
    expect(last).toMatchObject({ sales: [{ receiptNo: 1, status: 'completed', grossMinor: 450, lineCount: 1 }], nextCursor: null });
  });
});
