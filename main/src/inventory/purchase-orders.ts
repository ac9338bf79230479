// Rule: a purchase order moves draft → approved (by a holder of purchasing.approve) → sent → partly / fully
// received → closed, or is cancelled before anything arrives; only a draft's lines change, and every line is
// whole packs in the supplier's pack multiple and at least its minimum order, so the supplier can fill it.
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { catalogStore } from '../catalog/catalog-store.js';
import type { ParsedInputOf } from '../contract.js';
import type { PurchaseOrderStatus, PurchaseOrderView } from './contract/purchasing-schemas.js';
import { actorId, baseCurrency, parseCost } from './inventory-rules.js';
import {
  apiStatus,
  hasDeliveries,
  lastKnownCost,
  orderWrites,
  readPurchaseOrder,
  requireOrderRow,
  type NewOrderLine,
  type OrderRow,
} from './purchase-order-store.js';
import { purchasingError } from './purchasing-errors.js';
import { requireSupplier, type SupplierRow } from './suppliers.js';

export type OrderLineInput = { productId: string; packs: number; cost?: string | undefined; note?: string | undefined; costMinor?: number | null; suggestedPacks?: number | null };

/** Checks every line against the catalog and the supplier's terms before anything is written. */
export function checkOrderLines(ctx: CommandContext, supplier: SupplierRow, lines: readonly OrderLineInput[]): NewOrderLine[] {
  if (lines.length === 0) throw purchasingError('inventory.purchaseOrderEmpty', 'A purchase order needs at least one line.');
  const currency = baseCurrency(ctx.db);
  const seen = new Set<string>();
  const catalog = catalogStore(ctx.db);
  return lines.map((line, i) => {
    const lineNo = i + 1;
    if (seen.has(line.productId)) {
      throw purchasingError('inventory.duplicateOrderLine', `Line ${lineNo} orders a product already on line ${[...seen].indexOf(line.productId) + 1}.`, {
        lineNo,
        productId: line.productId,
      });
    }
    seen.add(line.productId);
    const product = catalog.byId(line.productId);
    if (!product || product.active !== 1) throw new CoreError('inventory.productNotFound', `Line ${lineNo}: there is no such active product.`, { lineNo, productId: line.productId });
    if (line.packs % supplier.pack_multiple !== 0) {
      throw new CoreError('inventory.notPackMultiple', `Line ${lineNo}: ${supplier.name} sells in multiples of ${supplier.pack_multiple} packs.`, {
        lineNo,
        packs: line.packs,
        packMultiple: supplier.pack_multiple,
      });
    }
    if (line.packs < supplier.min_order_packs) {
      throw new CoreError('inventory.belowMinimumOrder', `Line ${lineNo}: ${supplier.name} takes orders of at least ${supplier.min_order_packs} packs.`, {
        lineNo,
        packs: line.packs,
        minOrderPacks: supplier.min_order_packs,
      });
    }
    const costMinor =
      line.cost !== undefined ? parseCost(line.cost, currency, { lineNo }) : line.costMinor !== undefined ? line.costMinor : lastKnownCost(ctx.db, product.id, supplier.id);
    return {
      lineNo,
      productId: product.id,
      gtin: catalog.gtinsOf(product.id)[0] ?? null,
      packs: line.packs,
      costMinor,
      suggestedPacks: line.suggestedPacks ?? null,
      note: line.note ?? null,
    };
  });
}

function event(view: PurchaseOrderView): Record<string, unknown> {
  return { id: view.id, number: view.number, supplierId: view.supplierId, status: view.status, totalMinor: view.totalMinor, lines: view.lines.length };
}

/** Drafts an order (used by the create operation and by suggested orders). */
export function draftOrder(
  ctx: CommandContext,
  supplier: SupplierRow,
  lines: readonly OrderLineInput[],
  options: { origin: 'manual' | 'suggested'; note: string | null },
): PurchaseOrderView {
  const checked = checkOrderLines(ctx, supplier, lines);
  const id = ctx.ids.next();
  orderWrites.insert(ctx.db, { id, supplierId: supplier.id, origin: options.origin, currency: baseCurrency(ctx.db), now: ctx.now, actorId: actorId(ctx), note: options.note });
  orderWrites.replaceLines(ctx.db, id, checked);
  const view = readPurchaseOrder(ctx.db, id);
  ctx.audit({ action: 'inventory.createPurchaseOrder', entityType: 'purchaseOrder', entityId: id, after: view });
  ctx.emit('inventory.purchaseOrderCreated', { ...event(view), origin: options.origin });
  return view;
}

export function createPurchaseOrder(ctx: CommandContext, input: ParsedInputOf<'inventory.createPurchaseOrder'>): PurchaseOrderView {
  const supplier = requireSupplier(ctx.db, input.supplierId, { active: true });
  return draftOrder(ctx, supplier, input.lines, { origin: 'manual', note: input.note ?? null });
}

function requireStatus(row: OrderRow, allowed: readonly PurchaseOrderStatus[], action: string): void {
  const status = apiStatus(row);
  if (!allowed.includes(status)) {
    throw new CoreError('inventory.purchaseOrderState', `A ${status} purchase order cannot be ${action}.`, { purchaseOrderId: row.id, status, allowed });
  }
}

