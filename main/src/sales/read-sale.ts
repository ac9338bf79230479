// A sale read back from what was committed, in the shape a receipt prints: completing a sale answers with
// this same reading, so a replayed Pay and a reprint show exactly what the first answer showed.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../api/core-error.js';
import type { Terminal } from '../api/command-context.js';
import type { Sale } from '../contract.js';
import type { LineTax } from '../money/index.js';
import { getCurrency } from '../money/index.js';
import { perDatabase } from '../store/per-database.js';
import { returnsStore } from './returns-store.js';
import { discountApprovals, salesStore, type SaleRow } from './sales-store.js';

const pharmacyOf = perDatabase((db: Database) =>
  db.prepare<[], { name: string; address: string; tax_id: string }>('SELECT name, address, tax_id FROM pharmacy LIMIT 1'),
);

export function saleOrThrow(db: Database, id: string): SaleRow {
  const row = salesStore(db).byId(id);
  if (!row) throw new CoreError('sales.saleNotFound', 'There is no such sale.', { id });
  return row;
}

export function readSale(db: Database, id: string, terminal: Terminal | null): Sale {
  const store = salesStore(db);
  const sale = saleOrThrow(db, id);
  const pharmacy = pharmacyOf(db).get();
  const currency = getCurrency(sale.currency);
  const returned = store.returnedByLine(id);
  const returns = returnsStore(db).ofSale(id);
  const voided = returnsStore(db).voidOf(id);
  const approval = sale.discount_approval_id ? discountApprovals(db).byId(sale.discount_approval_id) : null;
  return {
    id: sale.id,
    receiptNo: sale.receipt_no,
    receiptCode: sale.receipt_code,
    at: sale.at,
    deviceId: sale.device_id,
    terminalName: terminal && terminal.deviceId === sale.device_id ? terminal.name : sale.device_id,
    shiftId: sale.shift_id,
    pharmacy: { name: pharmacy?.name ?? '', address: pharmacy?.address ?? '', taxId: pharmacy?.tax_id ?? '' },
    cashier: { id: sale.actor_id, displayName: sale.actor_name },
    currency: sale.currency,
    exponent: currency.ok ? currency.value.exponent : 2,
    taxRuleSetId: sale.tax_rule_set_id,
    pricing: sale.pricing,
    lines: store.lines(id).map((l) => ({
      lineNo: l.line_no,
      productId: l.product_id,
      lotId: l.lot_id,
      sku: l.sku,
      name: l.name,
      strength: l.strength,
      batch: l.batch,
      expiry: l.expiry,
      location: l.location,
      quantity: l.quantity,
      unit: l.unit,
      packSize: l.pack_size,
      stockUnits: l.stock_units,
      unitPriceMinor: l.unit_price_minor,
      extendedMinor: l.extended_minor,
      lineDiscountMinor: l.line_discount_minor,
      basketDiscountMinor: l.basket_discount_minor,
      amountMinor: l.amount_minor,
      netMinor: l.net_minor,
      taxMinor: l.tax_minor,
      grossMinor: l.gross_minor,
      taxCategory: l.tax_category,
      treatment: l.treatment,
      taxes: JSON.parse(l.taxes) as LineTax[],
      negativeStock: l.negative_stock === 1,
      returnedQuantity: returned.get(l.line_no) ?? 0,
    })),
    totals: {
      extendedMinor: sale.extended_minor,
      lineDiscountMinor: sale.line_discount_minor,
      basketDiscountMinor: sale.basket_discount_minor,
      netMinor: sale.net_minor,
      taxMinor: sale.tax_minor,
      grossMinor: sale.gross_minor,
      cashRoundingMinor: sale.cash_rounding_minor,
      amountToPayMinor: sale.amount_to_pay_minor,
      tenderedMinor: sale.tendered_minor,
      changeMinor: sale.change_minor,
      changeRoundingMinor: sale.change_rounding_minor,
    },
    breakdown: store.taxes(id).map((t) => ({
      key: t.key,
      kind: t.kind,
      code: t.code,
      name: t.name,
      ratePercent: t.rate_percent,
      compound: t.compound === 1,
      netMinor: t.net_minor,
      baseMinor: t.base_minor,
      taxMinor: t.tax_minor,
    })),
    payments: store.payments(id).map((p) => ({
      kind: p.kind,
      currency: p.currency,
      amountMinor: p.amount_minor,
      rate: p.rate,
      baseAmountMinor: p.base_amount_minor,
      reference: p.reference,
    })),
    discountApproval: approval ? { id: approval.id, approvedById: approval.approved_by, percent: approval.percent } : null,
    negativeStock: sale.negative_stock === 1,
    returns: returns.map((r) => ({ id: r.id, receiptNo: r.receipt_no, receiptCode: r.receipt_code, at: r.at, refundMinor: r.refund_minor })),
    voided: voided
      ? {
          id: voided.id,
          receiptNo: voided.receipt_no,
          receiptCode: voided.receipt_code,
          at: voided.at,
          actorName: voided.actor_name,
          approvedById: voided.approved_by_id,
          reason: voided.reason,
        }
      : null,
  };
}

/**
 * The sale behind a receipt: its barcode (`MR1-<terminal tag>-<number>`, perhaps led by a scanner's symbology
 * identifier such as `]C0`), or a bare receipt number of this terminal. Return and void receipts lead to their sale.
 */
export function findSaleIdByReceipt(db: Database, receipt: string, deviceId: string): string {
  const text = receipt.trim().replace(/^\][A-Za-z][0-9]/, '').trim();
  const store = salesStore(db);
  const row = /^\d{1,12}$/.test(text) ? store.receiptByNo(deviceId, Number(text)) : store.receiptByCode(text.toUpperCase());
  if (!row) throw new CoreError('sales.receiptNotFound', 'No receipt of this pharmacy matches that.', { receipt: text });
  return row.sale_id;
}
