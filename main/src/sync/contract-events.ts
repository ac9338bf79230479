// The payloads of the events that cross branches, declared once as the shared schema that the counter and
// the sync server both validate against (DESIGN.md "Sync": master data from head office, stock levels from
// branches). Pure: zod only, so the sync server may import it through @mortar/main/contract.
import { z } from 'zod';

const skuSchema = z.string().trim().min(1).max(64);
const gtinSchema = z.string().regex(/^\d{8,14}$/);

/**
 * `stock.levelChanged` v1: a branch counter's sellable and quarantined on-hand of one product, in the
 * smallest dispensable unit, as of `asOf`. Absolute, not a delta, so a receiver keeps the newest by hybrid
 * clock and a lost or repeated event can never make the level drift. Products are matched across branches
 * by SKU (the chain's article number); the product id is the sender's own.
 */
export const stockLevelChangedSchema = z.object({
  productId: z.string().min(1).max(64),
  sku: skuSchema,
  gtins: z.array(gtinSchema).max(20),
  productName: z.string().max(200),
  branchName: z.string().max(200),
  onHand: z.number().int(),
  quarantined: z.number().int(),
  asOf: z.number().int(),
});
export type StockLevelChanged = z.infer<typeof stockLevelChangedSchema>;

/**
 * `inventory.recallPublished` v1: head office recalls batches (or the whole product) of a GTIN; every
 * counter quarantines its matching stock the moment the event arrives.
 */
export const recallPublishedSchema = z
  .object({
    recallId: z.string().min(1).max(64),
    gtin: gtinSchema,
    batches: z.array(z.string().trim().min(1).max(20)).max(200).default([]),
    wholeProduct: z.boolean().default(false),
    class: z.enum(['I', 'II', 'III']),
    reason: z.string().trim().min(3).max(500),
    reference: z.string().trim().min(1).max(80).optional(),
  })
  .refine((r) => r.wholeProduct !== r.batches.length > 0, { message: 'batches or the whole product, not both', path: ['batches'] });
export type RecallPublished = z.infer<typeof recallPublishedSchema>;

/**
 * `catalog.pricePublished` v1: head office sets the shelf price of a SKU in one currency, in minor units.
 * Master data is written only at head office, so a counter applies it in log order without merging.
 */
export const pricePublishedSchema = z.object({
  sku: skuSchema,
  priceMinor: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export type PricePublished = z.infer<typeof pricePublishedSchema>;

/** Event type → the newest payload version this build knows and its schema. */
export const crossBranchEventSchemas = {
  'stock.levelChanged': { version: 1, payload: stockLevelChangedSchema },
  'inventory.recallPublished': { version: 1, payload: recallPublishedSchema },
  'catalog.pricePublished': { version: 1, payload: pricePublishedSchema },
} as const;
export type CrossBranchEventType = keyof typeof crossBranchEventSchemas;
