// The payloads of the events that cross branches, declared once as the shared schema that the counter and
// the sync server both validate against (DESIGN.md "Sync": master data from head office, stock levels from
// branches). Pure: zod only, so the sync server may import it through @mortar/main/contract.
// The head-office payloads mirror what sync-server/src/publish/schemas.ts publishes today
// ({ kind, version, items }); the server's note says they give way to these once the contract has them.
import { z } from 'zod';

const skuSchema = z.string().trim().min(1).max(64);
const gtinSchema = z.string().regex(/^\d{8,14}$/);
const idSchema = z.string().min(1).max(64);
const instantSchema = z.number().int().nonnegative();

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

/** One recall in `inventory.recallsPublished` v1. `class` is optional until head office sends it. */
export const publishedRecallSchema = z.object({
  recallId: idSchema,
  productId: idSchema,
  gtin: gtinSchema.optional(),
  batches: z.array(z.string().min(1).max(64)).min(1).max(500),
  level: z.enum(['wholesale', 'retail', 'patient']),
  reason: z.string().min(1).max(2000),
  issuedAt: instantSchema,
  class: z.enum(['I', 'II', 'III']).optional(),
});
export type PublishedRecall = z.infer<typeof publishedRecallSchema>;

/** One price in `catalog.pricesPublished` v1: minor units, from `validFrom`, for the listed branches or all. */
export const publishedPriceSchema = z.object({
  productId: idSchema,
  currency: z.string().regex(/^[A-Z]{3}$/),
  priceMinor: z.number().int().nonnegative(),
  validFrom: instantSchema,
  branchIds: z.array(z.string().uuid()).max(1000).optional(),
});
export type PublishedPrice = z.infer<typeof publishedPriceSchema>;

function publication<T extends z.ZodType>(kind: string, item: T) {
  return z.object({ kind: z.literal(kind), version: z.number().int().positive(), items: z.array(item).min(1).max(1000) });
}

export const recallsPublishedSchema = publication('recalls', publishedRecallSchema);
export const pricesPublishedSchema = publication('prices', publishedPriceSchema);

/** Event type → the newest payload version this build knows and its schema. */
export const crossBranchEventSchemas = {
  'stock.levelChanged': { version: 1, payload: stockLevelChangedSchema },
  'inventory.recallsPublished': { version: 1, payload: recallsPublishedSchema },
  'catalog.pricesPublished': { version: 1, payload: pricesPublishedSchema },
} as const;
export type CrossBranchEventType = keyof typeof crossBranchEventSchemas;
