// A manager acknowledges a sync exception (DESIGN.md "Sync": facts that break an invariant after merging go to
// a manager, never silently fixed). Acknowledging changes no fact: it records who dealt with it, when and how,
// once. A second press with the same words answers the same acknowledgement; other words are refused, since
// the first one stands in the audit log.
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { SyncException } from './contract/ops.js';
import { syncStore } from './sync-store.js';

export type AcknowledgeInput = { id: string; note: string };

export function acknowledgeException(ctx: CommandContext, input: AcknowledgeInput): SyncException {
  const store = syncStore(ctx.db);
  const found = store.exception(input.id);
  if (!found) throw new CoreError('sync.exceptionNotFound', `There is no sync exception ${input.id}.`, { id: input.id });
  if (found.acknowledged) {
    if (found.acknowledged.note === input.note) return found;
    throw new CoreError(
      'sync.alreadyAcknowledged',
      `${found.acknowledged.byName} already acknowledged this exception at ${new Date(found.acknowledged.at).toISOString()}.`,
      { id: found.id, byName: found.acknowledged.byName, at: found.acknowledged.at, note: found.acknowledged.note },
    );
  }
  const actor = ctx.actor;
  // The dispatcher only runs a permission-bound operation with a session; no actor means a wiring fault.
  if (!actor) throw new CoreError('auth.notLoggedIn', 'Log in to acknowledge an exception.');
  store.acknowledgeException(found.id, ctx.now, actor.id, input.note);
  const after = store.exception(found.id);
  if (!after?.acknowledged) throw new Error(`sync exception ${found.id} was not acknowledged`);
  ctx.audit({
    action: 'sync.exceptionAcknowledged',
    entityType: 'syncException',
    entityId: found.id,
    before: { kind: found.kind, eventId: found.eventId, acknowledged: null },
    after: { kind: found.kind, eventId: found.eventId, acknowledged: after.acknowledged },
  });
  return after;
}
