// The wire shapes of the sync API, declared once: requests are checked with them and /openapi.json is
// generated from them, so the description cannot drift from what the server does.
import { z } from 'zod';
import { eventEnvelopeSchema } from '@mortar/main/contract';

export const errorSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const enrollRequestSchema = z.object({
  code: z.string().min(1).max(64),
  label: z.string().max(100).optional(),
});
export const enrollResponseSchema = z.object({
  ok: z.literal(true),
  deviceId: z.string().uuid(),
  tenantId: z.string().uuid(),
  branchId: z.string().uuid(),
  credential: z.string().describe('Bearer credential of the device; shown once, stored by the server only as a hash'),
});

export const pushRequestSchema = z.object({ events: z.array(z.unknown()) });
export const pushBodyForDocs = z.object({ events: z.array(eventEnvelopeSchema) });
export const pushResponseSchema = z.object({
  ok: z.literal(true),
  stored: z.number().int(),
  duplicates: z.number().int(),
  ackedThroughId: z.string().uuid().nullable().describe('Every event of the batch up to and including this id is stored'),
});

export const pullQuerySchema = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}$/)
    .default('0')
    .describe('Server sequence already received; 0 for the start of the log'),
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .default('500')
    .describe('At most this many events (1-1000)'),
});
export const storedEventSchema = z.object({
  seq: z.number().int().positive(),
  receivedAt: z.string().describe('When the server stored the event (server clock, ISO 8601)'),
  event: eventEnvelopeSchema,
});
export const pullResponseSchema = z.object({
  ok: z.literal(true),
  events: z.array(storedEventSchema),
  cursor: z.number().int().describe('Pass as `after` next time'),
  hasMore: z.boolean(),
});

export const createTenantSchema = z.object({ name: z.string().min(1).max(200) });
export const createTenantResponseSchema = z.object({ ok: z.literal(true), tenantId: z.string().uuid() });
export const createBranchSchema = z.object({ name: z.string().min(1).max(200) });
export const createBranchResponseSchema = z.object({ ok: z.literal(true), branchId: z.string().uuid() });
export const createCodeSchema = z.object({
  ttlSeconds: z.number().int().min(60).max(7 * 24 * 3600).default(24 * 3600),
});
export const createCodeResponseSchema = z.object({ ok: z.literal(true), code: z.string(), expiresAt: z.string() });
export const okSchema = z.object({ ok: z.literal(true) });

export const uuidParam = z.string().uuid();
