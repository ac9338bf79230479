// SQL of sales, their receipts and discount approvals, with bound parameters only (CONVENTIONS.md 6).
// Receipt numbers are gapless per terminal: the counter row is incremented in the transaction that uses it,
// so a rolled-back sale gives its number back.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';

export type SaleRow = {
  num: number;
  id: string;
  device_id: string;
  shift_id: string;
  receipt_no: number;
  receipt_code: string;
  at: number;
  actor_id: string;
  actor_name: string;
  currency: string;
  tax_rule_set_num: number;
  tax_rule_set_id: string;
  pricing: 'inclusive' | 'exclusive';
  extended_minor: number;
  line_discount_minor: number;
  basket_discount_minor: number;
  net_minor: number;
  tax_minor: number;
  gross_minor: number;
  cash_rounding_minor: number;
  amount_to_pay_minor: number;
  tendered_minor: number;
  change_minor: number;
  change_rounding_minor: number;
  discount_approval_id: string | null;
  negative_stock: number;
  idempotency_key: string;
  request_digest: string;
};

export type SaleLineRow = {
  sale_id: string;
  line_no: number;
  product_id: string;
  lot_id: string;
  name: string;
  sku: string;
  strength: string | null;
  batch: string;
  expiry: string;
  location: string;
  quantity: number;
  unit: 'pack' | 'unit';
  pack_size: number;
  stock_units: number;
  unit_price_minor: number;
  extended_minor: number;
  line_discount_minor: number;
  basket_discount_minor: number;
  amount_minor: number;
  net_minor: number;
  tax_minor: number;
  gross_minor: number;
  tax_category: string;
  treatment: 'standard' | 'reduced' | 'zero-rated' | 'exempt';
  taxes: string;
  negative_stock: number;
};

export type SaleTaxRow = {
  sale_id: string;
  position: number;
  key: string;
  kind: 'tax' | 'exempt';
  code: string | null;
  name: string;
  rate_percent: string | null;
  compound: number;
  net_minor: number;
  base_minor: number;
  tax_minor: number;
};

export type SalePaymentRow = {
  sale_id: string;
  seq: number;
  kind: 'cash' | 'foreignCash' | 'card' | 'storeCredit';
  currency: string;
  amount_minor: number;
  rate: string | null;
  base_amount_minor: number;
  reference: string | null;
  store_credit_id: string | null;
};

export type ApprovalRow = {
  id: string;
  device_id: string;
  cart_digest: string;
  discount_minor: number;
  percent: string;
  requested_by: string;
  approved_by: string;
  reason: string | null;
  created_at: number;
  expires_at: number;
  used_by_sale_id: string | null;
};

export type ReceiptRow = { code: string; device_id: string; receipt_no: number; kind: 'sale' | 'return' | 'void'; document_id: string; sale_id: string; at: number };

export type SaleListRow = {
  num: number;
  id: string;
  receipt_no: number;
  receipt_code: string;
  at: number;
  actor_name: string;
  currency: string;
  gross_minor: number;
  line_count: number;
  sold: number;
  returned: number;
  voided: number;
};

