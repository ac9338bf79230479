// What head office publishes to every branch, one schema per kind. Where the shared contract declares a
// payload (main/src/sync/contract/events.ts: recalls and prices) the server validates with that very schema,
// so both ends cannot disagree; the other kinds are declared here until the contract has them.
// Money is integer minor units and rates are decimal strings: no floats cross the wire.
import { z } from 'zod';
import { publishedPriceSchema, publishedRecallSchema } from '@mortar/main/contract';

const id = z.string().min(1).max(64);
const currency = z.string().regex(/^[A-Z]{3}$/);
const decimal = z.string().regex(/^\d{1,12}(\.\d{1,12})?$/);
const instant = z.number().int().nonnegative().describe('UTC milliseconds');

export const productItemSchema = z.object({
  productId: id,
  gtin: z.string().regex(/^\d{8,14}$/).optional(),
  name: z.string().min(1).max(300),
  form: z.string().max(100).optional(),
  strength: z.string().max(100).optional(),
  packSize: z.number().int().positive(),
  rxOnly: z.boolean(),
  taxCategory: z.string().min(1).max(50),
  active: z.boolean(),
});

export const priceItemSchema = publishedPriceSchema;

export const taxRuleItemSchema = z.object({
  ruleId: id,
  category: z.string().min(1).max(50),
  name: z.string().min(1).max(200),
  ratePercent: decimal,
  validFrom: instant,
});

export const exchangeRateItemSchema = z.object({
  base: currency,
  quote: currency,
  /** Units of `quote` for one unit of `base`. */
  rate: decimal,
  validFrom: instant,
});

export const recallItemSchema = publishedRecallSchema;

export const userItemSchema = z.object({
  userId: id,
  username: z.string().min(1).max(100),
  displayName: z.string().min(1).max(200),
  roles: z.array(z.string().min(1).max(50)).max(20),
  /** Branches where the user may sign in; empty for every branch. */
  branchIds: z.array(z.string().uuid()).max(1000),
  active: z.boolean(),
});

export const roleItemSchema = z.object({
  role: z.string().min(1).max(50),
  permissions: z.array(z.string().min(1).max(100)).max(500),
});

export const PUBLISH_KINDS = {
  products: { type: 'catalog.productsPublished', item: productItemSchema },
  prices: { type: 'catalog.pricesPublished', item: priceItemSchema },
  taxRules: { type: 'catalog.taxRulesPublished', item: taxRuleItemSchema },
  exchangeRates: { type: 'catalog.exchangeRatesPublished', item: exchangeRateItemSchema },
  recalls: { type: 'inventory.recallsPublished', item: recallItemSchema },
  users: { type: 'staff.usersPublished', item: userItemSchema },
  roles: { type: 'staff.rolesPublished', item: roleItemSchema },
} as const;

export type PublishKind = keyof typeof PUBLISH_KINDS;

export const publishKinds = Object.keys(PUBLISH_KINDS) as PublishKind[];

export const MAX_ITEMS = 1000;

export function publishBodySchema(kind: PublishKind) {
  return z.object({ items: z.array(PUBLISH_KINDS[kind].item).min(1).max(MAX_ITEMS) });
}

/** Event types only head office may write: a branch device pushing one is refused (DESIGN.md ownership). */
export const headOfficeTypes: readonly string[] = Object.values(PUBLISH_KINDS).map((k) => k.type);

export const publishResponseSchema = z.object({
  ok: z.literal(true),
  kind: z.string(),
  version: z.number().int().positive(),
  eventId: z.string().uuid(),
  seq: z.number().int().positive(),
});
