// The sync client's operations: enroll this terminal, see how sync is doing, sync now, and what managers
// must look at after merging. Pure: schemas and types only.
import { z } from 'zod';
import { transferSchema } from '../../inventory/contract/purchasing-schemas.js';

export const syncErrorSchema = z.object({ code: z.string(), message: z.string(), at: z.number().int() });

export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  serverUrl: z.string().nullable(),
  /** The device id the sync server gave this terminal (the terminal keeps its own local id). */
  syncDeviceId: z.string().nullable(),
  /** Whether the last attempt to reach the server succeeded; null before the first attempt. */
  online: z.boolean().nullable(),
  /** A background loop is running in this process. */
  running: z.boolean(),
  lastSyncAt: z.number().int().nullable(),
  lastAttemptAt: z.number().int().nullable(),
  /** Events in the outbox not yet acknowledged by the server. */
  pending: z.number().int(),
  /** Pulled events kept until an update teaches this client their type or schema version. */
  deferred: z.number().int(),
  lastError: syncErrorSchema.nullable(),
  cursor: z.number().int(),
  openExceptions: z.number().int(),
  /**
   * A new counter loading the snapshot of what it is entitled to before it follows the log; null otherwise.
   * `at` is the log position the snapshot is taken at (null until the server named it), `through` the last
   * sequence applied from it, `events` how many were applied; `running` is false while it waits for the next round.
   */
  catchUp: z
    .object({ running: z.boolean(), at: z.number().int().nullable(), through: z.number().int(), events: z.number().int() })
    .nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncExceptionSchema = z.object({
  id: z.string(),
  kind: z.enum(['stock.belowZero', 'sync.applyFailed', 'rx.refillsExceeded']),
  eventId: z.string(),
  branchId: z.string(),
  branchName: z.string().nullable(),
  sku: z.string().nullable(),
  productName: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  detectedAt: z.number().int(),
  /** A manager's word that it has been dealt with: when, who, and what they did; null while it is open. */
  acknowledged: z.object({ at: z.number().int(), byName: z.string(), note: z.string() }).nullable(),
});
export type SyncException = z.infer<typeof syncExceptionSchema>;
export type SyncExceptionKind = SyncException['kind'];

/** Which exceptions a list shows: the open ones (the default), the acknowledged ones, or both. */
export const exceptionStates = ['open', 'acknowledged', 'all'] as const;
export type ExceptionState = (typeof exceptionStates)[number];

/** What a manager writes on acknowledging: what was done about it, in a few words. */
export const acknowledgementNoteSchema = z.string().trim().min(3).max(500);

// The facts each kind carries in `detail`, so that a screen can read them without trusting a loose record.
export const stockBelowZeroDetailSchema = z.object({ onHand: z.number().int(), asOf: z.number().int(), deviceId: z.string() });
export const applyFailedDetailSchema = z.object({ type: z.string(), schemaVersion: z.number().int(), message: z.string() });
export const refillsExceededDetailSchema = z.object({
  prescriptionId: z.string(),
  lineNo: z.number().int(),
  ingredient: z.string(),
  refills: z.number().int(),
  allowedFills: z.number().int(),
  fills: z.array(
    z.object({ dispenseId: z.string(), deviceId: z.string(), at: z.number().int(), actorName: z.string(), quantity: z.number().int() }),
  ),
  /** Other items of the same dispense that went over their refills too (one exception per dispense). */
  alsoLines: z
    .array(z.object({ lineNo: z.number().int(), ingredient: z.string(), allowedFills: z.number().int(), fills: z.number().int() }))
    .optional(),
});

export const branchStockSchema = z.object({
  branchId: z.string(),
  branchName: z.string(),
  sku: z.string(),
  productName: z.string(),
  onHand: z.number().int(),
  quarantined: z.number().int(),
  asOf: z.number().int(),
});
export type BranchStock = z.infer<typeof branchStockSchema>;

export const syncOperations = {
  'sync.enroll': {
    input: z.object({
      serverUrl: z.string().url().max(500),
      code: z.string().trim().min(1).max(64),
      label: z.string().trim().max(100).optional(),
    }),
    output: syncStatusSchema,
    permission: 'settings.manage',
    writes: true,
    topics: ['settings'],
    summary: 'Enroll this terminal with the chain’s sync server using a one-time code.',
  },
  'sync.status': {
    input: z.object({}),
    output: syncStatusSchema,
    // The top bar refreshes it on a timer: a background read, so it never keeps the terminal from locking.
    permission: 'catalog.read',
    background: true,
    writes: false,
    topics: [],
    summary: 'Show whether sync is online, when it last synced and what is waiting.',
  },
  'sync.now': {
    input: z.object({}),
    output: syncStatusSchema,
    permission: 'catalog.read',
    writes: false,
    topics: [],
    summary: 'Sync with the server now instead of waiting for the next round.',
  },
  'sync.listExceptions': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200), state: z.enum(exceptionStates).default('open') }),
    output: z.array(syncExceptionSchema),
    permission: 'audit.read',
    writes: false,
    topics: [],
    summary: 'List the invariant breaks found after merging other counters’ facts: the open ones, newest first, or the acknowledged ones.',
  },
  'sync.acknowledgeException': {
    input: z.object({ id: z.string().trim().min(1).max(100), note: acknowledgementNoteSchema }),
    output: syncExceptionSchema,
    // Whoever may read the exceptions (managers and admins) may say one has been dealt with: cashiers and
    // pharmacists see neither. The acknowledgement itself lands in the audit log.
    permission: 'audit.read',
    writes: true,
    topics: ['audit'],
    summary: 'Say that an exception has been dealt with, and what was done about it.',
  },
  'sync.receiveTransfer': {
    input: z.object({ transferId: z.string().uuid() }),
    output: transferSchema,
    permission: 'stock.receive',
    writes: true,
    topics: ['stock', 'inventory'],
    summary: 'Receive a transfer that another branch sent through sync: its stock arrives here, and the sender sees it received.',
  },
  'sync.listBranchStock': {
    input: z.object({ sku: z.string().trim().min(1).max(64) }),
    output: z.array(branchStockSchema),
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'Show the stock of a product at the other branches of the chain.',
  },
} as const;
