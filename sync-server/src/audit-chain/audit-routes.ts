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

type TenantChecks = { running: Promise<void>; next: Set<string> | null };
/** Per server: the tenants whose chains are being checked now, and the devices that pushed meanwhile. */
const checks = new WeakMap<ServerContext, Map<string, TenantChecks>>();

function checksOf(ctx: ServerContext): Map<string, TenantChecks> {
  let m = checks.get(ctx);
  if (!m) checks.set(ctx, (m = new Map()));
  return m;
}

/**
 * After a push is stored: check what it brought, off the acknowledgement's path. A push only asks; one check per
 * tenant runs at a time in this process (the cursor row serialises processes), and the pushes that arrive during
 * it are folded into one more check, which names every device that pushed, so that a hole one of them leaves is
 * judged as after its own push. A check that fails is logged; the next push or alert read folds the same entries
 * from the log. The push itself is never refused or held up.
 */
export function verifyAfterPush(ctx: ServerContext, log: FastifyBaseLogger, tenantId: string, deviceId: string): void {
  const runs = checksOf(ctx);
  const current = runs.get(tenantId);
  if (current) {
    (current.next ??= new Set()).add(deviceId);
    return;
  }
  const entry: TenantChecks = { running: Promise.resolve(), next: null };
  runs.set(tenantId, entry);
  entry.running = (async () => {
    let pushedBy: Set<string> | null = new Set([deviceId]);
    while (pushedBy) {
      try {
        announce(ctx, log, await verifyAuditChains(ctx.db, tenantId, ctx.now(), { pushedBy }));
      } catch (error: unknown) {
        log.error({ err: error, tenantId, devices: [...pushedBy] }, 'audit chain verification failed; it runs again on the next push');
      }
      pushedBy = entry.next;
      entry.next = null;
    }
    runs.delete(tenantId);
  })();
}

/** Waits until the checks this process owes a tenant (or every tenant) have run, so a read sees what was pushed. */
export async function auditChecksSettled(ctx: ServerContext, tenantId?: string): Promise<void> {
  const runs = checksOf(ctx);
  for (;;) {
    const pending = tenantId === undefined ? [...runs.values()] : [runs.get(tenantId)].filter((r): r is TenantChecks => r !== undefined);
    if (pending.length === 0) return;
    await Promise.all(pending.map((r) => r.running));
  }
}

export function auditChainRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // A closing server finishes the checks it owes before the database goes away.
  app.addHook('onClose', async () => auditChecksSettled(ctx));
  const base = '/v1/admin/tenants/:tenantId/audit-alerts';

  app.get(base, async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    const q = alertsQuerySchema.safeParse(request.query ?? {});
    if (!p?.tenantId || !q.success) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected a tenant id and optional state (open|all), deviceId' });
    if ((await ctx.db.query('SELECT 1 FROM tenants WHERE id = $1', [p.tenantId])).length === 0) {
      return fail(ctx, reply, { code: 'tenant.notFound', message: 'No such tenant' });
    }
    await auditChecksSettled(ctx, p.tenantId);
    announce(ctx, request.log, await verifyAuditChains(ctx.db, p.tenantId, ctx.now()));
    const alerts = await listAuditAlerts(ctx.db, p.tenantId, { state: q.data.state, ...(q.data.deviceId ? { deviceId: q.data.deviceId } : {}) });
    return reply.send({ ok: true, alerts });
  });

  app.post(`${base}/:alertId/acknowledge`, async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
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
