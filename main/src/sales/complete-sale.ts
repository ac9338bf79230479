// Rule: one command completes a sale, in one transaction (DESIGN.md principle 3): it checks and prices the
// cart again (never trusting the screen's figures), settles the tenders, numbers the receipt gaplessly, and
// writes the sale, its lines, taxes and payments, its stock movements, its audit entry and its sync event.
// The client's idempotency key makes a double-pressed Pay return the first sale instead of selling twice.
import { CoreError } from '../api/core-error.js';
import type { CommandContext, Terminal } from '../api/command-context.js';
import type { OutputOf, ParsedInputOf, Sale } from '../contract.js';
import { canonicalJson, sha256Hex } from '../kernel/canonical-json.js';
import { recordTillSale } from '../rx/rx-till.js';
import { requireOpenShift } from '../shifts/shifts-handlers.js';
import { priceCartCore, type PricedCartCore } from './cart.js';
import { postMovement } from './lots-store.js';
import { readSale } from './read-sale.js';
import { returnsStore } from './returns-store.js';
import { ensureStoredTaxRules } from './sales-settings-store.js';
import { discountApprovals, receiptCode, salesStore } from './sales-store.js';
import { checkTenders, settle, type CheckedTender } from './tenders.js';
import type { TenderState } from '../money/index.js';

export function requireTerminal(ctx: CommandContext): Terminal {
  if (!ctx.terminal) throw new CoreError('setup.notDone', 'This terminal has not been set up yet.');
  return ctx.terminal;
}

export function requireActor(ctx: CommandContext) {
  if (!ctx.actor) throw new CoreError('auth.notLoggedIn', 'Log in first.');
  return ctx.actor;
}

/** The same request always has the same digest, whatever order its keys came in. */
export function requestDigest(input: unknown): string {
  return sha256Hex(canonicalJson(input));
}

/** Takes the next receipt number of this terminal and records what it numbers. */
export function numberReceipt(ctx: CommandContext, kind: 'sale' | 'return' | 'void', documentId: string, saleId: string) {
  const terminal = requireTerminal(ctx);
  const store = salesStore(ctx.db);
  const no = store.nextReceiptNo(terminal.deviceId);
  const code = receiptCode(terminal.deviceId, no);
  store.insertReceipt({ code, device_id: terminal.deviceId, receipt_no: no, kind, document_id: documentId, sale_id: saleId, at: ctx.now });
  return { no, code };
}

