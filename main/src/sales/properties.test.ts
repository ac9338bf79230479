import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../core.js';
import type { InputOf, NewProduct } from '../contract.js';
import { verifyStockProjection } from '../inventory/stock-ledger.js';
import { ADMIN, countRows, createTestCore, expectOk, PHARMACY, type TestCore } from '../testing/index.js';
import { counterProducts, EXP_LATER, receiveStock } from './sales-fixtures.js';

// A Swiss counter: CHF cash is rounded to 0.05, and EUR notes are taken at an exact rate, so every sale
// exercises conversion, cash rounding and change.
let core: TestCore;
let till: Connection;
const products: { id: string; lotId: string; packSize: number }[] = [];
const STOCK_PACKS = 10_000;

beforeAll(async () => {
  core = createTestCore({ seed: 7 });
  till = core.connect();
  expectOk(await till.invoke('setup.initialize', { pharmacy: { ...PHARMACY, baseCurrency: 'CHF' }, admin: ADMIN }));
  for (const key of ['ibuprofen', 'nicotine', 'pads', 'paracetamol'] as const) {
    const p: NewProduct = counterProducts[key];
    const product = expectOk(await till.invoke('catalog.createProduct', p));
    products.push({ id: product.id, lotId: receiveStock(core, product.id, 'PROP', EXP_LATER, 'shelf', STOCK_PACKS * p.packSize), packSize: p.packSize });
  }
  expectOk(await till.invoke('sales.setExchangeRate', { currency: 'EUR', rate: '0.9312' }));
  expectOk(await till.invoke('shifts.openShift', { float: '200.00' }));
});
afterAll(() => core?.dispose());

const lineArb = fc.record({
  product: fc.integer({ min: 0, max: 3 }),
  quantity: fc.integer({ min: 1, max: 3 }),
  unit: fc.constantFrom('pack' as const, 'unit' as const),
  percent: fc.constantFrom(0, 0, 5, 12.5, 30),
});

const tenderArb = fc.record({
  cardShare: fc.constantFrom(0, 0, 0.5, 1),
  extraCash: fc.integer({ min: -30, max: 2000 }),
  foreign: fc.boolean(),
});

const opArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sell' as const), lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }), tender: tenderArb, basketPercent: fc.constantFrom(0, 0, 10) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), line: fc.nat(), quantity: fc.integer({ min: 1, max: 3 }), credit: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }) },
);

type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const tables = ['sale', 'sale_line', 'sale_payment', 'sale_return', 'sale_return_line', 'sale_void', 'stock_movement', 'receipt', 'audit_log', 'outbox_event'];
const counts = () => tables.map((t) => countRows(core, t));
let key = 0;

async function run(op: Op, sales: string[]): Promise<boolean> {
  key += 1;
  if (op.kind === 'sell') {
    const lines = op.lines.map((l) => ({
      productId: products[l.product]!.id,
      lotId: products[l.product]!.lotId,
      quantity: l.quantity,
      unit: l.unit,
      ...(l.percent > 0 ? { discount: { percent: String(l.percent) } } : {}),
    }));
    const cart = { lines, ...(op.basketPercent > 0 ? { basketDiscount: { percent: String(op.basketPercent) } } : {}) };
    const priced = await till.invoke('sales.priceCart', cart);
    if (!priced.ok) return false;
    const due = priced.value.totals.grossMinor;
    const card = Math.floor(due * op.tender.cardShare);
    const cash = Math.max(0, due - card + op.tender.extraCash);
    const tenders: InputOf<'sales.completeSale'>['tenders'] = [];
    if (card > 0) tenders.push({ kind: 'card', amount: (card / 100).toFixed(2), reference: `A${key}` });
    if (cash > 0) {
      tenders.push(
        op.tender.foreign
          ? { kind: 'foreignCash', currency: 'EUR', amount: ((Math.ceil(cash / 0.9312) + 5) / 100).toFixed(2) }
          : { kind: 'cash', amount: (cash / 100).toFixed(2) },
      );
    }
    const r = await till.invoke('sales.completeSale', { ...cart, idempotencyKey: `prop-sale-${key}`, tenders });
    if (r.ok) sales.push(r.value.id);
    return r.ok;
  }
  const saleId = sales.length === 0 ? null : sales[op.pick % sales.length]!;
  if (saleId === null) return false;
  if (op.kind === 'void') return (await till.invoke('sales.voidSale', { saleId, reason: 'property test' })).ok;
  const sale = expectOk(await till.invoke('sales.getSale', { id: saleId }));
  const target = sale.lines[op.line % sale.lines.length]!;
  const r = await till.invoke('sales.returnItems', {
    saleId,
    lines: [{ lineNo: target.lineNo, quantity: op.quantity }],
    reason: 'property test',
    refundAs: op.credit ? 'storeCredit' : 'original',
    cardReference: `R${key}`,
    idempotencyKey: `prop-return-${key}`,
  });
  return r.ok;
}

