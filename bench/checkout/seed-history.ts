// Rule: the seeded sales history holds the same rows completing a sale writes (receipt, sale, lines, taxes,
// payment, one stock movement per line, the shift it belongs to), priced by the same money engine under the
// same stored tax rule set, with gapless receipt numbers, so that the measured commands run on a store that
// looks like a terminal after years of trading. Bulk SQL in transactions: a million commands would take hours.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  activeTaxRules,
  buildShiftReport,
  canonicalJson,
  priceBasket,
  receiptCode,
  requestDigest,
  salesStore,
  settleTender,
  sha256Hex,
  shiftsStore,
  type PricedBasket,
  type ShiftRow,
  type TaxRuleSet,
  type TenderState,
} from '@mortar/main/testing';
import type { Rand } from './rand.js';
import type { BenchProduct } from './seed-catalog.js';

export type HistoryOptions = {
  sales: number;
  salesPerShift: number;
  deviceId: string;
  terminalName: string;
  cashier: { id: string; displayName: string };
  /** Shifts run one a day, the last one ending the day before this. */
  until: number;
  onProgress?: (done: number) => void;
};

export type HistorySummary = { sales: number; lines: number; shifts: number; firstSaleAt: number; lastSaleAt: number; taxRuleSetNum: number };

const DAY = 86_400_000;

/** A UUIDv7-shaped id for a past instant: time-ordered, so history ids sort before the live terminal's. */
export function pastId(ms: number, seq: number): string {
  const t = ms.toString(16).padStart(12, '0');
  const s = seq.toString(16).padStart(15, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${s.slice(0, 3)}-8${s.slice(3, 6)}-000${s.slice(6, 15)}`;
}

function decimal(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/** Stores the rule set in force as the first sale would (ensureStoredTaxRules), and returns its number. */
function storeRules(db: Database, at: number): { num: number; rules: TaxRuleSet } {
  const active = activeTaxRules(db, 'GBP');
  if (active.num !== null) return { num: active.num, rules: active.rules };
  const json = canonicalJson(active.rules);
  const info = db
    .prepare(`INSERT INTO tax_rule_set (id, rule_set_id, rules, digest, source, set_at, set_by) VALUES (?, ?, ?, ?, 'default', ?, NULL)`)
    .run(pastId(at, 0), active.rules.id, json, sha256Hex(json), at);
  return { num: Number(info.lastInsertRowid), rules: active.rules };
}

type Line = { product: BenchProduct; lot: BenchProduct['lots'][number]; quantity: number };

/** A counter basket: one to four distinct over-the-counter products, at most one pack of a limited ingredient. */
function basket(rand: Rand, sellable: readonly BenchProduct[]): Line[] {
  const r = rand.next();
  const n = r < 0.45 ? 1 : r < 0.75 ? 2 : r < 0.9 ? 3 : 4;
  const lines: Line[] = [];
  const groups = new Set<string>();
  while (lines.length < n) {
    const product = rand.pick(sellable);
    if (lines.some((l) => l.product === product)) continue;
    if (product.limitGroup !== null) {
      if (groups.has(product.limitGroup)) continue;
      groups.add(product.limitGroup);
    }
    const quantity = product.limitGroup === null && rand.next() < 0.15 ? 2 : 1;
    lines.push({ product, lot: product.lots[rand.next() < 0.8 ? 0 : 1]!, quantity });
  }
  return lines;
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

type BasketLine = { unitPriceMinor: number; quantity: number; taxCategory: string };

/**
 * Prices baskets with the money engine at the cost of a map lookup. Under line-level rounding a line's
 * figures do not depend on the other lines, so a basket is its lines priced alone, totals summed and the
 * breakdown merged per key in the engine's row order. Every `checkEvery`th basket is priced by the engine
 * too and must come out identical, so the shortcut can never drift from what the core would have written.
 */
function basketPricer(rules: TaxRuleSet, checkEvery: number) {
  const engine = (lines: readonly BasketLine[]) =>
    unwrap(priceBasket({ currency: 'GBP', rules, lines: lines.map((l, i) => ({ id: String(i + 1), ...l })) }));
  const single = new Map<string, PricedBasket>();
  const everyCategory = engine(Object.keys(rules.categories).map((taxCategory) => ({ unitPriceMinor: 1000, quantity: 1, taxCategory })));
  const rowOrder = new Map(everyCategory.breakdown.map((b, i) => [b.key, i]));
  let priced = 0;
  return (lines: readonly BasketLine[]): PricedBasket => {
    priced += 1;
    if (rules.rounding.level !== 'line' || priced % checkEvery === 0) {
      const exact = engine(lines);
      if (rules.rounding.level !== 'line') return exact;
      const composed = compose(lines);
      if (JSON.stringify(composed) !== JSON.stringify(exact)) {
        throw new Error(`the composed basket differs from the engine's: ${JSON.stringify({ composed, exact })}`);
      }
      return exact;
    }
    return compose(lines);
  };

  function compose(lines: readonly BasketLine[]): PricedBasket {
    const parts = lines.map((l) => {
      const key = `${l.unitPriceMinor}|${l.quantity}|${l.taxCategory}`;
      let p = single.get(key);
      if (!p) {
        p = engine([l]);
        single.set(key, p);
      }
      return p;
    });
    const first = parts[0]!;
    const totals = { extendedMinor: 0, lineDiscountMinor: 0, basketDiscountMinor: 0, netMinor: 0, taxMinor: 0, grossMinor: 0 };
    const rows = new Map<string, PricedBasket['breakdown'][number]>();
    for (const p of parts) {
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += p.totals[k];
      for (const b of p.breakdown) {
        const row = rows.get(b.key);
        if (row) rows.set(b.key, { ...row, netMinor: row.netMinor + b.netMinor, baseMinor: row.baseMinor + b.baseMinor, taxMinor: row.taxMinor + b.taxMinor });
        else rows.set(b.key, { ...b });
      }
    }
    return {
      ...first,
      lines: parts.map((p, i) => ({ ...p.lines[0]!, id: String(i + 1) })),
      totals,
      breakdown: [...rows.values()].sort((a, b) => (rowOrder.get(a.key) ?? 99) - (rowOrder.get(b.key) ?? 99)),
    };
  }
}

