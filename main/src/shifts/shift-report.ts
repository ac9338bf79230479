// Rule: a shift's figures are derived from its committed facts (sales, returns, voids, cash movements), never
// kept as running totals, so an X report, a Z report and a recount of the facts can never disagree.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { LineTax } from '../money/index.js';
import { getCurrency } from '../money/index.js';
import { perDatabase } from '../store/per-database.js';
import type { ShiftReport } from './contract.js';
import { shiftsStore, type ShiftRow } from './shifts-store.js';

type TenderRow = { kind: string; currency: string; count: number; amount: number; base: number };
type TaxRow = { key: string; code: string | null; name: string; rate_percent: string | null; net: number; tax: number };

const statements = perDatabase((db: Database) => ({
  sales: db.prepare<[string], Record<string, number>>(
    `SELECT count(*) AS count, coalesce(sum(extended_minor), 0) AS extended, coalesce(sum(line_discount_minor), 0) AS lineDiscount,
       coalesce(sum(basket_discount_minor), 0) AS basketDiscount, coalesce(sum(net_minor), 0) AS net, coalesce(sum(tax_minor), 0) AS tax,
       coalesce(sum(gross_minor), 0) AS gross, coalesce(sum(cash_rounding_minor), 0) AS cashRounding,
       coalesce(sum(change_minor), 0) AS change,
       coalesce(sum(CASE WHEN line_discount_minor + basket_discount_minor > 0 THEN 1 ELSE 0 END), 0) AS discounted
     FROM sale WHERE shift_id = ?`,
  ),
  salesByTender: db.prepare<[string], TenderRow>(
    `SELECT p.kind, p.currency, count(*) AS count, sum(p.amount_minor) AS amount, sum(p.base_amount_minor) AS base
     FROM sale s JOIN sale_payment p ON p.sale_id = s.id WHERE s.shift_id = ? GROUP BY p.kind, p.currency ORDER BY p.kind, p.currency`,
  ),
  salesByTax: db.prepare<[string], TaxRow>(
    `SELECT t.key, t.code, t.name, t.rate_percent, sum(t.net_minor) AS net, sum(t.tax_minor) AS tax
     FROM sale s JOIN sale_tax t ON t.sale_id = s.id WHERE s.shift_id = ? GROUP BY t.key`,
  ),
  voids: db.prepare<[string], { count: number; gross: number; change: number }>(
    `SELECT count(*) AS count, coalesce(sum(s.gross_minor), 0) AS gross, coalesce(sum(s.change_minor), 0) AS change
     FROM sale_void v JOIN sale s ON s.id = v.sale_id WHERE v.shift_id = ?`,
  ),
  voidsByTender: db.prepare<[string], TenderRow>(
    `SELECT p.kind, p.currency, count(*) AS count, sum(p.amount_minor) AS amount, sum(p.base_amount_minor) AS base
     FROM sale_void v JOIN sale_payment p ON p.sale_id = v.sale_id WHERE v.shift_id = ? GROUP BY p.kind, p.currency ORDER BY p.kind, p.currency`,
  ),
  voidsByTax: db.prepare<[string], TaxRow>(
    `SELECT t.key, t.code, t.name, t.rate_percent, sum(t.net_minor) AS net, sum(t.tax_minor) AS tax
     FROM sale_void v JOIN sale_tax t ON t.sale_id = v.sale_id WHERE v.shift_id = ? GROUP BY t.key`,
  ),
  returns: db.prepare<[string], Record<string, number>>(
    `SELECT count(*) AS count, coalesce(sum(gross_minor), 0) AS gross, coalesce(sum(net_minor), 0) AS net,
       coalesce(sum(tax_minor), 0) AS tax, coalesce(sum(refund_minor), 0) AS refund
     FROM sale_return WHERE shift_id = ?`,
  ),
  returnsByTender: db.prepare<[string], TenderRow>(
    `SELECT p.kind, p.currency, count(*) AS count, sum(p.amount_minor) AS amount, sum(p.amount_minor) AS base
     FROM sale_return r JOIN sale_return_payment p ON p.return_id = r.id WHERE r.shift_id = ? GROUP BY p.kind, p.currency ORDER BY p.kind, p.currency`,
  ),
  returnLines: db.prepare<[string], { taxes: string; net_minor: number }>(
    `SELECT rl.taxes, rl.net_minor FROM sale_return r JOIN sale_return_line rl ON rl.return_id = r.id WHERE r.shift_id = ?`,
  ),
}));