type SaleRow = { id: string; gross_minor: number; cash_rounding_minor: number; amount_to_pay_minor: number; tendered_minor: number; change_minor: number; change_rounding_minor: number };

function checkInvariants(): void {
  expect(verifyStockProjection(core.db)).toEqual([]);
  for (const s of core.db.prepare('SELECT * FROM sale').all() as SaleRow[]) {
    const paid = core.db.prepare('SELECT coalesce(sum(base_amount_minor), 0) AS n FROM sale_payment WHERE sale_id = ?').get(s.id) as { n: number };
    expect(paid.n).toBe(s.tendered_minor);
    expect(s.amount_to_pay_minor).toBe(s.gross_minor + s.cash_rounding_minor);
    expect(s.tendered_minor - s.amount_to_pay_minor).toBe(s.change_minor + s.change_rounding_minor);
    expect(s.change_minor % 5).toBe(0);
    const refunds = core.db.prepare('SELECT coalesce(sum(refund_minor), 0) AS n FROM sale_return WHERE sale_id = ?').get(s.id) as { n: number };
    expect(refunds.n).toBeLessThanOrEqual(s.amount_to_pay_minor);
  }
  const over = core.db
    .prepare(
      `SELECT l.sale_id, l.line_no FROM sale_line l
       WHERE l.quantity < (SELECT coalesce(sum(rl.quantity), 0) FROM sale_return r JOIN sale_return_line rl ON rl.return_id = r.id
                           WHERE r.sale_id = l.sale_id AND rl.line_no = l.line_no)`,
    )
    .all();
  expect(over).toEqual([]);
  for (const p of products) {
    // Every unit is somewhere: what was received, less what left in sales that stand, is in stock (shelf or quarantine).
    const left = core.db
      .prepare(
        `SELECT coalesce(sum(l.stock_units), 0) AS n FROM sale_line l WHERE l.product_id = ?
         AND NOT EXISTS (SELECT 1 FROM sale_void v WHERE v.sale_id = l.sale_id)`,
      )
      .get(p.id) as { n: number };
    const returned = core.db
      .prepare('SELECT coalesce(sum(rl.stock_units), 0) AS n FROM sale_return_line rl JOIN sale_line l ON l.sale_id = (SELECT sale_id FROM sale_return WHERE id = rl.return_id) AND l.line_no = rl.line_no WHERE l.product_id = ?')
      .get(p.id) as { n: number };
    const inStock = core.db.prepare('SELECT coalesce(sum(on_hand), 0) AS n FROM stock_balance WHERE product_id = ?').get(p.id) as { n: number };
    expect(inStock.n).toBe(STOCK_PACKS * p.packSize - left.n + returned.n);
  }
}

async function drawerReconciles(): Promise<void> {
  const x = expectOk(await till.invoke('shifts.getXReport', {}));
  const q = (sql: string) => (core.db.prepare(sql).get() as { n: number }).n;
  const keptBySales = q("SELECT coalesce(sum(amount_minor), 0) AS n FROM sale_payment WHERE kind = 'cash'") - q('SELECT coalesce(sum(change_minor), 0) AS n FROM sale');
  const voided =
    q("SELECT coalesce(sum(p.amount_minor), 0) AS n FROM sale_void v JOIN sale_payment p ON p.sale_id = v.sale_id WHERE p.kind = 'cash'") -
    q('SELECT coalesce(sum(s.change_minor), 0) AS n FROM sale_void v JOIN sale s ON s.id = v.sale_id');
  const refunded = q("SELECT coalesce(sum(amount_minor), 0) AS n FROM sale_return_payment WHERE kind = 'cash'");
  expect(x.cash.expectedMinor).toBe(20000 + keptBySales - voided - refunded);
  expect(x.sales.grossMinor - x.returns.grossMinor - x.voids.grossMinor).toBe(x.netSalesMinor);
  const taxByRate = x.byTaxRate.reduce((n, r) => n + r.salesTaxMinor, 0);
  expect(taxByRate).toBe(x.sales.taxMinor);
}

describe('any sequence of sales, returns and voids', () => {
  it('keeps stock equal to the fold of the ledger, tenders reconciled, and a failed command writes nothing', async () => {
    const sales: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const op of ops) {
          const before = counts();
          const ok = await run(op, sales);
          if (!ok) expect(counts()).toEqual(before);
          checkInvariants();
        }
        await drawerReconciles();
      }),
      { numRuns: 25, seed: 20261127 },
    );
    expect(sales.length).toBeGreaterThan(10);
    expect(countRows(core, 'sale_return')).toBeGreaterThan(5);
    expect(countRows(core, 'sale_void')).toBeGreaterThan(1);
    expect(countRows(core, 'sale_payment')).toBeGreaterThan(sales.length);
  });
});
