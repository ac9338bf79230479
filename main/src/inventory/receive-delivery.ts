// Rule: a delivery enters stock only as receipt movements of known products with a batch and an expiry
// (DESIGN.md "Data"); stock already past its expiry is refused unless it goes straight into quarantine.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { parseScan } from '../barcode/index.js';
import { catalogStore, type ProductRow } from '../catalog/catalog-store.js';
import { normalizeGtin } from '../catalog/gtin.js';
import type { ParsedInputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import type { Delivery } from './contract/schemas.js';
import { baseCurrency, isoDay, parseCost, passThrough } from './inventory-rules.js';
import { lotFor, postMovement } from './movements.js';
import { checkReceivableOrder, noteOrderReceipt } from './purchase-order-status.js';
import { requireSupplier } from './suppliers.js';

type LineInput = ParsedInputOf<'inventory.receiveDelivery'>['lines'][number];

type CheckedLine = {
  lineNo: number;
  product: ProductRow;
  gtin: string;
  batch: string;
  expiry: string;
  input: LineInput;
  costMinor: number;
};

const statements = perDatabase((db: Database) => ({
  insertDelivery: db.prepare(
    `INSERT INTO delivery (id, supplier_id, purchase_order_id, reference, note, currency, received_at, actor_id)
     VALUES (@id, @supplierId, @purchaseOrderId, @reference, @note, @currency, @at, @actorId)`,
  ),
  insertLine: db.prepare(
    `INSERT INTO delivery_line (delivery_id, line_no, product_id, gtin, batch, expiry, packs, damaged_packs, ordered_packs, stock_units,
       cost_minor, lot_id, quarantine_lot_id, discrepancy, note)
     VALUES (@deliveryId, @lineNo, @productId, @gtin, @batch, @expiry, @packs, @damagedPacks, @orderedPacks, @stockUnits,
       @costMinor, @lotId, @quarantineLotId, @discrepancy, @note)`,
  ),
}));

/** GTIN, batch and expiry of a line: from its scan, with typed fields filling what the scan lacks. */
function identify(ctx: CommandContext, line: LineInput, lineNo: number): { gtin: string; batch: string; expiry: string } {
  let gtin = line.gtin ?? null;
  let batch = line.batch ?? null;
  let expiry = line.expiry ?? null;
  if (line.scan !== undefined) {
    const parsed = parseScan(line.scan, { now: new Date(ctx.now), ...(line.gsSubstitute === undefined ? {} : { gsSubstitute: line.gsSubstitute }) });
    if (!parsed.ok) throw passThrough({ ...parsed.error, details: { lineNo, ...(parsed.error.details ?? {}) } });
    gtin = parsed.value.gtin ?? gtin;
    batch = parsed.value.batch ?? batch;
    expiry = parsed.value.expiry ?? expiry;
  }
  if (gtin === null || batch === null || expiry === null) {
    const missing = [gtin === null ? 'gtin' : null, batch === null ? 'batch' : null, expiry === null ? 'expiry' : null].filter((m) => m !== null);
    throw new CoreError('inventory.scanIncomplete', `Line ${lineNo} needs a GTIN, a batch and an expiry date; missing: ${missing.join(', ')}.`, { lineNo, missing });
  }
  const normal = normalizeGtin(gtin);
  if (normal === null) throw new CoreError('catalog.gtinInvalid', `Line ${lineNo}: ${gtin} is not a valid GTIN.`, { lineNo, gtin });
  return { gtin: normal, batch, expiry };
}

function checkLine(ctx: CommandContext, line: LineInput, lineNo: number, today: string, currency: string): CheckedLine {
  const { gtin, batch, expiry } = identify(ctx, line, lineNo);
  const product = catalogStore(ctx.db).byGtin(gtin);
  if (!product) throw new CoreError('inventory.unknownGtin', `Line ${lineNo}: no product in the catalog has the barcode ${gtin}.`, { lineNo, gtin });
  if (line.quantity + line.damagedQuantity === 0 && (line.orderedQuantity ?? 0) === 0) {
    throw new CoreError('inventory.emptyLine', `Line ${lineNo} receives nothing.`, { lineNo });
  }
  if (expiry < today && !line.intoQuarantine) {
    throw new CoreError('stock.expiredOnReceipt', `Line ${lineNo}: batch ${batch} expired on ${expiry}; receive it into quarantine or refuse it.`, {
      lineNo,
      batch,
      expiry,
    });
  }
  const costMinor = parseCost(line.cost, currency, { lineNo });
  return { lineNo, product, gtin, batch, expiry, input: line, costMinor };
}

export function receiveDelivery(ctx: CommandContext, input: ParsedInputOf<'inventory.receiveDelivery'>): Delivery {
  requireSupplier(ctx.db, input.supplierId, { active: true });
  if (input.purchaseOrderId !== undefined) checkReceivableOrder(ctx.db, input.purchaseOrderId, input.supplierId);
  const today = isoDay(ctx.now);
  const currency = baseCurrency(ctx.db);
  // Every line is checked before anything is written, so a refusal names the first bad line and writes nothing.
  const checked = input.lines.map((line, i) => checkLine(ctx, line, i + 1, today, currency));

  const s = statements(ctx.db);
  const deliveryId = ctx.ids.next();
  s.insertDelivery.run({
    id: deliveryId,
    supplierId: input.supplierId,
    purchaseOrderId: input.purchaseOrderId ?? null,
    reference: input.reference ?? null,
    note: input.note ?? null,
    currency,
    at: ctx.now,
    actorId: ctx.actor?.id ?? null,
  });
  const lines = checked.map((c) => {
    const { product, input: line } = c;
    const key = { productId: product.id, batch: c.batch, expiry: c.expiry };
    const common = { productId: product.id, kind: 'receipt' as const, documentType: 'delivery', documentId: deliveryId };
    let lotId: string | null = null;
    let quarantineLotId: string | null = null;
    if (line.quantity > 0) {
      lotId = lotFor(ctx, { ...key, location: line.intoQuarantine ? 'quarantine' : line.location }, { minor: c.costMinor, update: true });
      postMovement(ctx, { ...common, lotId, quantity: line.quantity * product.pack_size, reason: line.intoQuarantine ? 'received into quarantine' : null });
    }
    if (line.damagedQuantity > 0) {
      quarantineLotId = lotFor(ctx, { ...key, location: 'quarantine' }, { minor: c.costMinor, update: true });
      postMovement(ctx, { ...common, lotId: quarantineLotId, quantity: line.damagedQuantity * product.pack_size, reason: 'damaged on delivery' });
    }
    const received = line.quantity + line.damagedQuantity;
    const ordered = line.orderedQuantity ?? null;
    const discrepancy = ordered === null || ordered === received ? null : received < ordered ? ('short' as const) : ('over' as const);
    const out = {
      lineNo: c.lineNo,
      productId: product.id,
      gtin: c.gtin,
      batch: c.batch,
      expiry: c.expiry,
      packs: line.quantity,
      damagedPacks: line.damagedQuantity,
      orderedPacks: ordered,
      stockUnits: received * product.pack_size,
      costMinor: c.costMinor,
      lotId,
      quarantineLotId,
      discrepancy,
      note: line.note ?? null,
    };
    s.insertLine.run({ deliveryId, ...out });
    return out;
  });
  if (input.purchaseOrderId !== undefined) noteOrderReceipt(ctx, input.purchaseOrderId);
  const delivery: Delivery = {
    id: deliveryId,
    supplierId: input.supplierId,
    purchaseOrderId: input.purchaseOrderId ?? null,
    reference: input.reference ?? null,
    currency,
    receivedAt: ctx.now,
    lines,
  };
  ctx.audit({ action: 'inventory.receiveDelivery', entityType: 'delivery', entityId: deliveryId, after: delivery });
  ctx.emit('inventory.deliveryReceived', delivery);
  return delivery;
}
