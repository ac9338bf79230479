// Rule: a return is a new fact pointing at its sale (DESIGN.md principle 2). It never takes back more than was
// sold, across all returns; it refunds the tenders that paid (card, then store credit, then cash), each no more
// than it paid; and returned medicines go to quarantine, never straight back to sellable stock.
import { CoreError } from '../api/core-error.js';
import type { CommandContext } from '../api/command-context.js';
import type { ParsedInputOf, SaleReturn } from '../contract.js';
import type { LineTax } from '../money/index.js';
import { getCurrency, roundCash } from '../money/index.js';
import { requireOpenShift } from '../shifts/shifts-handlers.js';
import { expectedCash } from '../shifts/shift-report.js';
import { numberReceipt, requestDigest, requireActor, requireTerminal } from './complete-sale.js';
import { lotAt, lotsStore, postMovement } from './lots-store.js';
import { findSaleIdByReceipt, saleOrThrow } from './read-sale.js';
import { returnsStore, type ReturnPaymentRow } from './returns-store.js';
import { shareOf, unwrap } from './sales-rules.js';
import { salesStore, type SaleLineRow, type SaleRow } from './sales-store.js';

type Refund = { kind: 'cash' | 'card' | 'storeCredit'; amountMinor: number; reference: string | null; storeCreditId: string | null };

type ReturnedLine = {
  line: SaleLineRow;
  quantity: number;
  stockUnits: number;
  grossMinor: number;
  netMinor: number;
  taxMinor: number;
  taxes: LineTax[];
};

/**
 * This return's part of a line, worked out as the difference of cumulative shares: what all returns so far
 * have refunded, minus what earlier returns refunded. Every partial return is rounded, yet returning the whole
 * line in any number of steps refunds exactly what it cost, tax by tax.
 */
function returnedPart(line: SaleLineRow, before: number, quantity: number): ReturnedLine {
  const step = (total: number) => shareOf(total, before + quantity, line.quantity) - shareOf(total, before, line.quantity);
  const taxes = (JSON.parse(line.taxes) as LineTax[]).map((t) => ({ ...t, baseMinor: step(t.baseMinor), taxMinor: step(t.taxMinor) }));
  const grossMinor = step(line.gross_minor);
  const taxMinor = taxes.reduce((n, t) => n + t.taxMinor, 0);
  return {
    line,
    quantity,
    stockUnits: (line.stock_units / line.quantity) * quantity,
    grossMinor,
    netMinor: grossMinor - taxMinor,
    taxMinor,
    taxes,
  };
}

function checkLines(sale: SaleRow, input: ParsedInputOf<'sales.returnItems'>, ctx: CommandContext): ReturnedLine[] {
  const lines = new Map(salesStore(ctx.db).lines(sale.id).map((l) => [l.line_no, l]));
  const returned = salesStore(ctx.db).returnedByLine(sale.id);
  const wanted = new Map<number, number>();
  for (const l of input.lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1) {
      throw new CoreError('sales.invalidQuantity', `Line ${l.lineNo}: a quantity is a whole number of at least 1.`, { lineNo: l.lineNo, quantity: l.quantity });
    }
    wanted.set(l.lineNo, (wanted.get(l.lineNo) ?? 0) + l.quantity);
  }
  return [...wanted.entries()]
    .sort(([a], [b]) => a - b)
    .map(([lineNo, quantity]) => {
      const line = lines.get(lineNo);
      const before = returned.get(lineNo) ?? 0;
      if (!line || before + quantity > line.quantity) {
        throw new CoreError('sales.returnExceedsSold', `Line ${lineNo}: that is more than was sold and not yet returned.`, {
          lineNo,
          sold: line?.quantity ?? 0,
          alreadyReturned: before,
          requested: quantity,
        });
      }
      return returnedPart(line, before, quantity);
    });
}

