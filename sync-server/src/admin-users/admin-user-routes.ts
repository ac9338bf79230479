// Head-office users: created and listed per chain (by the operator or a user of that chain), deactivated, and
// signing in to the admin API with their name and password for a session token (admin-users.ts says how).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { admitted, ids } from '../http/admin-routes.js';
import { bearer, fail, type ServerContext } from '../http/context.js';
import { createAdminUser, deactivateAdminUser, listAdminUsers, login, logout, sessionOf } from './admin-users.js';

export const createAdminUserSchema = z.object({
  username: z.string().regex(/^[A-Za-z0-9._@-]{2,64}$/, '2-64 letters, digits or . _ @ -'),
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(12, 'at least 12 characters').max(200),
});
export const loginSchema = z.object({ tenantId: z.string().uuid(), username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const adminUserSchema = z.object({
  id: z.string().uuid(),
  tenantId: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export const loginResponseSchema = z.object({ ok: z.literal(true), token: z.string(), expiresAt: z.string(), user: adminUserSchema });
export const adminUserResponseSchema = z.object({ ok: z.literal(true), user: adminUserSchema });
export const adminUsersResponseSchema = z.object({ ok: z.literal(true), users: z.array(adminUserSchema) });

export function adminUserRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/v1/login', async (request, reply) => {
    // Password guessing is slowed per address, like enrollment, besides the lock per user.
    const wait = await ctx.enrollLimiter.take(`login:${request.ip}`);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return fail(ctx, reply, { code: 'http.rateLimited', message: 'Too many sign-in attempts', details: { retryAfterSeconds: wait } });
    }
    const body = loginSchema.safeParse(request.body);
    if (!body.success) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected { tenantId, username, password }', details: body.error.issues.map((i) => i.path.join('.')) });
    const r = await login(ctx.db, body.data.tenantId, body.data.username, body.data.password, ctx.now());
    if (!r.ok) {
      request.log.warn({ tenantId: body.data.tenantId, username: body.data.username, code: r.error.code }, 'head-office sign-in refused');
      return fail(ctx, reply, r.error);
    }
    request.log.info({ tenantId: body.data.tenantId, username: r.value.user.username }, 'head-office user signed in');
    return reply.send({ ok: true, ...r.value });
  });

  app.post('/v1/admin/logout', async (request, reply) => {
    if (!(await admittedAsUser(ctx, request, reply))) return reply;
    await logout(ctx.db, bearer(request) ?? '');
    return reply.send({ ok: true });
  });

  app.post('/v1/admin/tenants/:tenantId/users', async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    const body = createAdminUserSchema.safeParse(request.body);
    if (!p?.tenantId || !body.success) {
      return fail(ctx, reply, { code: 'request.invalid', message: 'Expected a tenant id and { username, displayName, password (12+ characters) }', details: body.success ? undefined : body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    }
    const r = await createAdminUser(ctx.db, p.tenantId, body.data, ctx.now());
    return r.ok ? reply.code(201).send({ ok: true, user: r.value }) : fail(ctx, reply, r.error);
  });

  app.get('/v1/admin/tenants/:tenantId/users', async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    if (!p?.tenantId) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected a tenant id' });
    return reply.send({ ok: true, users: await listAdminUsers(ctx.db, p.tenantId) });
  });

  app.post('/v1/admin/tenants/:tenantId/users/:userId/deactivate', async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request) as { tenantId?: string; userId?: string } | null;
    if (!p?.tenantId || !p.userId) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected tenant and user ids' });
    const r = await deactivateAdminUser(ctx.db, p.tenantId, p.userId);
    return r.ok ? reply.send({ ok: true, user: r.value }) : fail(ctx, reply, r.error);
  });
}

/** Logging out needs a session; the operator's token is not one. */
async function admittedAsUser(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const token = bearer(request);
  if (!token?.startsWith('mho_')) {
    fail(ctx, reply, { code: 'admin.unauthorized', message: 'Send the session token to end it' });
    return false;
  }
  if (!(await sessionOf(ctx.db, token, ctx.now()))) {
    fail(ctx, reply, { code: 'admin.unauthorized', message: 'This session has ended' });
    return false;
  }
  return true;
}
