// The payloads of the events that cross branches, declared once as the shared schema that the counter and
// the sync server both validate against (DESIGN.md "Sync": master data from head office, stock levels from
// branches). Pure: zod only, so the sync server may import it through @mortar/main/contract.
// Every head-office publication ({ kind, version, items }) is declared here and nowhere else: the sync
// server's publish route validates with these very schemas (sync-server/src/publish/schemas.ts imports them).
// Money is integer minor units and rates are decimal strings: no floats cross the wire.
import { z } from 'zod';
import { legalCategories, taxCategoryCodes } from '../../catalog/contract.js';

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

const currencySchema = z.string().regex(/^[A-Z]{3}$/);
/** A decimal string ("19", "1.0825"): exact, never a float. */
const decimalSchema = z.string().regex(/^\d{1,12}(\.\d{1,12})?$/);

/**
 * One product in `catalog.productsPublished` v1. Head office owns the catalog (DESIGN.md "Sync"): a counter
 * takes these fields as they are. `sku` is the chain's article number (the product id when absent);
 * `gtin` is the older single-barcode field, `gtins` the full list. A product may carry its price; one
 * without a price stays unsellable at a counter until a price for it is published.
 */
export const publishedProductSchema = z.object({
  productId: idSchema,
  sku: skuSchema.optional(),
  gtin: gtinSchema.optional(),
  gtins: z.array(gtinSchema).max(20).optional(),
  name: z.string().min(1).max(300),
  brand: z.string().max(200).optional(),
  form: z.string().max(100).optional(),
  strength: z.string().max(100).optional(),
  route: z.string().max(100).optional(),
  unit: z.string().min(1).max(40).optional(),
  ingredients: z.array(z.object({ name: z.string().min(1).max(200), strength: z.string().max(100).optional() })).max(20).optional(),
  packSize: z.number().int().positive(),
  rxOnly: z.boolean(),
  /** The counter's legal category; without it, rxOnly decides between 'rx' and 'otc'. */
  legalCategory: z.enum(legalCategories).optional(),
  taxCategory: z.enum(taxCategoryCodes),
  active: z.boolean(),
  priceMinor: z.number().int().nonnegative().optional(),
  currency: currencySchema.optional(),
});
export type PublishedProduct = z.infer<typeof publishedProductSchema>;

/** One tax rate in `catalog.taxRulesPublished` v1: the rate of one tax category from `validFrom`. */
export const publishedTaxRuleSchema = z.object({
  ruleId: idSchema,
  category: z.enum(taxCategoryCodes),
  name: z.string().min(1).max(80),
  /** A percentage the counter's tax engine takes: at most three integer digits and six decimals. */
  ratePercent: z.string().regex(/^(?:0|[1-9]\d{0,2})(?:\.\d{1,6})?$/),
  validFrom: instantSchema,
});
export type PublishedTaxRule = z.infer<typeof publishedTaxRuleSchema>;

/** One rate in `catalog.exchangeRatesPublished` v1: units of `quote` for one unit of `base`. */
export const publishedExchangeRateSchema = z.object({
  base: currencySchema,
  quote: currencySchema,
  rate: decimalSchema,
  validFrom: instantSchema,
});
export type PublishedExchangeRate = z.infer<typeof publishedExchangeRateSchema>;

/**
 * One user in `staff.usersPublished` v1. No password, PIN or hash ever travels: a counter signs a user in
 * only with a credential set at that counter (DESIGN.md "Security": credentials stored hashed, where set).
 */
export const publishedUserSchema = z.object({
  userId: idSchema,
  username: z.string().min(1).max(100),
  displayName: z.string().min(1).max(200),
  roles: z.array(z.string().min(1).max(50)).max(20),
  /** Branches where the user may sign in; empty for every branch. */
  branchIds: z.array(z.string().uuid()).max(1000),
  active: z.boolean(),
});
export type PublishedUser = z.infer<typeof publishedUserSchema>;

/** One role in `staff.rolesPublished` v1: head office's name for a set of permissions. */
export const publishedRoleSchema = z.object({
  role: z.string().min(1).max(50),
  permissions: z.array(z.string().min(1).max(100)).max(500),
});
export type PublishedRole = z.infer<typeof publishedRoleSchema>;

function publication<T extends z.ZodType>(kind: string, item: T) {
  return z.object({ kind: z.literal(kind), version: z.number().int().positive(), items: z.array(item).min(1).max(1000) });
}

export const recallsPublishedSchema = publication('recalls', publishedRecallSchema);
export const pricesPublishedSchema = publication('prices', publishedPriceSchema);
export const productsPublishedSchema = publication('products', publishedProductSchema);
export const taxRulesPublishedSchema = publication('taxRules', publishedTaxRuleSchema);
export const exchangeRatesPublishedSchema = publication('exchangeRates', publishedExchangeRateSchema);
export const usersPublishedSchema = publication('users', publishedUserSchema);
export const rolesPublishedSchema = publication('roles', publishedRoleSchema);

/** Head office's publication kinds: the event type each travels as and the schema of one item. */
export const publishedKinds = {
  products: { type: 'catalog.productsPublished', item: publishedProductSchema },
  prices: { type: 'catalog.pricesPublished', item: publishedPriceSchema },
  taxRules: { type: 'catalog.taxRulesPublished', item: publishedTaxRuleSchema },
  exchangeRates: { type: 'catalog.exchangeRatesPublished', item: publishedExchangeRateSchema },
  recalls: { type: 'inventory.recallsPublished', item: publishedRecallSchema },
  users: { type: 'staff.usersPublished', item: publishedUserSchema },
  roles: { type: 'staff.rolesPublished', item: publishedRoleSchema },
} as const;

/** Event type → the newest payload version this build knows and its schema. */
export const crossBranchEventSchemas = {
  'stock.levelChanged': { version: 1, payload: stockLevelChangedSchema },
  'inventory.recallsPublished': { version: 1, payload: recallsPublishedSchema },
  'catalog.pricesPublished': { version: 1, payload: pricesPublishedSchema },
  'catalog.productsPublished': { version: 1, payload: productsPublishedSchema },
  'catalog.taxRulesPublished': { version: 1, payload: taxRulesPublishedSchema },
  'catalog.exchangeRatesPublished': { version: 1, payload: exchangeRatesPublishedSchema },
  'staff.usersPublished': { version: 1, payload: usersPublishedSchema },
  'staff.rolesPublished': { version: 1, payload: rolesPublishedSchema },
} as const;
export type CrossBranchEventType = keyof typeof crossBranchEventSchemas;
