// What head office publishes to every branch, one schema per kind. Every kind is declared in the shared
// contract (main/src/sync/contract/events.ts) and validated here with that very schema, so the server can
// never accept a publication a counter cannot read.
import { z } from 'zod';
import {
  publishedExchangeRateSchema,
  publishedKinds,
  publishedPriceSchema,
  publishedProductSchema,
  publishedRecallSchema,
  publishedRoleSchema,
  publishedTaxRuleSchema,
  publishedUserSchema,
} from '@mortar/main/contract';

export const productItemSchema = publishedProductSchema;
export const priceItemSchema = publishedPriceSchema;
export const taxRuleItemSchema = publishedTaxRuleSchema;
export const exchangeRateItemSchema = publishedExchangeRateSchema;
export const recallItemSchema = publishedRecallSchema;
export const userItemSchema = publishedUserSchema;
export const roleItemSchema = publishedRoleSchema;

export const PUBLISH_KINDS = publishedKinds;

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
