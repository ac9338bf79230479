import { handler } from '../api/command-context.js';
import { auditLog } from './audit-log.js';

export const auditHandlers = {
  'audit.listEntries': handler<'audit.listEntries'>({
    run: (ctx, input) => auditLog(ctx.db).list(input.beforeSeq, input.limit),
  }),
  'audit.verifyChain': handler<'audit.verifyChain'>({ run: (ctx) => auditLog(ctx.db).verify() }),
};
