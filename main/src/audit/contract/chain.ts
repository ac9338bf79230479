// Rule: the counter that writes the audit chain and the sync server that verifies it on arrival hash exactly
// the same bytes (DESIGN.md "Security": the device and the server can both verify the chain). Pure: the hash
// input and the travelling entry's schema live here, the SHA-256 itself is each side's own node:crypto.
import { z } from 'zod';

/** The `prevHash` of a chain's first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The outbox event that carries one audit entry to the sync server; the server never hands it to another device. */
export const AUDIT_ENTRY_RECORDED = 'audit.entryRecorded';
export const AUDIT_ENTRY_RECORDED_VERSION = 1;

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);
const shortText = z.string().max(200);

/**
 * `audit.entryRecorded` v1: one audit entry as the chain holds it. Before and after travel only as their
 * digests: the bodies may hold patient data, and the digests are all the hash needs.
 */
export const auditEntryRecordedSchema = z.object({
  seq: z.number().int().positive(),
  id: z.string().min(1).max(64),
  at: z.number().int(),
  deviceId: z.string().min(1).max(64),
  actorId: z.string().max(64).nullable(),
  actorName: shortText.nullable(),
  approvedById: z.string().max(64).nullable(),
  action: z.string().min(1).max(100),
  entityType: z.string().min(1).max(100),
  entityId: shortText.nullable(),
  beforeDigest: sha256HexSchema.nullable(),
  afterDigest: sha256HexSchema.nullable(),
  reason: z.string().max(2000).nullable(),
  prevHash: sha256HexSchema,
  hash: sha256HexSchema,
});
export type AuditEntryRecorded = z.infer<typeof auditEntryRecordedSchema>;

export type AuditHashFields = Omit<AuditEntryRecorded, 'hash'>;

/**
 * The text an entry's hash is the SHA-256 of: its fields in a fixed order as a JSON array. Every element is
 * a string, a number or null, so this is also the entry's canonical JSON (no object keys to sort).
 */
export function auditEntryHashInput(e: AuditHashFields): string {
  return JSON.stringify([
    e.seq,
    e.id,
    e.at,
    e.deviceId,
    e.actorId,
    e.actorName,
    e.approvedById,
    e.action,
    e.entityType,
    e.entityId,
    e.beforeDigest,
    e.afterDigest,
    e.reason,
    e.prevHash,
  ]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The id of the event that carries audit entry `entryId`: the entry's UUID with its version digit set to 8.
 * Derived, not drawn, so the live path and the migration that back-fills older entries name the same event
 * (the server stores it once), and it can never equal an id the UUIDv7 generator hands out. Null when the
 * entry id is not a UUID (never the case for entries this build writes).
 */
export function auditEventId(entryId: string): string | null {
  if (!UUID.test(entryId)) return null;
  return `${entryId.slice(0, 14)}8${entryId.slice(15)}`.toLowerCase();
}
