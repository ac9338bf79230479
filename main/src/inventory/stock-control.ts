// Rule: stock that may not be sold lives in quarantine, and leaves it only by a pharmacist's release (never
// when expired or recalled) or by disposal; every step is a movement with a reason (DESIGN.md principle 2).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import { isoDay } from './inventory-rules.js';
import { moveBetweenLocations, postMovement, requireLot, requireOnHand } from './movements.js';
import { requireSupplier } from './suppliers.js';

const statements = perDatabase((db: Database) => ({
  recallOf: db.prepare<[string, string], { id: string; class: string }>(
    `SELECT r.id, r.class FROM recall r WHERE r.product_id = ? AND (r.whole_product = 1
       OR EXISTS (SELECT 1 FROM recall_batch rb WHERE rb.recall_id = r.id AND rb.batch = ?)) ORDER BY r.num LIMIT 1`,
  ),
  legalCategory: db.prepare<[string], { legal_category: string }>('SELECT legal_category FROM product WHERE id = ?'),
  insertDisposal: db.prepare(
    `INSERT INTO stock_disposal (id, kind, lot_id, product_id, stock_units, reason, supplier_id, reference, witness, at, actor_id)
     VALUES (@id, @kind, @lotId, @productId, @stockUnits, @reason, @supplierId, @reference, @witness, @at, @actorId)`,
  ),
}));

/** The recall that covers this product's batch, if any: such stock never goes back on sale. */
export function recallCovering(db: Database, productId: string, batch: string): { id: string; class: string } | null {
  return statements(db).recallOf.get(productId, batch) ?? null;
}

export function quarantineStock(ctx: CommandContext, input: ParsedInputOf<'inventory.quarantineStock'>): OutputOf<'inventory.quarantineStock'> {
  const lot = requireLot(ctx.db, input.lotId);
  if (lot.location === 'quarantine') {
    throw new CoreError('stock.batchQuarantined', `Batch ${lot.batch} is already in quarantine.`, { lotId: lot.lot_id });
  }
  requireOnHand(lot, input.quantity);
  const documentId = ctx.ids.next();
  const toLotId = moveBetweenLocations(ctx, lot, 'quarantine', input.quantity, { kind: 'quarantine', documentType: 'quarantine', documentId, reason: input.reason });
  const result = { fromLotId: lot.lot_id, toLotId, quantity: input.quantity, remaining: lot.on_hand - input.quantity };
  ctx.audit({ action: 'inventory.quarantineStock', entityType: 'stockLot', entityId: lot.lot_id, after: result, reason: input.reason });
  ctx.emit('inventory.stockQuarantined', { ...result, productId: lot.product_id, batch: lot.batch, reason: input.reason });
  return result;
}

export function releaseFromQuarantine(ctx: CommandContext, input: ParsedInputOf<'inventory.releaseFromQuarantine'>): OutputOf<'inventory.releaseFromQuarantine'> {
  const lot = requireLot(ctx.db, input.lotId);
  if (lot.location !== 'quarantine') {
    throw new CoreError('stock.notQuarantined', `Batch ${lot.batch} is not in quarantine.`, { lotId: lot.lot_id, location: lot.location });
  }
  if (lot.expiry < isoDay(ctx.now)) {
    throw new CoreError('stock.batchExpired', `Batch ${lot.batch} expired on ${lot.expiry}; it cannot go back on sale.`, { lotId: lot.lot_id, expiry: lot.expiry });
  }
  const recall = recallCovering(ctx.db, lot.product_id, lot.batch);
  if (recall) {
    throw new CoreError('stock.recalled', `Batch ${lot.batch} is recalled (class ${recall.class}); it can only be returned or destroyed.`, {
      lotId: lot.lot_id,
      recallId: recall.id,
    });
  }
  requireOnHand(lot, input.quantity);
  const documentId = ctx.ids.next();
  const toLotId = moveBetweenLocations(ctx, lot, input.toLocation, input.quantity, { kind: 'release', documentType: 'quarantineRelease', documentId, reason: input.reason });
  const result = { fromLotId: lot.lot_id, toLotId, quantity: input.quantity, remaining: lot.on_hand - input.quantity };
  ctx.audit({ action: 'inventory.releaseFromQuarantine', entityType: 'stockLot', entityId: lot.lot_id, after: { ...result, toLocation: input.toLocation }, reason: input.reason });
  ctx.emit('stock.releasedFromQuarantine', { ...result, productId: lot.product_id, toLocation: input.toLocation });
  return result;
}

export function disposeStock(ctx: CommandContext, input: ParsedInputOf<'inventory.disposeStock'>): OutputOf<'inventory.disposeStock'> {
  const lot = requireLot(ctx.db, input.lotId);
  if (input.kind === 'supplierReturn') {
    if (input.supplierId === undefined) {
      throw new CoreError('inventory.supplierReturnNeedsSupplier', 'A return to supplier names the supplier.', { lotId: lot.lot_id });
    }
    requireSupplier(ctx.db, input.supplierId);
  }
  const category = statements(ctx.db).legalCategory.get(lot.product_id)?.legal_category;
  if (input.kind === 'destruction' && category === 'controlled' && input.witness === undefined) {
    throw new CoreError('inventory.destructionNeedsWitness', 'Destroying a controlled drug needs a witness.', { lotId: lot.lot_id });
  }
  requireOnHand(lot, input.quantity);
  const disposalId = ctx.ids.next();
  statements(ctx.db).insertDisposal.run({
    id: disposalId,
    kind: input.kind,
    lotId: lot.lot_id,
    productId: lot.product_id,
    stockUnits: input.quantity,
    reason: input.reason,
    supplierId: input.supplierId ?? null,
    reference: input.reference ?? null,
    witness: input.witness ?? null,
    at: ctx.now,
    actorId: ctx.actor?.id ?? null,
  });
  postMovement(ctx, {
    lotId: lot.lot_id,
    productId: lot.product_id,
    kind: input.kind === 'supplierReturn' ? 'transferOut' : 'writeOff',
    quantity: -input.quantity,
    documentType: input.kind,
    documentId: disposalId,
    reason: input.reason,
  });
  const result = { disposalId, lotId: lot.lot_id, kind: input.kind, quantity: input.quantity, remaining: lot.on_hand - input.quantity };
  ctx.audit({ action: `inventory.disposeStock`, entityType: 'stockDisposal', entityId: disposalId, after: { ...result, supplierId: input.supplierId ?? null, witness: input.witness ?? null }, reason: input.reason });
  ctx.emit('inventory.stockDisposed', { ...result, productId: lot.product_id, batch: lot.batch, supplierId: input.supplierId ?? null });
  return result;
}
