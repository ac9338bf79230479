import { CoreError } from '../api/core-error.js';
import { handler } from '../api/command-context.js';
import { beyondLimit, priceCartCore } from './cart.js';
import { completeSale, requireActor, requireTerminal } from './complete-sale.js';
import { lookupScan } from './lookup-scan.js';
import { findSaleIdByReceipt, readSale } from './read-sale.js';
import { returnItems } from './returns.js';
import { parsePercent } from './sales-rules.js';
import { readPolicy } from './sales-settings-store.js';
import { salesSettingsHandlers } from './sales-settings-handlers.js';
import { discountApprovals, salesStore } from './sales-store.js';
import { balance, checkTenders, paymentState } from './tenders.js';
import { voidSale } from './void-sale.js';

export const salesHandlers = {
  'sales.lookupScan': handler<'sales.lookupScan'>({ run: (ctx, input) => lookupScan(ctx, input) }),
  'sales.priceCart': handler<'sales.priceCart'>({
    run(ctx, input) {
      const terminal = requireTerminal(ctx);
      const priced = priceCartCore(ctx.db, input, { actor: requireActor(ctx), deviceId: terminal.deviceId, now: ctx.now });
      const base = priced.currency.code;
      const tenders = input.tenders === undefined ? null : checkTenders(ctx.db, input.tenders, base);
      return {
        currency: base,
        exponent: priced.currency.exponent,
        taxRuleSetId: priced.rules.rules.id,
        pricing: priced.rules.rules.pricing,
        lines: priced.pricedLines,
        totals: priced.basket.totals,
        breakdown: priced.basket.breakdown,
        discount: priced.discount,
        payment: tenders === null ? null : paymentState(balance(ctx.db, base, priced.basket.totals.grossMinor, tenders), tenders),
      };
    },
  }),
  'sales.authorizeDiscount': handler<'sales.authorizeDiscount'>({
    run(ctx, input) {
      const terminal = requireTerminal(ctx);
      const actor = requireActor(ctx);
      const priced = priceCartCore(ctx.db, input, { actor, deviceId: terminal.deviceId, now: ctx.now, requireLines: true });
      const approver = ctx.approvedBy ?? actor;
      const policy = readPolicy(ctx.db);
      const limitText = policy.discountLimitPercent[approver.role];
      const limit = parsePercent(limitText) ?? { num: 0n, den: 1n };
      if (beyondLimit(priced.basket, limit)) {
        throw new CoreError('sales.discountLimit', `${approver.displayName} may approve discounts up to ${limitText}%.`, {
          percent: priced.discount.maxLinePercent,
          limitPercent: limitText,
        });
      }
      const id = ctx.ids.next();
      const expiresAt = ctx.now + policy.discountApprovalMinutes * 60_000;
      discountApprovals(ctx.db).insert({
        id,
        device_id: terminal.deviceId,
        cart_digest: priced.cartDigest,
        discount_minor: priced.discount.totalMinor,
        percent: priced.discount.maxLinePercent,
        requested_by: actor.id,
        approved_by: approver.id,
        reason: input.reason,
        created_at: ctx.now,
        expires_at: expiresAt,
      });
      const result = { approvalId: id, percent: priced.discount.maxLinePercent, discountMinor: priced.discount.totalMinor, expiresAt };
      ctx.audit({ action: 'sales.authorizeDiscount', entityType: 'discountApproval', entityId: id, after: result, reason: ctx.overrideReason ?? input.reason });
      ctx.emit('sales.discountApproved', { ...result, approvedById: approver.id });
      return result;
    },
  }),
  'sales.completeSale': handler<'sales.completeSale'>({ run: (ctx, input) => completeSale(ctx, input) }),
  'sales.getSale': handler<'sales.getSale'>({ run: (ctx, input) => readSale(ctx.db, input.id, ctx.terminal) }),
  'sales.findByReceipt': handler<'sales.findByReceipt'>({
    run: (ctx, input) => readSale(ctx.db, findSaleIdByReceipt(ctx.db, input.receipt, requireTerminal(ctx).deviceId), ctx.terminal),
  }),
  'sales.listSales': handler<'sales.listSales'>({
    run(ctx, input) {
      const store = salesStore(ctx.db);
      const before = input.cursor ?? Number.MAX_SAFE_INTEGER;
      const rows =
        input.shiftId === undefined
          ? store.list(requireTerminal(ctx).deviceId, before, input.limit + 1)
          : store.listByShift(input.shiftId, before, input.limit + 1);
      const page = rows.slice(0, input.limit);
      return {
        sales: page.map((r) => ({
          id: r.id,
          receiptNo: r.receipt_no,
          receiptCode: r.receipt_code,
          at: r.at,
          cashierName: r.actor_name,
          currency: r.currency,
          grossMinor: r.gross_minor,
          lineCount: r.line_count,
          status: r.voided ? 'voided' : r.returned === 0 ? 'completed' : r.returned >= r.sold ? 'returned' : 'partlyReturned',
        })),
        nextCursor: rows.length > input.limit ? (page[page.length - 1]?.num ?? null) : null,
      };
    },
  }),
  'sales.returnItems': handler<'sales.returnItems'>({ run: (ctx, input) => returnItems(ctx, input) }),
  'sales.voidSale': handler<'sales.voidSale'>({ run: (ctx, input) => voidSale(ctx, input) }),
  ...salesSettingsHandlers,
};