/** The statements a sale commits with, exported so that their query plans are tested. */
export const saleSql = {
  nextReceiptNo: `INSERT INTO receipt_counter (device_id, last_no) VALUES (?, 1)
    ON CONFLICT (device_id) DO UPDATE SET last_no = last_no + 1 RETURNING last_no`,
  byKey: 'SELECT * FROM sale WHERE idempotency_key = ?',
  returnedByLine: `SELECT rl.line_no, sum(rl.quantity) AS quantity FROM sale_return r
    JOIN sale_return_line rl ON rl.return_id = r.id WHERE r.sale_id = ? GROUP BY rl.line_no`,
  list: `SELECT s.num, s.id, s.receipt_no, s.receipt_code, s.at, s.actor_name, s.currency, s.gross_minor,
      (SELECT count(*) FROM sale_line l WHERE l.sale_id = s.id) AS line_count,
      (SELECT coalesce(sum(l.quantity), 0) FROM sale_line l WHERE l.sale_id = s.id) AS sold,
      (SELECT coalesce(sum(rl.quantity), 0) FROM sale_return r JOIN sale_return_line rl ON rl.return_id = r.id
        WHERE r.sale_id = s.id) AS returned,
      EXISTS (SELECT 1 FROM sale_void v WHERE v.sale_id = s.id) AS voided
    FROM sale s WHERE s.device_id = ? AND s.num < ? ORDER BY s.num DESC LIMIT ?`,
  listByShift: `SELECT s.num, s.id, s.receipt_no, s.receipt_code, s.at, s.actor_name, s.currency, s.gross_minor,
      (SELECT count(*) FROM sale_line l WHERE l.sale_id = s.id) AS line_count,
      (SELECT coalesce(sum(l.quantity), 0) FROM sale_line l WHERE l.sale_id = s.id) AS sold,
      (SELECT coalesce(sum(rl.quantity), 0) FROM sale_return r JOIN sale_return_line rl ON rl.return_id = r.id
        WHERE r.sale_id = s.id) AS returned,
      EXISTS (SELECT 1 FROM sale_void v WHERE v.sale_id = s.id) AS voided
    FROM sale s WHERE s.shift_id = ? AND s.num < ? ORDER BY s.num DESC LIMIT ?`,
} as const;