export function seedHistory(db: Database, products: readonly BenchProduct[], rand: Rand, o: HistoryOptions): HistorySummary {
  const sellable = products.filter((p) => p.sellable);
  const shifts = Math.ceil(o.sales / o.salesPerShift);
  const firstDay = Math.floor(o.until / DAY) * DAY - shifts * DAY;
  const store = salesStore(db);
  const shiftStore = shiftsStore(db);
  const movement = db.prepare(
    `INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, actor_id, document_type, document_id, reason)
     VALUES (?, ?, ?, 'sale', ?, ?, ?, 'sale', ?, NULL)`,
  );
  const counter = db.prepare('INSERT INTO receipt_counter (device_id, last_no) VALUES (?, ?) ON CONFLICT (device_id) DO UPDATE SET last_no = excluded.last_no');
  const { num: ruleSetNum, rules } = storeRules(db, firstDay);
  const price = basketPricer(rules, 97);
  const settled = new Map<string, TenderState>();
  const settleOnce = (cash: boolean, gross: number, tendered: number): TenderState => {
    const key = `${cash ? 'cash' : 'card'}|${gross}|${tendered}`;
    let state = settled.get(key);
    if (!state) {
      state = unwrap(
        settleTender({ currency: 'GBP', dueMinor: gross, tenders: [{ id: '0', kind: cash ? 'cash' : 'card', currency: 'GBP', amountMinor: tendered }], rates: { base: 'GBP', rates: {} } }),
      );
      settled.set(key, state);
    }
    return state;
  };
  let seq = 1;
  let receiptNo = (db.prepare<[string], { last_no: number }>('SELECT last_no FROM receipt_counter WHERE device_id = ?').get(o.deviceId)?.last_no ?? 0);
  let lines = 0;
  let firstSaleAt = 0;
  let lastSaleAt = 0;
  let done = 0;

  const oneShift = (day: number, count: number) => {
    const openedAt = firstDay + day * DAY + 8 * 3_600_000;
    const shiftId = pastId(openedAt, seq++);
    shiftStore.insert({ id: shiftId, device_id: o.deviceId, currency: 'GBP', float_minor: 10_000, opened_at: openedAt, opened_by: o.cashier.id });
    const step = Math.floor((10 * 3_600_000) / count);
    for (let j = 0; j < count; j++) {
      const at = openedAt + 60_000 + j * step;
      const cart = basket(rand, sellable);
      const priced = price(cart.map((l) => ({ unitPriceMinor: l.product.priceMinor, quantity: l.quantity, taxCategory: l.product.taxCategory })));
      const gross = priced.totals.grossMinor;
      const cash = rand.next() < 0.6;
      const tendered = cash && rand.next() < 0.7 ? Math.ceil((gross + 1) / 500) * 500 : gross;
      const reference = cash ? undefined : `AUTH${String(seq).padStart(6, '0')}`;
      const state = settleOnce(cash, gross, tendered);
      receiptNo += 1;
      const id = pastId(at, seq++);
      const code = receiptCode(o.deviceId, receiptNo);
      const idempotencyKey = `history-${String(receiptNo).padStart(9, '0')}`;
      const input = {
        lines: cart.map((l) => ({ productId: l.product.id, lotId: l.lot.id, quantity: l.quantity, unit: 'pack' as const })),
        tenders: [{ kind: cash ? 'cash' : 'card', amount: decimal(tendered), ...(reference ? { reference } : {}) }],
        idempotencyKey,
      };
      store.insertReceipt({ code, device_id: o.deviceId, receipt_no: receiptNo, kind: 'sale', document_id: id, sale_id: id, at });
      store.insertSale({
        id,
        device_id: o.deviceId,
        shift_id: shiftId,
        receipt_no: receiptNo,
        receipt_code: code,
        at,
        actor_id: o.cashier.id,
        actor_name: o.cashier.displayName,
        currency: 'GBP',
        tax_rule_set_num: ruleSetNum,
        tax_rule_set_id: rules.id,
        pricing: rules.pricing,
        extended_minor: priced.totals.extendedMinor,
        line_discount_minor: priced.totals.lineDiscountMinor,
        basket_discount_minor: priced.totals.basketDiscountMinor,
        net_minor: priced.totals.netMinor,
        tax_minor: priced.totals.taxMinor,
        gross_minor: gross,
        cash_rounding_minor: state.cashRoundingMinor,
        amount_to_pay_minor: state.amountToPayMinor,
        tendered_minor: state.tenderedMinor,
        change_minor: state.changeMinor,
        change_rounding_minor: state.changeRoundingMinor,
        discount_approval_id: null,
        negative_stock: 0,
        idempotency_key: idempotencyKey,
        request_digest: requestDigest(input),
      });
      priced.lines.forEach((p, i) => {
        const l = cart[i]!;
        const stockUnits = l.quantity * l.product.packSize;
        store.insertLine({
          sale_id: id,
          line_no: i + 1,
          product_id: l.product.id,
          lot_id: l.lot.id,
          name: l.product.name,
          sku: `BENCH-${l.product.index}`,
          strength: l.product.strength,
          batch: l.lot.batch,
          expiry: l.lot.expiry,
          location: 'shelf',
          quantity: l.quantity,
          unit: 'pack',
          pack_size: l.product.packSize,
          stock_units: stockUnits,
          unit_price_minor: l.product.priceMinor,
          extended_minor: p.extendedMinor,
          line_discount_minor: p.lineDiscountMinor,
          basket_discount_minor: p.basketDiscountMinor,
          amount_minor: p.amountMinor,
          net_minor: p.netMinor,
          tax_minor: p.taxMinor,
          gross_minor: p.grossMinor,
          tax_category: p.taxCategory,
          treatment: p.treatment,
          taxes: JSON.stringify(p.taxes),
          negative_stock: 0,
        });
        movement.run(pastId(at, seq++), l.lot.id, l.product.id, -stockUnits, at, o.cashier.id, id);
        lines += 1;
      });
      priced.breakdown.forEach((b, position) =>
        store.insertTax({
          sale_id: id,
          position,
          key: b.key,
          kind: b.kind,
          code: b.code,
          name: b.name,
          rate_percent: b.ratePercent,
          compound: b.compound ? 1 : 0,
          net_minor: b.netMinor,
          base_minor: b.baseMinor,
          tax_minor: b.taxMinor,
        }),
      );
      const paid = state.tenders[0]!;
      store.insertPayment({
        sale_id: id,
        seq: 1,
        kind: cash ? 'cash' : 'card',
        currency: paid.currency,
        amount_minor: paid.amountMinor,
        rate: paid.rate,
        base_amount_minor: paid.baseAmountMinor,
        reference: reference ?? null,
        store_credit_id: null,
      });
      if (firstSaleAt === 0) firstSaleAt = at;
      lastSaleAt = at;
    }
    counter.run(o.deviceId, receiptNo);
    // The shift closes as `shifts.closeShift` does: a Z report from what it holds, counted exactly.
    const closedAt = openedAt + 10.5 * 3_600_000;
    const shift = shiftStore.byId(shiftId) as ShiftRow;
    const draft = buildShiftReport(db, shift, { kind: 'Z', now: closedAt, terminalName: o.terminalName });
    const counted = draft.cash.expectedMinor;
    const report = buildShiftReport(db, shift, {
      kind: 'Z',
      now: closedAt,
      terminalName: o.terminalName,
      count: { countedMinor: counted, foreignCounted: new Map(), note: null, closedAt, closedBy: o.cashier.id },
    });
    shiftStore.close({
      id: shiftId,
      closed_at: closedAt,
      closed_by: o.cashier.id,
      counted_minor: counted,
      expected_minor: report.cash.expectedMinor,
      over_short_minor: counted - report.cash.expectedMinor,
      z_report: JSON.stringify(report),
    });
  };

  // Many shifts per transaction: the pages a batch dirties (lots, indexes by product) are written once per batch.
  const SHIFTS_PER_TRANSACTION = 25;
  const run = db.transaction((from: number) => {
    for (let day = from; day < Math.min(shifts, from + SHIFTS_PER_TRANSACTION); day++) {
      const count = Math.min(o.salesPerShift, o.sales - done);
      oneShift(day, count);
      done += count;
    }
  });
  for (let day = 0; day < shifts; day += SHIFTS_PER_TRANSACTION) {
    run(day);
    o.onProgress?.(done);
  }
  return { sales: done, lines, shifts, firstSaleAt, lastSaleAt, taxRuleSetNum: ruleSetNum };
}
