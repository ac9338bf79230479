// Pulled events change this store through the same domain paths a command uses (a recall quarantines
// through inventory/recalls.ts), so they need what a command has: an audit entry and the outbox. The actor
// is the system (null): nobody at this counter did it, the chain did.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext, Terminal } from '../api/command-context.js';
import { auditLog } from '../audit/audit-log.js';
import type { Clock } from '../kernel/clock.js';
import { hybridClock } from '../kernel/hlc.js';
import type { IdGenerator } from '../kernel/ids.js';
import { outbox } from './outbox.js';

export function systemCommandContext(db: Database, terminal: Terminal, clock: Clock, ids: IdGenerator, reason: string): CommandContext {
  const now = clock.now();
  const hlc = hybridClock(clock, terminal.deviceId, outbox(db).lastHlc());
  const ctx: CommandContext = {
    db,
    now,
    ids,
    clock,
    op: 'sync.now',
    actor: null,
    approvedBy: null,
    overrideReason: reason,
    terminal,
    connection: { session: null },
    audit: (r) =>
      auditLog(db).append({
        id: ids.next(),
        at: now,
        deviceId: terminal.deviceId,
        actorId: null,
        actorName: 'sync',
        approvedById: null,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId ?? null,
        before: r.before,
        after: r.after,
        reason: r.reason ?? reason,
      }),
    emit: (type, payload, schemaVersion = 1) => {
      const stamp = hlc.tick();
      const body = typeof payload === 'function' ? payload(stamp) : payload;
      outbox(db).append({
        id: ids.next(),
        tenantId: terminal.tenantId,
        branchId: terminal.branchId,
        deviceId: terminal.deviceId,
        hlc: stamp,
        type,
        schemaVersion,
        occurredAt: now,
        payload: { ...body, actorId: null },
      });
      return stamp;
    },
    failAfterCommit: () => {
      throw new Error('a pulled event cannot defer a failure');
    },
  };
  return ctx;
}
