// A small stand-in for the core's sales and shifts, for component tests: it answers like the real operations
// (same shapes, same error codes) from a handful of products, so the screens can be driven end to end without
// the real core. Its arithmetic is deliberately simple (prices include 20 % tax, no rounding rules).
import type { CartTender, InputOf, OutputOf, PricedCart, ProductHit, Sale, Shift, ShiftReport } from '@mortar/main/contract';
import { createFakeBridge, fail, type FakeBridge, type FakeHandler } from './fake-bridge.js';
import { initializedStatus, session, terminalSettings } from './fixtures.js';

export const GS = '\u001d';

export type FakeProduct = {
  id: string;
  gtin: string | null;
  name: string;
  priceMinor: number;
  legalCategory: 'otc' | 'gsl' | 'pharmacy' | 'rx';
  lotId: string;
  batch: string;
  expiry: string;
  /** Most packs one sale may hold. */
  maxPacks?: number;
};

const pid = (n: number) => `01900000-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`;
const lid = (n: number) => `01900000-0000-7000-8000-0000000003${String(n).padStart(2, '0')}`;

export const products: FakeProduct[] = [
  { id: pid(1), gtin: '02023323706884', name: 'Aspirin + Paracetamol tablets', priceMinor: 299, legalCategory: 'gsl', lotId: lid(1), batch: 'K26A611', expiry: '2028-01-23' },
  { id: pid(2), gtin: '02018345434822', name: 'Ibuprofen gel', priceMinor: 499, legalCategory: 'gsl', lotId: lid(2), batch: 'R26C213', expiry: '2028-03-16' },
  { id: pid(3), gtin: '02097393591206', name: 'Pseudoephedrine tablets', priceMinor: 149, legalCategory: 'pharmacy', lotId: lid(3), batch: 'G26B507', expiry: '2028-02-13', maxPacks: 2 },
  { id: pid(4), gtin: '02002580052859', name: 'Methoxsalen tablets', priceMinor: 974, legalCategory: 'rx', lotId: lid(4), batch: 'M1', expiry: '2028-01-01' },
  { id: pid(5), gtin: null, name: 'Cotton wool', priceMinor: 120, legalCategory: 'gsl', lotId: lid(5), batch: 'C1', expiry: '2030-01-01' },
];

export const EXPIRED_BATCH = 'OLD1';
export const RATE_USD = '0.8';

function hitOf(p: FakeProduct): ProductHit {
  return { id: p.id, sku: p.id.slice(-4), name: p.name, brand: null, strength: null, form: 'tablet', packSize: 16, legalCategory: p.legalCategory, priceMinor: p.priceMinor, currency: 'GBP', onHand: 100, matchedBy: 'fuzzy' };
}

