// Admin GET routes over the head-office projections. Each read first folds what the log gained since the
// last read (catchUp), so any process answers with views current to the moment of the request.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditChecksSettled } from '../audit-chain/audit-routes.js';
import { admitted, ids } from '../http/admin-routes.js';
import { fail, type ServerContext } from '../http/context.js';
import { catchUp, expiringStock, openExceptions, salesByDay, stockByBranch } from './projections.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const stockQuery = z.object({ branchId: z.string().uuid().optional(), productId: z.string().min(1).max(64).optional() });
const salesQuery = z.object({ from: date, to: date });
const expiringQuery = z.object({ days: z.string().regex(/^\d{1,4}$/).default('90') });

const DAY_MS = 24 * 3600 * 1000;

export function projectionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const base = '/v1/admin/tenants/:tenantId/projections';

  app.get(`${base}/stock`, async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    const q = stockQuery.safeParse(request.query);
    if (!p?.tenantId || !q.success) return fail(ctx, reply, { code: 'projection.badQuery', message: 'Expected a tenant id and optional branchId, productId' });
    const asOfSeq = await catchUp(ctx.db, p.tenantId);
    if (asOfSeq === null) return fail(ctx, reply, { code: 'tenant.notFound', message: 'No such tenant' });
    return reply.send({ ok: true, asOfSeq, stock: await stockByBranch(ctx.db, p.tenantId, q.data) });
  });

  app.get(`${base}/sales-by-day`, async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    const q = salesQuery.safeParse(request.query);
    if (!p?.tenantId || !q.success) return fail(ctx, reply, { code: 'projection.badQuery', message: 'Expected from and to as YYYY-MM-DD (UTC days)' });
    const asOfSeq = await catchUp(ctx.db, p.tenantId);
    if (asOfSeq === null) return fail(ctx, reply, { code: 'tenant.notFound', message: 'No such tenant' });
    return reply.send({ ok: true, asOfSeq, days: await salesByDay(ctx.db, p.tenantId, q.data.from, q.data.to) });
  });

  app.get(`${base}/expiring`, async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    const q = expiringQuery.safeParse(request.query);
    if (!p?.tenantId || !q.success) return fail(ctx, reply, { code: 'projection.badQuery', message: 'Expected days (0-9999)' });
    const before = new Date(ctx.now().getTime() + Number(q.data.days) * DAY_MS).toISOString().slice(0, 10);
    const asOfSeq = await catchUp(ctx.db, p.tenantId);
    if (asOfSeq === null) return fail(ctx, reply, { code: 'tenant.notFound', message: 'No such tenant' });
    return reply.send({ ok: true, asOfSeq, before, stock: await expiringStock(ctx.db, p.tenantId, before) });
  });

  app.get(`${base}/exceptions`, async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    if (!p?.tenantId) return fail(ctx, reply, { code: 'projection.badQuery', message: 'Expected a tenant id' });
    const asOfSeq = await catchUp(ctx.db, p.tenantId);
    if (asOfSeq === null) return fail(ctx, reply, { code: 'tenant.notFound', message: 'No such tenant' });
    // Audit-chain alerts are exceptions too: the checks this process owes the tenant run first.
    await auditChecksSettled(ctx, p.tenantId);
    return reply.send({ ok: true, asOfSeq, exceptions: await openExceptions(ctx.db, p.tenantId) });
  });
}
