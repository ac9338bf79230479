// When expiry crossings are looked for: after every command that brings stock in (a receipt can bring a lot
// that is already close to expiry), and at the first session command of the day (logging in or unlocking),
// which is both the start of the app and the first use after midnight. startExpiryWatch adds a timer for a
// process that stays open over midnight with nobody at the counter.
import type { CommandContext, Handler } from '../api/command-context.js';
import type { OperationName } from '../contract.js';
import { expiryCheckDue, recordExpiryCrossings, type Crossing } from './expiry-alerts.js';

/**
 * Records crossings in a savepoint of the command's transaction: a failure here never fails the command. With
 * `audit`, the crossings get an audit entry of their own (a session command may write none of its own); after a
 * receipt they are part of that command, whose audit entry already stands for the transaction.
 */
export function noteExpiryCrossings(ctx: CommandContext, audit = true): Crossing[] {
  let crossings: Crossing[] = [];
  try {
    ctx.db.transaction(() => {
      crossings = recordExpiryCrossings(ctx.db, ctx.now, ctx.ids);
      if (audit && crossings.length > 0 && ctx.terminal) {
        ctx.audit({
          action: 'inventory.expiryCrossingsRecorded',
          entityType: 'expiryAlert',
          after: { crossings: crossings.map((c) => ({ alertId: c.alertId, lotId: c.lotId, band: c.band })) },
        });
      }
    })();
  } catch {
    // The next check (the next receipt, login or midnight) records what this one missed.
    crossings = [];
  }
  return crossings;
}

/**
 * The handler, then a look for expiry crossings in the same transaction: 'always' after stock comes in,
 * 'daily' for session commands (only when no check has run today).
 */
export function withExpiryCrossings<N extends OperationName, P>(inner: Handler<N, P>, when: 'always' | 'daily'): Handler<N, P> {
  return {
    ...inner,
    run(ctx, input, prepared) {
      const out = inner.run(ctx, input, prepared);
      if (ctx.terminal && (when === 'always' || expiryCheckDue(ctx.db, ctx.now))) noteExpiryCrossings(ctx, when === 'daily');
      return out;
    },
  };
}