const tenders = (rows: TenderRow[]) =>
  rows.map((r) => ({ kind: r.kind, currency: r.currency, count: r.count, amountMinor: r.amount, baseAmountMinor: r.base }));

const sumOf = (rows: TenderRow[], kind: string, currency?: string) =>
  rows.filter((r) => r.kind === kind && (currency === undefined || r.currency === currency)).reduce((n, r) => n + r.amount, 0);

type RateTotals = { key: string; code: string | null; name: string; ratePercent: string | null; cells: number[] };

function byTaxRate(sales: TaxRow[], returns: TaxRow[], voids: TaxRow[]): ShiftReport['byTaxRate'] {
  const rows = new Map<string, RateTotals>();
  const add = (list: TaxRow[], at: number) => {
    for (const r of list) {
      const row = rows.get(r.key) ?? { key: r.key, code: r.code, name: r.name, ratePercent: r.rate_percent, cells: [0, 0, 0, 0, 0, 0] };
      row.cells[at] = (row.cells[at] ?? 0) + r.net;
      row.cells[at + 1] = (row.cells[at + 1] ?? 0) + r.tax;
      rows.set(r.key, row);
    }
  };
  add(sales, 0);
  add(returns, 2);
  add(voids, 4);
  return [...rows.values()].map((r) => {
    const [sn = 0, st = 0, rn = 0, rt = 0, vn = 0, vt = 0] = r.cells;
    return {
      key: r.key,
      code: r.code,
      name: r.name,
      ratePercent: r.ratePercent,
      salesNetMinor: sn,
      salesTaxMinor: st,
      returnsNetMinor: rn,
      returnsTaxMinor: rt,
      voidsNetMinor: vn,
      voidsTaxMinor: vt,
      netMinor: sn - rn - vn,
      taxMinor: st - rt - vt,
    };
  });
}