export const salesStore = perDatabase((db: Database) => {
  const s = {
    nextReceiptNo: db.prepare<[string], { last_no: number }>(saleSql.nextReceiptNo),
    insertReceipt: db.prepare(
      `INSERT INTO receipt (code, device_id, receipt_no, kind, document_id, sale_id, at)
       VALUES (@code, @device_id, @receipt_no, @kind, @document_id, @sale_id, @at)`,
    ),
    receiptByCode: db.prepare<[string], ReceiptRow>('SELECT * FROM receipt WHERE code = ?'),
    receiptByNo: db.prepare<[string, number], ReceiptRow>('SELECT * FROM receipt WHERE device_id = ? AND receipt_no = ?'),
    insertSale: db.prepare(
      `INSERT INTO sale (id, device_id, shift_id, receipt_no, receipt_code, at, actor_id, actor_name, currency, tax_rule_set_num,
         tax_rule_set_id, pricing, extended_minor, line_discount_minor, basket_discount_minor, net_minor, tax_minor, gross_minor,
         cash_rounding_minor, amount_to_pay_minor, tendered_minor, change_minor, change_rounding_minor, discount_approval_id,
         negative_stock, idempotency_key, request_digest)
       VALUES (@id, @device_id, @shift_id, @receipt_no, @receipt_code, @at, @actor_id, @actor_name, @currency, @tax_rule_set_num,
         @tax_rule_set_id, @pricing, @extended_minor, @line_discount_minor, @basket_discount_minor, @net_minor, @tax_minor, @gross_minor,
         @cash_rounding_minor, @amount_to_pay_minor, @tendered_minor, @change_minor, @change_rounding_minor, @discount_approval_id,
         @negative_stock, @idempotency_key, @request_digest)`,
    ),
    insertLine: db.prepare(
      `INSERT INTO sale_line (sale_id, line_no, product_id, lot_id, name, sku, strength, batch, expiry, location, quantity, unit,
         pack_size, stock_units, unit_price_minor, extended_minor, line_discount_minor, basket_discount_minor, amount_minor, net_minor,
         tax_minor, gross_minor, tax_category, treatment, taxes, negative_stock)
       VALUES (@sale_id, @line_no, @product_id, @lot_id, @name, @sku, @strength, @batch, @expiry, @location, @quantity, @unit,
         @pack_size, @stock_units, @unit_price_minor, @extended_minor, @line_discount_minor, @basket_discount_minor, @amount_minor,
         @net_minor, @tax_minor, @gross_minor, @tax_category, @treatment, @taxes, @negative_stock)`,
    ),
    insertTax: db.prepare(
      `INSERT INTO sale_tax (sale_id, position, key, kind, code, name, rate_percent, compound, net_minor, base_minor, tax_minor)
       VALUES (@sale_id, @position, @key, @kind, @code, @name, @rate_percent, @compound, @net_minor, @base_minor, @tax_minor)`,
    ),
    insertPayment: db.prepare(
      `INSERT INTO sale_payment (sale_id, seq, kind, currency, amount_minor, rate, base_amount_minor, reference, store_credit_id)
       VALUES (@sale_id, @seq, @kind, @currency, @amount_minor, @rate, @base_amount_minor, @reference, @store_credit_id)`,
    ),
    byId: db.prepare<[string], SaleRow>('SELECT * FROM sale WHERE id = ?'),
    byKey: db.prepare<[string], SaleRow>(saleSql.byKey),
    lines: db.prepare<[string], SaleLineRow>('SELECT * FROM sale_line WHERE sale_id = ? ORDER BY line_no'),
    taxes: db.prepare<[string], SaleTaxRow>('SELECT * FROM sale_tax WHERE sale_id = ? ORDER BY position'),
    payments: db.prepare<[string], SalePaymentRow>('SELECT * FROM sale_payment WHERE sale_id = ? ORDER BY seq'),
    returnedByLine: db.prepare<[string], { line_no: number; quantity: number }>(saleSql.returnedByLine),
    list: db.prepare<[string, number, number], SaleListRow>(saleSql.list),
    listByShift: db.prepare<[string, number, number], SaleListRow>(saleSql.listByShift),
  };
  return {
    nextReceiptNo: (deviceId: string): number => {
      const row = s.nextReceiptNo.get(deviceId);
      if (!row) throw new Error('the receipt counter returned no number');
      return row.last_no;
    },
    insertReceipt: (row: ReceiptRow) => s.insertReceipt.run(row),
    receiptByCode: (code: string) => s.receiptByCode.get(code) ?? null,
    receiptByNo: (deviceId: string, no: number) => s.receiptByNo.get(deviceId, no) ?? null,
    insertSale: (row: Omit<SaleRow, 'num'>) => s.insertSale.run(row),
    insertLine: (row: SaleLineRow) => s.insertLine.run(row),
    insertTax: (row: SaleTaxRow) => s.insertTax.run(row),
    insertPayment: (row: SalePaymentRow) => s.insertPayment.run(row),
    byId: (id: string) => s.byId.get(id) ?? null,
    byKey: (key: string) => s.byKey.get(key) ?? null,
    lines: (saleId: string) => s.lines.all(saleId),
    taxes: (saleId: string) => s.taxes.all(saleId),
    payments: (saleId: string) => s.payments.all(saleId),
    returnedByLine: (saleId: string) => new Map(s.returnedByLine.all(saleId).map((r) => [r.line_no, r.quantity])),
    list: (deviceId: string, before: number, limit: number) => s.list.all(deviceId, before, limit),
    listByShift: (shiftId: string, before: number, limit: number) => s.listByShift.all(shiftId, before, limit),
  };
});

export const discountApprovals = perDatabase((db: Database) => {
  const byId = db.prepare<[string], ApprovalRow>('SELECT * FROM discount_approval WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO discount_approval (id, device_id, cart_digest, discount_minor, percent, requested_by, approved_by, reason, created_at, expires_at)
     VALUES (@id, @device_id, @cart_digest, @discount_minor, @percent, @requested_by, @approved_by, @reason, @created_at, @expires_at)`,
  );
  const markUsed = db.prepare('UPDATE discount_approval SET used_by_sale_id = ? WHERE id = ? AND used_by_sale_id IS NULL');
  return {
    byId: (id: string) => byId.get(id) ?? null,
    insert: (row: Omit<ApprovalRow, 'used_by_sale_id'>) => insert.run(row),
    markUsed: (id: string, saleId: string): boolean => markUsed.run(saleId, id).changes === 1,
  };
});

/** What the receipt's barcode carries: the terminal's tag (the random tail of its id) and the number. */
export function receiptCode(deviceId: string, receiptNo: number): string {
  return `MR1-${deviceTag(deviceId)}-${receiptNo}`;
}

export function deviceTag(deviceId: string): string {
  return deviceId.replace(/-/g, '').slice(-8).toUpperCase();
}
