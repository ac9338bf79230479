// The stock card as a typed operation: every movement of a product (or of one of its batches or lots) with
// who, when, why, the document it belongs to and the running balance. Pure: zod schemas and types only.
import { z } from 'zod';

export const stockCardMovementSchema = z.object({
  /** The ledger's sequence number: the order movements were written in, and the paging cursor. */
  seq: z.number().int(),
  id: z.string(),
  at: z.number(),
  kind: z.string(),
  /** Stock units, signed: in is positive, out negative. */
  quantity: z.number().int(),
  /** On-hand in the card's scope (product, batch or lot, every location) just after this movement. */
  balance: z.number().int(),
  lotId: z.string(),
  batch: z.string(),
  expiry: z.string(),
  location: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  documentType: z.string().nullable(),
  documentId: z.string().nullable(),
  /** What people call the document: a receipt code, a delivery note number, a purchase order number. */
  documentLabel: z.string().nullable(),
});
export type StockCardMovement = z.infer<typeof stockCardMovementSchema>;

export const stockCardLotSchema = z.object({
  lotId: z.string(),
  batch: z.string(),
  expiry: z.string(),
  location: z.string(),
  sellable: z.boolean(),
  onHand: z.number().int(),
  costMinor: z.number().int().nullable(),
});

export const stockCardSchema = z.object({
  product: z.object({ id: z.string(), sku: z.string(), name: z.string(), packSize: z.number().int() }),
  lotId: z.string().nullable(),
  batch: z.string().nullable(),
  currency: z.string(),
  /** Units on hand in the scope, and of those, in sellable locations. */
  onHand: z.number().int(),
  sellable: z.number().int(),
  /** Lots of the scope holding stock, soonest expiry first. */
  lots: z.array(stockCardLotSchema),
  /** Newest first. */
  movements: z.array(stockCardMovementSchema),
  /** Pass as `beforeSeq` for the next (older) page; null when there is none. */
  nextBeforeSeq: z.number().int().nullable(),
});
export type StockCard = z.infer<typeof stockCardSchema>;

export const stockCardOperations = {
  'inventory.stockCard': {
    input: z.object({
      productId: z.string().uuid(),
      /** One lot (batch, expiry, location), or every lot of a batch; neither: the whole product. */
      lotId: z.string().uuid().optional(),
      batch: z.string().trim().min(1).max(20).optional(),
      beforeSeq: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: stockCardSchema,
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'The stock card of a product or batch: every movement with who, when, why, its document and the running balance.',
  },
} as const;