/** Returned lines' taxes by rate, keyed as the sale's breakdown is (`VAT@20`, `QST@9.5+`, `exempt`). */
function returnTaxRows(lines: { taxes: string; net_minor: number }[]): TaxRow[] {
  const rows = new Map<string, TaxRow>();
  for (const line of lines) {
    const taxes = JSON.parse(line.taxes) as LineTax[];
    if (taxes.length === 0) {
      const row = rows.get('exempt') ?? { key: 'exempt', code: null, name: 'Exempt', rate_percent: null, net: 0, tax: 0 };
      row.net += line.net_minor;
      rows.set('exempt', row);
    }
    for (const t of taxes) {
      const key = `${t.code}@${t.ratePercent}${t.compound ? '+' : ''}`;
      const row = rows.get(key) ?? { key, code: t.code, name: t.name, rate_percent: t.ratePercent, net: 0, tax: 0 };
      row.net += line.net_minor;
      row.tax += t.taxMinor;
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}

export type ReportOptions = {
  kind: 'X' | 'Z';
  now: number;
  terminalName: string;
  count?: { countedMinor: number; foreignCounted: Map<string, number>; note: string | null; closedAt: number; closedBy: string };
};

/** The shift's figures as of now: an X report while open, the Z report at close. */
export function buildShiftReport(db: Database, shift: ShiftRow, o: ReportOptions): ShiftReport {
  const s = statements(db);
  const people = shiftsStore(db);
  const sales = s.sales.get(shift.id) ?? {};
  const salesTenders = s.salesByTender.all(shift.id);
  const voids = s.voids.get(shift.id) ?? { count: 0, gross: 0, change: 0 };
  const voidTenders = s.voidsByTender.all(shift.id);
  const returns = s.returns.get(shift.id) ?? {};
  const returnTenders = s.returnsByTender.all(shift.id);
  const movements = people.movements(shift.id);
  const movementsIn = movements.filter((m) => m.direction === 'in').reduce((n, m) => n + m.amount_minor, 0);
  const movementsOut = movements.filter((m) => m.direction === 'out').reduce((n, m) => n + m.amount_minor, 0);
  const n = (row: Record<string, number>, key: string) => row[key] ?? 0;

  // Base-currency cash: cash tendered less the change handed back; foreign notes stay in their own currency.
  const salesCash = sumOf(salesTenders, 'cash') - n(sales, 'change');
  const voidsCash = sumOf(voidTenders, 'cash') - voids.change;
  const refundsCash = sumOf(returnTenders, 'cash');
  const expected = shift.float_minor + salesCash - voidsCash - refundsCash + movementsIn - movementsOut;
  const foreignCurrencies = [
    ...new Set([...salesTenders.filter((t) => t.kind === 'foreignCash').map((t) => t.currency), ...(o.count?.foreignCounted.keys() ?? [])]),
  ].sort();
  const foreignCash = foreignCurrencies.map((currency) => {
    const expectedMinor = sumOf(salesTenders, 'foreignCash', currency) - sumOf(voidTenders, 'foreignCash', currency);
    const counted = o.count ? (o.count.foreignCounted.get(currency) ?? 0) : null;
    return { currency, expectedMinor, countedMinor: counted, overShortMinor: counted === null ? null : counted - expectedMinor };
  });
  const currency = getCurrency(shift.currency);
  const gross = n(sales, 'gross');
  return {
    kind: o.kind,
    shiftId: shift.id,
    deviceId: shift.device_id,
    terminalName: o.terminalName,
    currency: shift.currency,
    exponent: currency.ok ? currency.value.exponent : 2,
    openedAt: shift.opened_at,
    openedBy: { id: shift.opened_by, displayName: people.userName(shift.opened_by) },
    closedAt: o.count?.closedAt ?? shift.closed_at,
    closedBy: o.count ? { id: o.count.closedBy, displayName: people.userName(o.count.closedBy) } : null,
    generatedAt: o.now,
    sales: {
      count: n(sales, 'count'),
      extendedMinor: n(sales, 'extended'),
      discountMinor: n(sales, 'lineDiscount') + n(sales, 'basketDiscount'),
      netMinor: n(sales, 'net'),
      taxMinor: n(sales, 'tax'),
      grossMinor: gross,
      cashRoundingMinor: n(sales, 'cashRounding'),
    },
    discounts: {
      salesWithDiscount: n(sales, 'discounted'),
      lineDiscountMinor: n(sales, 'lineDiscount'),
      basketDiscountMinor: n(sales, 'basketDiscount'),
      totalMinor: n(sales, 'lineDiscount') + n(sales, 'basketDiscount'),
    },
    byTender: tenders(salesTenders),
    changeGivenMinor: n(sales, 'change'),
    byTaxRate: byTaxRate(s.salesByTax.all(shift.id), returnTaxRows(s.returnLines.all(shift.id)), s.voidsByTax.all(shift.id)),
    returns: {
      count: n(returns, 'count'),
      grossMinor: n(returns, 'gross'),
      netMinor: n(returns, 'net'),
      taxMinor: n(returns, 'tax'),
      refundMinor: n(returns, 'refund'),
      byTender: tenders(returnTenders),
    },
    voids: { count: voids.count, grossMinor: voids.gross, byTender: tenders(voidTenders) },
    cashMovements: {
      inMinor: movementsIn,
      outMinor: movementsOut,
      items: movements.map((m) => ({
        id: m.id,
        shiftId: m.shift_id,
        direction: m.direction,
        amountMinor: m.amount_minor,
        currency: m.currency,
        reason: m.reason,
        at: m.at,
        actorName: m.actor_name ?? m.actor_id,
        approvedById: m.approved_by_id,
      })),
    },
    netSalesMinor: gross - n(returns, 'gross') - voids.gross,
    cash: {
      floatMinor: shift.float_minor,
      salesMinor: salesCash,
      refundsMinor: refundsCash,
      voidsMinor: voidsCash,
      movementsInMinor: movementsIn,
      movementsOutMinor: movementsOut,
      expectedMinor: expected,
    },
    foreignCash,
    count: o.count
      ? { countedMinor: o.count.countedMinor, overShortMinor: o.count.countedMinor - expected, note: o.count.note }
      : null,
  };
}

/** What the drawer should hold now in base-currency cash (never shown to the cashier before the count). */
export function expectedCash(db: Database, shift: ShiftRow): number {
  return buildShiftReport(db, shift, { kind: 'X', now: 0, terminalName: '' }).cash.expectedMinor;
}