/** Refunds to the tenders that paid, card first, then store credit, then cash; none beyond what it paid. */
function refundsToOriginal(ctx: CommandContext, sale: SaleRow, dueMinor: number, cardReference: string | null): Refund[] {
  const payments = salesStore(ctx.db).payments(sale.id);
  const earlier: ReturnPaymentRow[] = returnsStore(ctx.db).paymentsOfSale(sale.id);
  const refunded = (match: (p: ReturnPaymentRow) => boolean) => earlier.filter(match).reduce((n, p) => n + p.amount_minor, 0);
  const refunds: Refund[] = [];
  let left = dueMinor;
  const card = payments.filter((p) => p.kind === 'card').reduce((n, p) => n + p.base_amount_minor, 0) - refunded((p) => p.kind === 'card');
  if (left > 0 && card > 0) {
    const amount = Math.min(left, card);
    if (cardReference === null) {
      throw new CoreError('sales.cardReferenceRequired', "Part of this refund goes back to the card: enter the card terminal's reference.", { amountMinor: amount });
    }
    refunds.push({ kind: 'card', amountMinor: amount, reference: cardReference, storeCreditId: null });
    left -= amount;
  }
  for (const p of payments.filter((x) => x.kind === 'storeCredit')) {
    const room = p.base_amount_minor - refunded((r) => r.store_credit_id === p.store_credit_id);
    if (left <= 0 || room <= 0) continue;
    const amount = Math.min(left, room);
    refunds.push({ kind: 'storeCredit', amountMinor: amount, reference: p.reference, storeCreditId: p.store_credit_id });
    left -= amount;
  }
  if (left > 0) {
    const nonCash = payments.filter((p) => p.kind === 'card' || p.kind === 'storeCredit').reduce((n, p) => n + p.base_amount_minor, 0);
    const cashRoom = sale.amount_to_pay_minor - nonCash - refunded((p) => p.kind === 'cash');
    const rounded = Math.min(unwrap(roundCash(left, sale.currency)).roundedMinor, cashRoom);
    if (rounded < 0 || left - rounded > unwrap(getCurrency(sale.currency)).cash.incrementMinor) {
      throw new Error(`refund of ${left} exceeds what the sale's cash paid (${cashRoom})`);
    }
    if (rounded > 0) refunds.push({ kind: 'cash', amountMinor: rounded, reference: null, storeCreditId: null });
  }
  return refunds;
}

function issueStoreCredit(ctx: CommandContext, currency: string, amountMinor: number, returnId: string): Refund {
  const id = ctx.ids.next();
  const code = `SC-${id.replace(/-/g, '').slice(-10).toUpperCase()}`;
  const store = returnsStore(ctx.db);
  store.insertCredit({ id, code, currency, issued_at: ctx.now, document_type: 'return', document_id: returnId });
  store.insertCreditEntry({ id: ctx.ids.next(), credit_id: id, amount_minor: amountMinor, at: ctx.now, document_type: 'return', document_id: returnId });
  return { kind: 'storeCredit', amountMinor, reference: code, storeCreditId: id };
}

export function readReturn(ctx: CommandContext, id: string, replayed: boolean): SaleReturn {
  const store = returnsStore(ctx.db);
  const row = store.byId(id);
  if (!row) throw new Error(`return ${id} vanished`);
  const saleLines = new Map(salesStore(ctx.db).lines(row.sale_id).map((l) => [l.line_no, l]));
  const refunds = store.payments(id);
  const issued = row.refund_as === 'storeCredit' ? refunds.find((p) => p.kind === 'storeCredit') : undefined;
  return {
    id: row.id,
    saleId: row.sale_id,
    receiptNo: row.receipt_no,
    receiptCode: row.receipt_code,
    at: row.at,
    actorName: row.actor_name,
    approvedById: row.approved_by_id,
    reason: row.reason,
    currency: saleOrThrow(ctx.db, row.sale_id).currency,
    lines: store.lines(id).map((l) => ({
      lineNo: l.line_no,
      name: saleLines.get(l.line_no)?.name ?? '',
      quantity: l.quantity,
      unit: saleLines.get(l.line_no)?.unit ?? 'pack',
      stockUnits: l.stock_units,
      grossMinor: l.gross_minor,
      netMinor: l.net_minor,
      taxMinor: l.tax_minor,
      quarantineLotId: l.quarantine_lot_id,
    })),
    grossMinor: row.gross_minor,
    netMinor: row.net_minor,
    taxMinor: row.tax_minor,
    cashRoundingMinor: row.cash_rounding_minor,
    refundMinor: row.refund_minor,
    refunds: refunds.map((p) => ({ kind: p.kind, currency: p.currency, amountMinor: p.amount_minor, reference: p.reference })),
    storeCreditCode: issued?.reference ?? null,
    replayed,
  };
}

