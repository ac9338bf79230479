// Head-office administration: tenants, branches, enrollment codes, revocation. Open to the operator's admin token
// (MORTAR_SYNC_ADMIN_TOKEN, or the one generated at first start, known to the server only as a hash) and, within
// their own chain, to head-office users signed in with their name and password (admin-users/).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionOf } from '../admin-users/admin-users.js';
import { createBranch, createEnrollmentCode, createTenant, revokeDevice } from '../registry/registry.js';
import { sameHash } from '../registry/secrets.js';
import { bearer, fail, type ServerContext } from './context.js';
import { createBranchSchema, createCodeSchema, createTenantSchema, uuidParam } from './schemas.js';

/**
 * Lets the request through, or sends the refusal. The admin token opens every admin route. A head-office user's
 * session opens the routes of its own chain: those naming its tenant, and a device of its tenant; routes that
 * name no chain (creating one) stay the operator's.
 */
export async function admitted(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (!ctx.adminTokenHash) {
    fail(ctx, reply, { code: 'admin.disabled', message: 'Set MORTAR_SYNC_ADMIN_TOKEN to enable administration' });
    return false;
  }
  const token = bearer(request);
  if (token && sameHash(token, ctx.adminTokenHash)) return true;
  const session = token ? await sessionOf(ctx.db, token, ctx.now()) : null;
  if (!session) {
    fail(ctx, reply, { code: 'admin.unauthorized', message: 'Send the admin token or a head-office session token as a Bearer token' });
    return false;
  }
  const params = (request.params ?? {}) as { tenantId?: string; deviceId?: string };
  let tenantId = params.tenantId ?? null;
  if (tenantId === null && params.deviceId !== undefined && uuidParam.safeParse(params.deviceId).success) {
    tenantId = (await ctx.db.query<{ tenant_id: string }>('SELECT tenant_id FROM devices WHERE id = $1', [params.deviceId]))[0]?.tenant_id ?? null;
  }
  if (tenantId !== session.tenantId) {
    fail(ctx, reply, { code: 'admin.forbidden', message: `${session.displayName} may administer only their own chain` });
    return false;
  }
  request.log.info({ adminUser: session.username, tenantId }, 'head-office user request');
  return true;
}

type Params = { tenantId?: string; branchId?: string; deviceId?: string };

export function ids(request: FastifyRequest): Params | null {
  const params = request.params as Params;
  for (const v of Object.values(params)) if (!uuidParam.safeParse(v).success) return null;
  return params;
}

export function adminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/v1/admin/tenants', async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const body = createTenantSchema.safeParse(request.body);
    if (!body.success) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected { name }', details: body.error.issues });
    const r = await createTenant(ctx.db, body.data.name, ctx.now());
    return reply.code(201).send({ ok: true, ...r });
  });

  app.post('/v1/admin/tenants/:tenantId/branches', async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    const body = createBranchSchema.safeParse(request.body);
    if (!p?.tenantId || !body.success) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected a tenant id and { name }' });
    const r = await createBranch(ctx.db, p.tenantId, body.data.name, ctx.now());
    return r.ok ? reply.code(201).send(r) : fail(ctx, reply, r.error);
  });

  app.post('/v1/admin/tenants/:tenantId/branches/:branchId/enrollment-codes', async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    const body = createCodeSchema.safeParse(request.body ?? {});
    if (!p?.tenantId || !p.branchId || !body.success) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected tenant and branch ids and { ttlSeconds? }' });
    const r = await createEnrollmentCode(ctx.db, p.tenantId, p.branchId, body.data.ttlSeconds, ctx.now());
    return r.ok ? reply.code(201).send(r) : fail(ctx, reply, r.error);
  });

  app.post('/v1/admin/devices/:deviceId/revoke', async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    if (!p?.deviceId) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected a device id' });
    const found = await revokeDevice(ctx.db, p.deviceId, ctx.now());
    return found ? reply.send({ ok: true }) : fail(ctx, reply, { code: 'device.notFound', message: 'No such device' });
  });
}
