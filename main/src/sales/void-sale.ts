// Rule: a void cancels a completed sale as a new fact pointing at it (DESIGN.md principle 2), with a manager's
// authority. It is allowed only while the sale's shift is still open, so that the drawer it reverses is the
// drawer the sale paid into; later, the goods come back as a return instead.
import { CoreError } from '../api/core-error.js';
import type { CommandContext } from '../api/command-context.js';
import type { ParsedInputOf, Sale } from '../contract.js';
import { requireOpenShift } from '../shifts/shifts-handlers.js';
import { numberReceipt, requireActor, requireTerminal } from './complete-sale.js';
import { postMovement } from './lots-store.js';
import { readSale, saleOrThrow } from './read-sale.js';
import { returnsStore } from './returns-store.js';
import { salesStore } from './sales-store.js';

export function voidSale(ctx: CommandContext, input: ParsedInputOf<'sales.voidSale'>): Sale {
  const terminal = requireTerminal(ctx);
  const actor = requireActor(ctx);
  const sale = saleOrThrow(ctx.db, input.saleId);
  const store = returnsStore(ctx.db);
  const existing = store.voidOf(sale.id);
  if (existing) throw new CoreError('sales.alreadyVoided', 'This sale is already void.', { saleId: sale.id, voidId: existing.id });
  if (store.ofSale(sale.id).length > 0) {
    throw new CoreError('sales.saleHasReturns', 'Items of this sale were returned; return the rest instead of voiding.', { saleId: sale.id });
  }
  const shift = requireOpenShift(ctx.db, terminal.deviceId);
  if (sale.shift_id !== shift.id) {
    throw new CoreError('sales.voidShiftClosed', "This sale's shift is closed; take the goods back as a return.", { saleId: sale.id });
  }
  const id = ctx.ids.next();
  const receipt = numberReceipt(ctx, 'void', id, sale.id);
  store.insertVoid({
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
  });
  // The goods never left the counter: they go back to the lot they were sold from.
  for (const line of salesStore(ctx.db).lines(sale.id)) {
    postMovement(ctx, {
      lotId: line.lot_id,
      productId: line.product_id,
      kind: 'return',
      quantity: line.stock_units,
      documentType: 'void',
      documentId: id,
      reason: input.reason,
    });
  }
  for (const p of salesStore(ctx.db).payments(sale.id)) {
    if (p.kind !== 'storeCredit' || !p.store_credit_id) continue;
    store.insertCreditEntry({ id: ctx.ids.next(), credit_id: p.store_credit_id, amount_minor: p.amount_minor, at: ctx.now, document_type: 'void', document_id: id });
  }
  const result = readSale(ctx.db, sale.id, terminal);
  ctx.audit({ action: 'sales.voidSale', entityType: 'sale', entityId: sale.id, after: result.voided, reason: ctx.overrideReason ?? input.reason });
  ctx.emit('sales.saleVoided', { saleId: sale.id, void: result.voided });
  return result;
}
