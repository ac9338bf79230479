import { z } from 'zod';

export * from './contract/chain.js';

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.number(),
  deviceId: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  approvedById: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  reason: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBroken: z
    .object({ seq: z.number().int(), reason: z.enum(['hashMismatch', 'linkMismatch', 'sequenceGap']) })
    .nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const auditOperations = {
  'audit.listEntries': {
    input: z.object({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(auditEntrySchema),
    permission: 'audit.read',
    writes: false,
    topics: [],
    summary: 'The newest audit entries, newest first.',
  },
  'audit.verifyChain': {
    input: z.object({}),
    output: auditVerificationSchema,
    permission: 'audit.read',
    writes: false,
    topics: [],
    summary: 'Walk the hash chain and name the first broken link.',
  },
} as const;
