// Admin routes over the audit-chain alerts: list a tenant's alerts (after folding what arrived since the
// last check) and acknowledge one. Guarded by the admin token like every other head-office route.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { admitted, ids } from '../http/admin-routes.js';
import { fail, type ServerContext } from '../http/context.js';
import { acknowledgeAuditAlert, listAuditAlerts } from './alerts.js';
import { alertKinds, verifyAuditChains, type AuditAlert } from './audit-chain.js';

export const alertSchema = z.object({
  id: z.string().uuid(),
  tenantId: z.string().uuid(),
  branchId: z.string().uuid(),
  deviceId: z.string().uuid().describe('The enrolled device whose push carried the entry'),
  chainDeviceId: z.string().describe("The counter's own device id, as its audit entries name it"),
  kind: z.enum(alertKinds),
  seq: z.number().int().describe('The chain position of the break (the first missing one for a gap)'),
  details: z.record(z.string(), z.unknown()),
  firstSeenAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedNote: z.string().nullable(),
});
export const alertsQuerySchema = z.object({ state: z.enum(['open', 'all']).default('open'), deviceId: z.string().uuid().optional() });
export const alertsResponseSchema = z.object({ ok: z.literal(true), alerts: z.array(alertSchema) });
export const acknowledgeBodySchema = z.object({ note: z.string().trim().min(1).max(500).optional() });
export const acknowledgeResponseSchema = z.object({ ok: z.literal(true), alert: alertSchema });

/** Each new alert is an alarm: a warn line and the Prometheus counter, wherever it was raised. */
export function announce(ctx: ServerContext, log: FastifyBaseLogger, alerts: readonly AuditAlert[]): void {
  for (const a of alerts) {
    ctx.metrics.auditAlert(a.kind);
    log.warn(
      { alertId: a.id, tenantId: a.tenantId, branchId: a.branchId, deviceId: a.deviceId, chainDeviceId: a.chainDeviceId, kind: a.kind, seq: a.seq, details: a.details },
      'audit chain broken',
    );
  }
}

/**
 * After a push is stored: verify what it brought. Never fails the push (its events are stored and will be
 * acknowledged): a verification that cannot run now is logged, and the next push or alert read folds the
 * same entries from the log.
 */
export async function verifyAfterPush(ctx: ServerContext, log: FastifyBaseLogger, tenantId: string, deviceId: string, stored: number): Promise<void> {
  try {
    announce(ctx, log, await verifyAuditChains(ctx.db, tenantId, ctx.now(), stored > 0 ? { pushedBy: deviceId } : {}));
  } catch (error: unknown) {
    log.error({ err: error, tenantId, deviceId }, 'audit chain verification failed; it runs again on the next push');
  }
}

export function auditChainRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const base = '/v1/admin/tenants/:tenantId/audit-alerts';

  app.get(base, async (request, reply) => {
    if (!admitted(ctx, request, reply)) return reply;
    const p = ids(request);
    const q = alertsQuerySchema.safeParse(request.query ?? {});
    if (!p?.tenantId || !q.success) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected a tenant id and optional state (open|all), deviceId' });
    if ((await ctx.db.query('SELECT 1 FROM tenants WHERE id = $1', [p.tenantId])).length === 0) {
      return fail(ctx, reply, { code: 'tenant.notFound', message: 'No such tenant' });
    }
    announce(ctx, request.log, await verifyAuditChains(ctx.db, p.tenantId, ctx.now()));
    const alerts = await listAuditAlerts(ctx.db, p.tenantId, { state: q.data.state, ...(q.data.deviceId ? { deviceId: q.data.deviceId } : {}) });
    return reply.send({ ok: true, alerts });
  });

  app.post(`${base}/:alertId/acknowledge`, async (request, reply) => {
    if (!admitted(ctx, request, reply)) return reply;
    const params = request.params as { tenantId?: string; alertId?: string };
    const tenant = z.string().uuid().safeParse(params.tenantId);
    const alert = z.string().uuid().safeParse(params.alertId);
    const body = acknowledgeBodySchema.safeParse(request.body ?? {});
    if (!tenant.success || !alert.success || !body.success) {
      return fail(ctx, reply, { code: 'request.invalid', message: 'Expected tenant and alert ids and { note? } (1-500 characters)' });
    }
    const r = await acknowledgeAuditAlert(ctx.db, tenant.data, alert.data, body.data.note ?? null, ctx.now());
    if (!r.ok) return fail(ctx, reply, r.error);
    request.log.info({ alertId: r.alert.id, tenantId: r.alert.tenantId, kind: r.alert.kind }, 'audit alert acknowledged');
    return reply.send({ ok: true, alert: r.alert });
  });
}