/** "0102023323706884" + "10K26A611" GS "17280123", a bare GTIN-13 or GTIN-14 → its parts. */
export function readScan(scan: string): { gtin: string; batch: string | null; expiry: string | null } | null {
  if (/^\d{13}$/.test(scan)) return { gtin: `0${scan}`, batch: null, expiry: null };
  if (/^\d{14}$/.test(scan)) return { gtin: scan, batch: null, expiry: null };
  const m = /^01(\d{14})(.*)$/.exec(scan);
  if (!m?.[1]) return null;
  let rest = m[2] ?? '';
  let batch: string | null = null;
  let expiry: string | null = null;
  while (rest.length > 0) {
    if (rest.startsWith('17')) {
      const d = rest.slice(2, 8);
      expiry = `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
      rest = rest.slice(8);
    } else if (rest.startsWith('10')) {
      const end = rest.indexOf(GS);
      batch = end < 0 ? rest.slice(2) : rest.slice(2, end);
      rest = end < 0 ? '' : rest.slice(end + 1);
    } else return null;
  }
  return { gtin: m[1], batch, expiry };
}

type CartIn = InputOf<'sales.priceCart'>;

function discountOf(d: { amount: string } | { percent: string } | undefined, of: number): number {
  if (!d) return 0;
  if ('percent' in d) return Math.round((of * Number(d.percent)) / 100);
  return Math.round(Number(d.amount) * 100);
}

export type FakeSalesState = {
  shift: Shift | null;
  sales: Sale[];
  keys: Map<string, Sale>;
  limitPercent: string;
  rates: { currency: string; rate: string; setAt: number; setById: string | null }[];
};

export function price(cart: CartIn, state: FakeSalesState): PricedCart | ReturnType<typeof fail> {
  const lines: PricedCart['lines'] = [];
  for (const [i, l] of cart.lines.entries()) {
    const p = products.find((x) => x.id === l.productId);
    if (!p) return fail('catalog.productNotFound', { lineNo: i + 1 });
    if (p.maxPacks !== undefined && l.quantity > p.maxPacks) {
      return fail('sales.quantityLimit', { lineNo: i + 1, maxPacks: p.maxPacks, group: 'pseudoephedrine', ingredient: 'pseudoephedrine' });
    }
    if (!Number.isInteger(l.quantity) || l.quantity < 1) return fail('sales.invalidQuantity', { lineNo: i + 1 });
    // A scanned batch is its own lot: "<lot>:<batch>:<expiry>".
    const [, batch, expiry] = l.lotId.split(':');
    const extended = p.priceMinor * l.quantity;
    const lineDiscount = discountOf(l.discount, extended);
    const gross = extended - lineDiscount;
    const tax = Math.round(gross / 6);
    lines.push({
      lineNo: i + 1, productId: p.id, lotId: l.lotId, sku: p.id.slice(-4), name: p.name, strength: null, batch: batch ?? p.batch, expiry: expiry ?? p.expiry,
      location: 'shelf', quantity: l.quantity, unit: l.unit ?? 'pack', packSize: 16, stockUnits: l.quantity * 16, unitPriceMinor: p.priceMinor,
      extendedMinor: extended, lineDiscountMinor: lineDiscount, basketDiscountMinor: 0, amountMinor: gross, netMinor: gross - tax, taxMinor: tax,
      grossMinor: gross, taxCategory: 'standard', treatment: 'standard', taxes: [],
    });
  }
  const sum = (f: (l: PricedCart['lines'][number]) => number) => lines.reduce((n, l) => n + f(l), 0);
  const basket = discountOf(cart.basketDiscount, sum((l) => l.grossMinor));
  const gross = sum((l) => l.grossMinor) - basket;
  const tax = Math.round(gross / 6);
  const given = sum((l) => l.lineDiscountMinor) + basket;
  const maxPercent = lines.reduce((m, l) => Math.max(m, Math.round(((l.lineDiscountMinor + (basket > 0 ? 1 : 0)) * 100) / l.extendedMinor)), 0);
  const needsApproval = maxPercent > Number(state.limitPercent) && cart.discountApprovalId === undefined;
  let payment: PricedCart['payment'] = null;
  if ('tenders' in cart && cart.tenders) {
    const tenders = [];
    for (const t of cart.tenders as CartTender[]) {
      const rate = t.kind === 'foreignCash' ? state.rates.find((r) => r.currency === t.currency)?.rate : undefined;
      if (t.kind === 'foreignCash' && !rate) return fail('money.rateNotFound', { currency: t.currency });
      if (t.kind === 'card' && !t.reference) return fail('sales.cardReferenceRequired');
      const amountMinor = Math.round(Number(t.amount) * 100);
      const base = rate ? Math.round(amountMinor * Number(rate)) : amountMinor;
      tenders.push({ kind: t.kind, currency: t.currency ?? 'GBP', amountMinor, rate: rate ?? null, baseAmountMinor: base, reference: t.reference ?? null });
    }
    const tendered = tenders.reduce((n, t) => n + t.baseAmountMinor, 0);
    const settled = tendered >= gross;
    payment = {
      status: settled ? 'settled' : 'short', dueMinor: gross, cashRoundingMinor: 0, amountToPayMinor: gross, tenderedMinor: tendered,
      changeMinor: settled ? tendered - gross : 0, changeRoundingMinor: 0, remainingMinor: settled ? 0 : gross - tendered,
      remainingCashMinor: settled ? 0 : gross - tendered, tenders,
    };
  }
  return {
    currency: 'GBP', exponent: 2, taxRuleSetId: 'GB', pricing: 'inclusive', lines,
    totals: { extendedMinor: sum((l) => l.extendedMinor), lineDiscountMinor: sum((l) => l.lineDiscountMinor), basketDiscountMinor: basket, netMinor: gross - tax, taxMinor: tax, grossMinor: gross },
    breakdown: lines.length ? [{ key: 'VAT@20', kind: 'tax', code: 'VAT', name: 'VAT', ratePercent: '20', compound: false, netMinor: gross - tax, baseMinor: gross - tax, taxMinor: tax }] : [],
    discount: { totalMinor: given, maxLinePercent: String(maxPercent), limitPercent: state.limitPercent, needsApproval, approvalId: cart.discountApprovalId ?? null },
    payment,
  };
}

export const SHIFT: Shift = {
  id: '01900000-0000-7000-8000-0000000004a1', deviceId: 'd1', currency: 'GBP', exponent: 2, status: 'open', floatMinor: 10000,
  openedAt: Date.UTC(2026, 0, 5, 8), openedBy: { id: 'u1', displayName: 'Avery Admin' }, closedAt: null, closedBy: null,
  countedMinor: null, expectedMinor: null, overShortMinor: null,
};

export function report(kind: 'X' | 'Z', counted: number | null): ShiftReport {
  const money0 = { count: 0, grossMinor: 0 };
  return {
    kind, shiftId: SHIFT.id, deviceId: 'd1', terminalName: 'Counter 1', currency: 'GBP', exponent: 2, openedAt: SHIFT.openedAt, openedBy: SHIFT.openedBy,
    closedAt: kind === 'Z' ? SHIFT.openedAt + 8 * 3_600_000 : null, closedBy: kind === 'Z' ? SHIFT.openedBy : null, generatedAt: SHIFT.openedAt + 8 * 3_600_000,
    sales: { count: 1, extendedMinor: 598, discountMinor: 0, netMinor: 498, taxMinor: 100, grossMinor: 598, cashRoundingMinor: 0 },
    discounts: { salesWithDiscount: 0, lineDiscountMinor: 0, basketDiscountMinor: 0, totalMinor: 0 },
    byTender: [{ kind: 'cash', currency: 'GBP', count: 1, amountMinor: 1000, baseAmountMinor: 1000 }], changeGivenMinor: 402,
    byTaxRate: [],
    returns: { ...money0, netMinor: 0, taxMinor: 0, refundMinor: 0, byTender: [] }, voids: { ...money0, byTender: [] },
    cashMovements: { inMinor: 0, outMinor: 0, items: [] }, netSalesMinor: 598,
    cash: { floatMinor: 10000, salesMinor: 598, refundsMinor: 0, voidsMinor: 0, movementsInMinor: 0, movementsOutMinor: 0, expectedMinor: 10598 },
    foreignCash: [],
    count: counted === null ? null : { countedMinor: counted, overShortMinor: counted - 10598, note: null },
  };
}

export function saleOf(priced: PricedCart, n: number, shiftId: string): Sale {
  const p = priced.payment;
  return {
    id: `01900000-0000-7000-8000-0000000005${String(n).padStart(2, '0')}`, receiptNo: n, receiptCode: `R-D1-${n}`, at: Date.UTC(2026, 0, 5, 9),
    deviceId: 'd1', terminalName: 'Counter 1', shiftId, pharmacy: { name: 'Riverside Pharmacy', address: '1 River Street', taxId: 'GB123' },
    cashier: { id: 'u1', displayName: 'Avery Admin' }, currency: 'GBP', exponent: 2, taxRuleSetId: 'GB', pricing: 'inclusive',
    lines: priced.lines.map((l) => ({ ...l, negativeStock: false, returnedQuantity: 0 })),
    totals: { ...priced.totals, cashRoundingMinor: 0, amountToPayMinor: priced.totals.grossMinor, tenderedMinor: p?.tenderedMinor ?? 0, changeMinor: p?.changeMinor ?? 0, changeRoundingMinor: 0 },
    breakdown: priced.breakdown, payments: p?.tenders ?? [], discountApproval: null, negativeStock: false, returns: [], voided: null,
  };
}

export type FakeSalesCore = { bridge: FakeBridge; state: FakeSalesState };

/** A sale already made: two packs of the gel and one aspirin, paid in cash (and by card when asked). */
export function seedSale(state: FakeSalesState, card = false): Sale {
  const gel = products[1] as FakeProduct;
  const aspirin = products[0] as FakeProduct;
  const cart = {
    lines: [
      { productId: gel.id, lotId: gel.lotId, quantity: 2, unit: 'pack' as const },
      { productId: aspirin.id, lotId: aspirin.lotId, quantity: 1, unit: 'pack' as const },
    ],
    tenders: card ? [{ kind: 'card' as const, amount: '12.97', reference: 'A1' }] : [{ kind: 'cash' as const, amount: '20.00' }],
  };
  const priced = price(cart, state) as PricedCart;
  const sale = saleOf(priced, state.sales.length + 1, state.shift?.id ?? '');
  state.sales.push(sale);
  return sale;
}

/** The fake core for the checkout; `overrides` replace single operations for a test. */
export function fakeSalesCore(options: { shift?: Shift | null; role?: 'cashier' | 'admin'; locked?: boolean } = {}, overrides: Partial<Record<string, FakeHandler>> = {}): FakeSalesCore {
  const state: FakeSalesState = { shift: options.shift === undefined ? SHIFT : options.shift, sales: [], keys: new Map(), limitPercent: '5', rates: [] };
  const handlers: Record<string, FakeHandler> = {
    'setup.getStatus': () => initializedStatus,
    'auth.getSession': () => session(options.role ?? 'admin', { locked: options.locked ?? false }),
    'settings.getSettings': () => terminalSettings,
    'shifts.getCurrentShift': () => state.shift,
    'shifts.openShift': (input: InputOf<'shifts.openShift'>) => {
      state.shift = { ...SHIFT, floatMinor: Math.round(Number(input.float) * 100) };
      return state.shift;
    },
    'shifts.closeShift': (input: InputOf<'shifts.closeShift'>) => {
      const z = report('Z', Math.round(Number(input.counted) * 100));
      state.shift = null;
      return { shift: { ...SHIFT, status: 'closed' }, report: z };
    },
    'shifts.getXReport': () => report('X', null),
    'catalog.searchProducts': (input: { query: string }) =>
      input.query.toLowerCase().startsWith('ibup') || input.query.toLowerCase().startsWith('ibpu')
        ? { hits: [hitOf(products[1] as FakeProduct)], corrections: input.query.toLowerCase() === 'ibuprofen' ? [] : ['ibuprofen'] }
        : input.query.toLowerCase().startsWith('cotton')
          ? { hits: [hitOf(products[4] as FakeProduct)], corrections: [] }
          : { hits: [], corrections: [] },
    'catalog.getProduct': (input: { id: string }) => {
      const p = products.find((x) => x.id === input.id) as FakeProduct;
      return { ...hitOf(p), route: 'oral', unit: 'tablet', ingredients: [], schedule: null, taxCategory: 'standard', gtins: p.gtin ? [p.gtin] : [], active: true, lots: [] };
    },
    'sales.lookupScan': (input: InputOf<'sales.lookupScan'>): OutputOf<'sales.lookupScan'> | ReturnType<typeof fail> => {
      // Like the core: a product id (search pick, quick key) takes the first-expiry lot; a scan names the product.
      const byId = input.productId === undefined ? undefined : products.find((x) => x.id === input.productId);
      if (input.productId !== undefined && !byId) return fail('sales.unknownProduct', { productId: input.productId });
      const scan = byId ? null : readScan(input.scan ?? '');
      if (!byId && !scan) return fail('gs1.unrecognisedFormat');
      const p = byId ?? products.find((x) => x.gtin === scan?.gtin);
      if (!p) return fail('sales.unknownGtin', { gtin: scan?.gtin });
      if (p.legalCategory === 'rx') return fail('sales.prescriptionRequired', { productId: p.id, legalCategory: 'rx' });
      if (scan?.batch === EXPIRED_BATCH) return fail('stock.batchExpired', { batch: EXPIRED_BATCH, expiry: '2024-01-31' });
      const hit = hitOf(p);
      const batch = scan?.batch ?? null;
      const lotId = batch ? `${p.lotId}:${batch}:${scan?.expiry ?? p.expiry}` : p.lotId;
      return {
        product: { ...hit, unit: 'tablet', taxCategory: 'standard', packSize: 16 },
        lot: { lotId, batch: batch ?? p.batch, expiry: scan?.expiry ?? p.expiry, location: 'shelf', onHand: 50 },
        lotSource: batch ? 'scanned' : 'fefo', line: { productId: p.id, lotId, quantity: 1, unit: 'pack' },
        unitPriceMinor: p.priceMinor, packSize: 16, scan: scan ? { gtin: scan.gtin, batch: scan.batch, expiry: scan.expiry, serial: null } : null, warnings: [],
      };
    },
    'sales.priceCart': (input: CartIn) => price(input, state),
    'sales.completeSale': (input: InputOf<'sales.completeSale'>) => {
      const earlier = state.keys.get(input.idempotencyKey);
      if (earlier) return { ...earlier, replayed: true };
      const priced = price(input, state);
      if (!('lines' in priced)) return priced;
      if (priced.payment?.status !== 'settled') return fail('money.insufficientTender');
      const sale = saleOf(priced, state.sales.length + 1, state.shift?.id ?? '');
      state.sales.push(sale);
      state.keys.set(input.idempotencyKey, sale);
      return { ...sale, replayed: false };
    },
    'sales.listExchangeRates': () => ({ base: 'GBP', rates: state.rates }),
    'sales.setExchangeRate': (input: InputOf<'sales.setExchangeRate'>) => {
      state.rates = state.rates.filter((r) => r.currency !== input.currency);
      if (input.rate !== null) state.rates.push({ currency: input.currency, rate: input.rate, setAt: Date.UTC(2026, 0, 5), setById: 'u1' });
      return { base: 'GBP', rates: state.rates };
    },
    'sales.findByReceipt': (input: { receipt: string }) => state.sales.find((s) => s.receiptCode === input.receipt || String(s.receiptNo) === input.receipt) ?? fail('sales.receiptNotFound'),
    'sales.getSale': (input: { id: string }) => state.sales.find((s) => s.id === input.id) ?? fail('sales.saleNotFound'),
    'sales.listSales': (input: InputOf<'sales.listSales'>) => {
      const newestFirst = state.sales
        .filter((s) => input.shiftId === undefined || s.shiftId === input.shiftId)
        .filter((s) => input.cursor === undefined || s.receiptNo < input.cursor)
        .sort((a, b) => b.receiptNo - a.receiptNo);
      const limit = input.limit ?? 25;
      const page = newestFirst.slice(0, limit);
      return {
        sales: page.map((s) => ({
          id: s.id, receiptNo: s.receiptNo, receiptCode: s.receiptCode, at: s.at, cashierName: s.cashier.displayName,
          currency: s.currency, grossMinor: s.totals.grossMinor, lineCount: s.lines.length, status: s.voided ? 'voided' : 'completed',
        })),
        nextCursor: newestFirst.length > limit ? (page.at(-1)?.receiptNo ?? null) : null,
      };
    },
    ...overrides,
  };
  return { bridge: createFakeBridge(handlers), state };
}
