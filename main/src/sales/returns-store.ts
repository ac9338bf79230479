// SQL of returns, voids and store credit. A return and a void are new facts pointing at their sale; a store
// credit's balance is the sum of its entries, never a number edited in place.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';

export type ReturnRow = {
  num: number;
  id: string;
  sale_id: string;
  device_id: string;
  shift_id: string;
  receipt_no: number;
  receipt_code: string;
  at: number;
  actor_id: string;
  actor_name: string;
  approved_by_id: string | null;
  reason: string;
  refund_as: 'original' | 'storeCredit';
  gross_minor: number;
  net_minor: number;
  tax_minor: number;
  cash_rounding_minor: number;
  refund_minor: number;
  idempotency_key: string;
  request_digest: string;
};

export type ReturnLineRow = {
  return_id: string;
  line_no: number;
  quantity: number;
  stock_units: number;
  gross_minor: number;
  net_minor: number;
  tax_minor: number;
  taxes: string;
  quarantine_lot_id: string;
};

export type ReturnPaymentRow = {
  return_id: string;
  seq: number;
  kind: 'cash' | 'card' | 'storeCredit';
  currency: string;
  amount_minor: number;
  reference: string | null;
  store_credit_id: string | null;
};

export type VoidRow = {
  id: string;
  sale_id: string;
  device_id: string;
  shift_id: string;
  receipt_no: number;
  receipt_code: string;
  at: number;
  actor_id: string;
  actor_name: string;
  approved_by_id: string | null;
  reason: string;
};

export type StoreCreditRow = { id: string; code: string; currency: string; issued_at: number; document_type: string; document_id: string };

export const returnsStore = perDatabase((db: Database) => {
  const s = {
    insertReturn: db.prepare(
      `INSERT INTO sale_return (id, sale_id, device_id, shift_id, receipt_no, receipt_code, at, actor_id, actor_name, approved_by_id,
         reason, refund_as, gross_minor, net_minor, tax_minor, cash_rounding_minor, refund_minor, idempotency_key, request_digest)
       VALUES (@id, @sale_id, @device_id, @shift_id, @receipt_no, @receipt_code, @at, @actor_id, @actor_name, @approved_by_id,
         @reason, @refund_as, @gross_minor, @net_minor, @tax_minor, @cash_rounding_minor, @refund_minor, @idempotency_key, @request_digest)`,
    ),
    insertLine: db.prepare(
      `INSERT INTO sale_return_line (return_id, line_no, quantity, stock_units, gross_minor, net_minor, tax_minor, taxes, quarantine_lot_id)
       VALUES (@return_id, @line_no, @quantity, @stock_units, @gross_minor, @net_minor, @tax_minor, @taxes, @quarantine_lot_id)`,
    ),
    insertPayment: db.prepare(
      `INSERT INTO sale_return_payment (return_id, seq, kind, currency, amount_minor, reference, store_credit_id)
       VALUES (@return_id, @seq, @kind, @currency, @amount_minor, @reference, @store_credit_id)`,
    ),
    byId: db.prepare<[string], ReturnRow>('SELECT * FROM sale_return WHERE id = ?'),
    byKey: db.prepare<[string], ReturnRow>('SELECT * FROM sale_return WHERE idempotency_key = ?'),
    ofSale: db.prepare<[string], ReturnRow>('SELECT * FROM sale_return WHERE sale_id = ? ORDER BY num'),
    lines: db.prepare<[string], ReturnLineRow>('SELECT * FROM sale_return_line WHERE return_id = ? ORDER BY line_no'),
    linesOfSale: db.prepare<[string], ReturnLineRow>(
      'SELECT rl.* FROM sale_return r JOIN sale_return_line rl ON rl.return_id = r.id WHERE r.sale_id = ? ORDER BY r.num, rl.line_no',
    ),
    payments: db.prepare<[string], ReturnPaymentRow>('SELECT * FROM sale_return_payment WHERE return_id = ? ORDER BY seq'),
    paymentsOfSale: db.prepare<[string], ReturnPaymentRow>(
      'SELECT p.* FROM sale_return r JOIN sale_return_payment p ON p.return_id = r.id WHERE r.sale_id = ? ORDER BY r.num, p.seq',
    ),
    insertVoid: db.prepare(
      `INSERT INTO sale_void (id, sale_id, device_id, shift_id, receipt_no, receipt_code, at, actor_id, actor_name, approved_by_id, reason)
       VALUES (@id, @sale_id, @device_id, @shift_id, @receipt_no, @receipt_code, @at, @actor_id, @actor_name, @approved_by_id, @reason)`,
    ),
    voidOf: db.prepare<[string], VoidRow>('SELECT * FROM sale_void WHERE sale_id = ?'),
    creditByCode: db.prepare<[string], StoreCreditRow>('SELECT * FROM store_credit WHERE code = ?'),
    creditById: db.prepare<[string], StoreCreditRow>('SELECT * FROM store_credit WHERE id = ?'),
    creditBalance: db.prepare<[string], { balance: number }>(
      'SELECT coalesce(sum(amount_minor), 0) AS balance FROM store_credit_entry WHERE credit_id = ?',
    ),
    insertCredit: db.prepare(
      `INSERT INTO store_credit (id, code, currency, issued_at, document_type, document_id)
       VALUES (@id, @code, @currency, @issued_at, @document_type, @document_id)`,
    ),
    insertCreditEntry: db.prepare(
      `INSERT INTO store_credit_entry (id, credit_id, amount_minor, at, document_type, document_id)
       VALUES (@id, @credit_id, @amount_minor, @at, @document_type, @document_id)`,
    ),
  };
  return {
    insertReturn: (row: Omit<ReturnRow, 'num'>) => s.insertReturn.run(row),
    insertLine: (row: ReturnLineRow) => s.insertLine.run(row),
    insertPayment: (row: ReturnPaymentRow) => s.insertPayment.run(row),
    byId: (id: string) => s.byId.get(id) ?? null,
    byKey: (key: string) => s.byKey.get(key) ?? null,
    ofSale: (saleId: string) => s.ofSale.all(saleId),
    lines: (returnId: string) => s.lines.all(returnId),
    linesOfSale: (saleId: string) => s.linesOfSale.all(saleId),
    payments: (returnId: string) => s.payments.all(returnId),
    paymentsOfSale: (saleId: string) => s.paymentsOfSale.all(saleId),
    insertVoid: (row: VoidRow) => s.insertVoid.run(row),
    voidOf: (saleId: string) => s.voidOf.get(saleId) ?? null,
    creditByCode: (code: string) => s.creditByCode.get(code) ?? null,
    creditById: (id: string) => s.creditById.get(id) ?? null,
    creditBalance: (creditId: string) => s.creditBalance.get(creditId)?.balance ?? 0,
    insertCredit: (row: StoreCreditRow) => s.insertCredit.run(row),
    insertCreditEntry: (row: { id: string; credit_id: string; amount_minor: number; at: number; document_type: string; document_id: string }) =>
      s.insertCreditEntry.run(row),
  };
});