export function returnItems(ctx: CommandContext, input: ParsedInputOf<'sales.returnItems'>): SaleReturn {
  const terminal = requireTerminal(ctx);
  const actor = requireActor(ctx);
  const store = returnsStore(ctx.db);
  const earlier = store.byKey(input.idempotencyKey);
  if (earlier) {
    if (earlier.request_digest !== requestDigest(input)) {
      throw new CoreError('sales.idempotencyConflict', 'This key was already used for a different return.', { returnId: earlier.id });
    }
    return readReturn(ctx, earlier.id, true);
  }
  const sale = saleOrThrow(ctx.db, input.saleId ?? findSaleIdByReceipt(ctx.db, input.receipt ?? '', terminal.deviceId));
  if (store.voidOf(sale.id)) throw new CoreError('sales.alreadyVoided', 'This sale was voided; there is nothing to return.', { saleId: sale.id });
  const shift = requireOpenShift(ctx.db, terminal.deviceId);
  const lines = checkLines(sale, input, ctx);
  const grossMinor = lines.reduce((n, l) => n + l.grossMinor, 0);
  // Never more back than the customer paid: a sale rounded down in cash refunds at most what was handed over.
  const refundedBefore = store.ofSale(sale.id).reduce((n, r) => n + r.refund_minor, 0);
  const dueMinor = Math.min(grossMinor, sale.amount_to_pay_minor - refundedBefore);
  const id = ctx.ids.next();
  const refunds =
    input.refundAs === 'storeCredit'
      ? dueMinor > 0
        ? [issueStoreCredit(ctx, sale.currency, dueMinor, id)]
        : []
      : refundsToOriginal(ctx, sale, dueMinor, input.cardReference ?? null);
  const refundMinor = refunds.reduce((n, r) => n + r.amountMinor, 0);
  const cashOut = refunds.filter((r) => r.kind === 'cash').reduce((n, r) => n + r.amountMinor, 0);
  if (cashOut > 0 && cashOut > expectedCash(ctx.db, shift)) {
    throw new CoreError('shifts.cashBelowZero', 'The drawer does not hold enough cash for this refund; refund it another way.');
  }
  const receipt = numberReceipt(ctx, 'return', id, sale.id);
  store.insertReturn({
    id,
    sale_id: sale.id,
    device_id: terminal.deviceId,
    shift_id: shift.id,
    receipt_no: receipt.no,
    receipt_code: receipt.code,
    at: ctx.now,
    actor_id: actor.id,
    actor_name: actor.displayName,
    approved_by_id: ctx.approvedBy?.id ?? null,
    reason: input.reason,
    refund_as: input.refundAs,
    gross_minor: grossMinor,
    net_minor: lines.reduce((n, l) => n + l.netMinor, 0),
    tax_minor: lines.reduce((n, l) => n + l.taxMinor, 0),
    cash_rounding_minor: refundMinor - grossMinor,
    refund_minor: refundMinor,
    idempotency_key: input.idempotencyKey,
    request_digest: requestDigest(input),
  });
  for (const l of lines) {
    const soldFrom = lotsStore.byId(ctx.db, l.line.lot_id);
    if (!soldFrom) throw new Error(`lot ${l.line.lot_id} of a sale vanished`);
    const quarantineLotId = lotAt(ctx, soldFrom, 'quarantine');
    store.insertLine({
      return_id: id,
      line_no: l.line.line_no,
      quantity: l.quantity,
      stock_units: l.stockUnits,
      gross_minor: l.grossMinor,
      net_minor: l.netMinor,
      tax_minor: l.taxMinor,
      taxes: JSON.stringify(l.taxes),
      quarantine_lot_id: quarantineLotId,
    });
    postMovement(ctx, {
      lotId: quarantineLotId,
      productId: l.line.product_id,
      kind: 'return',
      quantity: l.stockUnits,
      documentType: 'return',
      documentId: id,
      reason: input.reason,
    });
  }
  refunds.forEach((r, i) => {
    store.insertPayment({
      return_id: id,
      seq: i + 1,
      kind: r.kind,
      currency: sale.currency,
      amount_minor: r.amountMinor,
      reference: r.reference,
      store_credit_id: r.storeCreditId,
    });
    if (r.kind === 'storeCredit' && input.refundAs === 'original' && r.storeCreditId) {
      store.insertCreditEntry({ id: ctx.ids.next(), credit_id: r.storeCreditId, amount_minor: r.amountMinor, at: ctx.now, document_type: 'return', document_id: id });
    }
  });
  const result = readReturn(ctx, id, false);
  ctx.audit({ action: 'sales.returnItems', entityType: 'sale', entityId: sale.id, after: result, reason: ctx.overrideReason ?? input.reason });
  ctx.emit('sales.itemsReturned', { return: result });
  return result;
}
