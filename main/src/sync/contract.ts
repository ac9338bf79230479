// The event envelope that the outbox holds and the sync server stores: shared by both ends.
import { z } from 'zod';

export const eventEnvelopeSchema = z.object({
  id: z.string().uuid(),
  tenantId: z.string().uuid(),
  branchId: z.string().uuid(),
  deviceId: z.string().uuid(),
  hlc: z.string().regex(/^\d{15}:\d{6}:.+$/),
  type: z.string().regex(/^[a-z]+\.[a-zA-Z]+$/),
  schemaVersion: z.number().int().positive(),
  occurredAt: z.number().int(),
  payload: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;
