// The stock card: a product's (or one batch's, or one lot's) movements read straight from the ledger, with
// the running balance folded from the first movement, so the card always agrees with on-hand.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { handler, type CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import { baseCurrency } from './inventory-rules.js';

type MovementRow = {
  seq: number;
  id: string;
  at: number;
  kind: string;
  quantity: number;
  balance: number;
  lot_id: string;
  batch: string;
  expiry: string;
  location: string;
  actor_id: string | null;
  actor_name: string | null;
  reason: string | null;
  document_type: string | null;
  document_id: string | null;
  document_label: string | null;
};

type LotRow = { lot_id: string; batch: string; expiry: string; location: string; sellable: number; on_hand: number; cost_minor: number | null };

type Scope = { productId: string; lotId: string | null; batch: string | null };

/**
 * The scope's movements with the running balance; parameters @productId, @lotId, @batch, @beforeSeq, @limit.
 * The balance is a window sum over the whole scope (not just the page), so every page shows true balances.
 */
export const stockCardSql = `WITH card AS (
    SELECT m.*, sum(m.quantity) OVER (ORDER BY m.seq ROWS UNBOUNDED PRECEDING) AS balance
    FROM stock_movement m
    WHERE m.product_id = @productId
      AND (@lotId IS NULL OR m.lot_id = @lotId)
      AND (@batch IS NULL OR m.lot_id IN (SELECT id FROM stock_lot WHERE product_id = @productId AND batch = @batch))
  )
  SELECT c.seq, c.id, c.at, c.kind, c.quantity, c.balance, c.lot_id, l.batch, l.expiry, l.location,
    c.actor_id, u.display_name AS actor_name, c.reason, c.document_type, c.document_id,
    CASE c.document_type
      WHEN 'sale' THEN (SELECT receipt_code FROM sale WHERE id = c.document_id)
      WHEN 'return' THEN (SELECT receipt_code FROM sale_return WHERE id = c.document_id)
      WHEN 'delivery' THEN (SELECT coalesce(d.reference, 'PO-' || printf('%06d', po.num)) FROM delivery d
        LEFT JOIN purchase_order po ON po.id = d.purchase_order_id WHERE d.id = c.document_id)
      WHEN 'recall' THEN (SELECT reference FROM recall WHERE id = c.document_id)
    END AS document_label
  FROM card c JOIN stock_lot l ON l.id = c.lot_id LEFT JOIN app_user u ON u.id = c.actor_id
  WHERE @beforeSeq IS NULL OR c.seq < @beforeSeq
  ORDER BY c.seq DESC LIMIT @limit`;

const statements = perDatabase((db: Database) => ({
  product: db.prepare<[string], { id: string; sku: string; name: string; pack_size: number }>('SELECT id, sku, name, pack_size FROM product WHERE id = ?'),
  lot: db.prepare<[string], { product_id: string; batch: string }>('SELECT product_id, batch FROM stock_lot WHERE id = ?'),
  batchKnown: db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM stock_lot WHERE product_id = ? AND batch = ?'),
  movements: db.prepare<[Scope & { beforeSeq: number | null; limit: number }], MovementRow>(stockCardSql),
  lots: db.prepare<[Scope], LotRow>(
    `SELECT l.id AS lot_id, l.batch, l.expiry, l.location, loc.sellable, b.on_hand, l.cost_minor
     FROM stock_lot l JOIN stock_balance b ON b.lot_id = l.id JOIN stock_location loc ON loc.code = l.location
     WHERE l.product_id = @productId AND (@lotId IS NULL OR l.id = @lotId) AND (@batch IS NULL OR l.batch = @batch)
       AND b.on_hand <> 0
     ORDER BY l.expiry, l.batch, l.location`,
  ),
}));

export function stockCard(db: Database, input: ParsedInputOf<'inventory.stockCard'>): OutputOf<'inventory.stockCard'> {
  const s = statements(db);
  const product = s.product.get(input.productId);
  if (!product) throw new CoreError('catalog.productNotFound', 'There is no such product.', { productId: input.productId });
  if (input.lotId !== undefined) {
    const lot = s.lot.get(input.lotId);
    if (!lot || lot.product_id !== product.id || (input.batch !== undefined && lot.batch !== input.batch)) {
      throw new CoreError('inventory.lotNotFound', `${product.name} has no such lot.`, { lotId: input.lotId });
    }
  } else if (input.batch !== undefined && (s.batchKnown.get(product.id, input.batch)?.n ?? 0) === 0) {
    throw new CoreError('stock.batchNotFound', `${product.name} has no batch ${input.batch}.`, { productId: product.id, batch: input.batch });
  }
  const scope: Scope = { productId: product.id, lotId: input.lotId ?? null, batch: input.batch ?? null };
  const rows = s.movements.all({ ...scope, beforeSeq: input.beforeSeq ?? null, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const lots = s.lots.all(scope);
  const last = page.at(-1);
  return {
    product: { id: product.id, sku: product.sku, name: product.name, packSize: product.pack_size },
    lotId: scope.lotId,
    batch: scope.batch,
    currency: baseCurrency(db),
    onHand: lots.reduce((n, l) => n + l.on_hand, 0),
    sellable: lots.reduce((n, l) => n + (l.sellable === 1 ? l.on_hand : 0), 0),
    lots: lots.map((l) => ({
      lotId: l.lot_id,
      batch: l.batch,
      expiry: l.expiry,
      location: l.location,
      sellable: l.sellable === 1,
      onHand: l.on_hand,
      costMinor: l.cost_minor,
    })),
    movements: page.map((m) => ({
      seq: m.seq,
      id: m.id,
      at: m.at,
      kind: m.kind,
      quantity: m.quantity,
      balance: m.balance,
      lotId: m.lot_id,
      batch: m.batch,
      expiry: m.expiry,
      location: m.location,
      actorId: m.actor_id,
      actorName: m.actor_name,
      reason: m.reason,
      documentType: m.document_type,
      documentId: m.document_id,
      documentLabel: m.document_label,
    })),
    nextBeforeSeq: rows.length > input.limit && last ? last.seq : null,
  };
}

export const stockCardHandlers = {
  'inventory.stockCard': handler<'inventory.stockCard'>({ run: (ctx: CommandContext, input) => stockCard(ctx.db, input) }),
};