export function updatePurchaseOrder(ctx: CommandContext, input: ParsedInputOf<'inventory.updatePurchaseOrder'>): PurchaseOrderView {
  const row = requireOrderRow(ctx.db, input.id);
  requireStatus(row, ['draft'], 'edited');
  const before = readPurchaseOrder(ctx.db, input.id);
  if (input.lines !== undefined) {
    const supplier = requireSupplier(ctx.db, row.supplier_id, { active: true });
    // A line the manager keeps keeps what the suggestion proposed, so the change stays visible.
    const suggested = new Map(before.lines.map((l) => [l.productId, l.suggestedPacks]));
    const checked = checkOrderLines(ctx, supplier, input.lines.map((l) => ({ ...l, suggestedPacks: suggested.get(l.productId) ?? null })));
    orderWrites.replaceLines(ctx.db, input.id, checked);
  }
  if (input.note !== undefined) orderWrites.setNote(ctx.db, input.id, input.note, ctx.now);
  const after = readPurchaseOrder(ctx.db, input.id);
  ctx.audit({ action: 'inventory.updatePurchaseOrder', entityType: 'purchaseOrder', entityId: input.id, before, after });
  ctx.emit('inventory.purchaseOrderUpdated', event(after));
  return after;
}

function transition(
  ctx: CommandContext,
  id: string,
  op: { action: string; allowed: readonly PurchaseOrderStatus[]; verb: string; event: string; reason?: string | null },
  check: (row: OrderRow, view: PurchaseOrderView) => void,
  write: (row: OrderRow) => void,
): PurchaseOrderView {
  const row = requireOrderRow(ctx.db, id);
  requireStatus(row, op.allowed, op.verb);
  const before = readPurchaseOrder(ctx.db, id);
  check(row, before);
  write(row);
  const after = readPurchaseOrder(ctx.db, id);
  ctx.audit({ action: op.action, entityType: 'purchaseOrder', entityId: id, before: { status: before.status }, after: { status: after.status }, reason: op.reason ?? null });
  ctx.emit(op.event, { ...event(after), from: before.status, ...(op.reason ? { reason: op.reason } : {}) });
  return after;
}

export function approvePurchaseOrder(ctx: CommandContext, input: ParsedInputOf<'inventory.approvePurchaseOrder'>): PurchaseOrderView {
  return transition(
    ctx,
    input.id,
    { action: 'inventory.approvePurchaseOrder', allowed: ['draft'], verb: 'approved', event: 'inventory.purchaseOrderApproved' },
    (row, view) => {
      requireSupplier(ctx.db, row.supplier_id, { active: true });
      if (view.lines.length === 0) throw purchasingError('inventory.purchaseOrderEmpty', 'A purchase order needs at least one line.', { purchaseOrderId: row.id });
      const noCost = view.lines.filter((l) => l.costMinor === null).map((l) => l.lineNo);
      if (noCost.length > 0) {
        throw purchasingError('inventory.orderCostMissing', `Give an expected cost on line ${noCost.join(', ')} before approving.`, { purchaseOrderId: row.id, lineNos: noCost });
      }
    },
    () => orderWrites.approve(ctx.db, input.id, ctx.now, actorId(ctx)),
  );
}

export function sendPurchaseOrder(ctx: CommandContext, input: ParsedInputOf<'inventory.sendPurchaseOrder'>): PurchaseOrderView {
  return transition(
    ctx,
    input.id,
    { action: 'inventory.sendPurchaseOrder', allowed: ['approved'], verb: 'sent', event: 'inventory.purchaseOrderSent' },
    () => {},
    () => orderWrites.send(ctx.db, input.id, ctx.now, actorId(ctx)),
  );
}

export function closePurchaseOrder(ctx: CommandContext, input: ParsedInputOf<'inventory.closePurchaseOrder'>): PurchaseOrderView {
  return transition(
    ctx,
    input.id,
    { action: 'inventory.closePurchaseOrder', allowed: ['sent', 'partlyReceived', 'received'], verb: 'closed', event: 'inventory.purchaseOrderClosed', reason: input.reason ?? null },
    () => {},
    () => orderWrites.close(ctx.db, input.id, ctx.now, actorId(ctx)),
  );
}

export function cancelPurchaseOrder(ctx: CommandContext, input: ParsedInputOf<'inventory.cancelPurchaseOrder'>): PurchaseOrderView {
  return transition(
    ctx,
    input.id,
    { action: 'inventory.cancelPurchaseOrder', allowed: ['draft', 'approved', 'sent'], verb: 'cancelled', event: 'inventory.purchaseOrderCancelled', reason: input.reason },
    (row) => {
      // Stock already received against the order is accounted to it: such an order is closed, not cancelled.
      if (hasDeliveries(ctx.db, row.id)) {
        throw new CoreError('inventory.purchaseOrderState', 'Stock has been received against this order; close it instead.', { purchaseOrderId: row.id, status: apiStatus(row) });
      }
    },
    () => orderWrites.cancel(ctx.db, input.id, ctx.now, actorId(ctx), input.reason),
  );
}
