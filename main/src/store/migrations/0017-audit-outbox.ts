import type { Migration } from '../migrate.js';

/**
 * Audit entries now travel to the sync server as `audit.entryRecorded` outbox events, written with each entry
 * (audit/audit-log.ts). The entries written before this version are queued here, in chain order, so the
 * server verifies every chain from its first entry. The event id is the entry's UUID with version digit 8
 * (audit/contract/chain.ts `auditEventId`), so an entry is never queued twice; an entry whose id is not a
 * UUID (none that Mortar wrote) cannot travel and shows at the server as a gap. Before and after go as
 * their digests only, as on the live path.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'audit-outbox',
  sql: `
INSERT INTO outbox_event (id, tenant_id, branch_id, device_id, hlc, type, schema_version, occurred_at, payload)
SELECT lower(substr(a.id, 1, 14) || '8' || substr(a.id, 16)), t.tenant_id, t.branch_id, t.device_id,
       printf('%015d:%06d:%s', a.at, a.seq % 1000000, t.device_id), 'audit.entryRecorded', 1, a.at,
       json_object('seq', a.seq, 'id', a.id, 'at', a.at, 'deviceId', a.device_id, 'actorId', a.actor_id,
                   'actorName', a.actor_name, 'approvedById', a.approved_by_id, 'action', a.action,
                   'entityType', a.entity_type, 'entityId', a.entity_id, 'beforeDigest', a.before_digest,
                   'afterDigest', a.after_digest, 'reason', a.reason, 'prevHash', a.prev_hash, 'hash', a.hash)
  FROM audit_log a,
       (SELECT d.id AS device_id, p.tenant_id, p.branch_id FROM device d, pharmacy p LIMIT 1) t
 WHERE length(a.id) = 36
   AND lower(a.id) GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[89ab][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
   AND NOT EXISTS (SELECT 1 FROM outbox_event o WHERE o.id = lower(substr(a.id, 1, 14) || '8' || substr(a.id, 16)))
 ORDER BY a.seq;
`,
};