function writeSale(
  ctx: CommandContext,
  input: ParsedInputOf<'sales.completeSale'>,
  priced: PricedCartCore,
  tenders: CheckedTender[],
  state: TenderState,
  shiftId: string,
): string {
  const terminal = requireTerminal(ctx);
  const actor = requireActor(ctx);
  const store = salesStore(ctx.db);
  const id = ctx.ids.next();
  const ruleSetNum = ensureStoredTaxRules(ctx, priced.rules);
  const receipt = numberReceipt(ctx, 'sale', id, id);
  const { totals } = priced.basket;
  const negativeStock = priced.lines.some((l) => l.negativeStock);
  store.insertSale({
    id,
    device_id: terminal.deviceId,
    shift_id: shiftId,
    receipt_no: receipt.no,
    receipt_code: receipt.code,
    at: ctx.now,
    actor_id: actor.id,
    actor_name: actor.displayName,
    currency: priced.currency.code,
    tax_rule_set_num: ruleSetNum,
    tax_rule_set_id: priced.rules.rules.id,
    pricing: priced.rules.rules.pricing,
    extended_minor: totals.extendedMinor,
    line_discount_minor: totals.lineDiscountMinor,
    basket_discount_minor: totals.basketDiscountMinor,
    net_minor: totals.netMinor,
    tax_minor: totals.taxMinor,
    gross_minor: totals.grossMinor,
    cash_rounding_minor: state.cashRoundingMinor,
    amount_to_pay_minor: state.amountToPayMinor,
    tendered_minor: state.tenderedMinor,
    change_minor: state.changeMinor,
    change_rounding_minor: state.changeRoundingMinor,
    discount_approval_id: priced.discount.approvalId,
    negative_stock: negativeStock ? 1 : 0,
    idempotency_key: input.idempotencyKey,
    request_digest: requestDigest(input),
  });
  priced.pricedLines.forEach((p, i) => {
    const line = priced.lines[i]!;
    store.insertLine({
      sale_id: id,
      line_no: p.lineNo,
      product_id: p.productId,
      lot_id: p.lotId,
      name: p.name,
      sku: p.sku,
      strength: p.strength,
      batch: p.batch,
      expiry: p.expiry,
      location: p.location,
      quantity: p.quantity,
      unit: p.unit,
      pack_size: p.packSize,
      stock_units: p.stockUnits,
      unit_price_minor: p.unitPriceMinor,
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
      negative_stock: line.negativeStock ? 1 : 0,
    });
    if (line.dispense !== null) {
      // The stock left with the dispense; the sale records the link that keeps it from being sold twice.
      recordTillSale(ctx.db, line.dispense, id, p.lineNo);
      return;
    }
    postMovement(ctx, {
      lotId: p.lotId,
      productId: p.productId,
      kind: 'sale',
      quantity: -p.stockUnits,
      documentType: 'sale',
      documentId: id,
      reason: null,
    });
  });
  priced.basket.breakdown.forEach((b, position) =>
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
  state.tenders.forEach((s, i) => {
    const t = tenders[i]!;
    store.insertPayment({
      sale_id: id,
      seq: i + 1,
      kind: t.kind,
      currency: s.currency,
      amount_minor: s.amountMinor,
      rate: s.rate,
      base_amount_minor: s.baseAmountMinor,
      reference: t.storeCredit?.code ?? t.reference,
      store_credit_id: t.storeCredit?.id ?? null,
    });
    if (t.storeCredit) {
      returnsStore(ctx.db).insertCreditEntry({
        id: ctx.ids.next(),
        credit_id: t.storeCredit.id,
        amount_minor: -s.amountMinor,
        at: ctx.now,
        document_type: 'sale',
        document_id: id,
      });
    }
  });
  if (priced.discount.approvalId !== null && !discountApprovals(ctx.db).markUsed(priced.discount.approvalId, id)) {
    throw new CoreError('sales.approvalInvalid', 'That discount approval has already been used.', { reason: 'used' });
  }
  return id;
}

function record(ctx: CommandContext, sale: Sale): void {
  ctx.audit({
    action: 'sales.completeSale',
    entityType: 'sale',
    entityId: sale.id,
    after: {
      receiptCode: sale.receiptCode,
      totals: sale.totals,
      lines: sale.lines.map((l) => ({ productId: l.productId, lotId: l.lotId, quantity: l.quantity, unit: l.unit, grossMinor: l.grossMinor })),
      payments: sale.payments,
      discountApproval: sale.discountApproval,
    },
  });
  if (sale.negativeStock) {
    const lots = sale.lines.filter((l) => l.negativeStock).map((l) => ({ lotId: l.lotId, productId: l.productId, batch: l.batch }));
    ctx.audit({ action: 'stock.negativeStock', entityType: 'sale', entityId: sale.id, after: { lots } });
    ctx.emit('stock.negativeStockFlagged', { saleId: sale.id, lots });
  }
  ctx.emit('sales.saleCompleted', { sale });
}

export function completeSale(ctx: CommandContext, input: ParsedInputOf<'sales.completeSale'>): OutputOf<'sales.completeSale'> {
  const terminal = requireTerminal(ctx);
  const actor = requireActor(ctx);
  const earlier = salesStore(ctx.db).byKey(input.idempotencyKey);
  if (earlier) {
    if (earlier.request_digest !== requestDigest(input)) {
      throw new CoreError('sales.idempotencyConflict', 'This payment key was already used for a different sale.', { saleId: earlier.id });
    }
    return { ...readSale(ctx.db, earlier.id, terminal), replayed: true };
  }
  const shift = requireOpenShift(ctx.db, terminal.deviceId);
  const priced = priceCartCore(ctx.db, input, { actor, deviceId: terminal.deviceId, now: ctx.now, requireLines: true });
  if (priced.discount.needsApproval) {
    throw new CoreError('sales.discountNeedsApproval', `A discount of ${priced.discount.maxLinePercent}% needs approval.`, {
      percent: priced.discount.maxLinePercent,
      limitPercent: priced.discount.limitPercent,
      permission: 'sales.discount',
    });
  }
  const tenders = checkTenders(ctx.db, input.tenders, priced.currency.code);
  const state = settle(ctx.db, priced.currency.code, priced.basket.totals.grossMinor, tenders);
  const id = writeSale(ctx, input, priced, tenders, state, shift.id);
  const sale = readSale(ctx.db, id, terminal);
  record(ctx, sale);
  return { ...sale, replayed: false };
}
