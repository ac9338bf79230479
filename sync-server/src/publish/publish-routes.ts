// Admin routes that publish master data to every branch of a tenant, and report the current versions.
import type { FastifyInstance } from 'fastify';
import { admitted, ids } from '../http/admin-routes.js';
import { fail, type ServerContext } from '../http/context.js';
import { uuidParam } from '../http/schemas.js';
import { publish, publishedVersions } from './publish.js';
import { MAX_ITEMS, PUBLISH_KINDS, publishBodySchema, type PublishKind } from './schemas.js';

function isKind(kind: string): kind is PublishKind {
  return Object.hasOwn(PUBLISH_KINDS, kind);
}

export function publishRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/v1/admin/tenants/:tenantId/publish/:kind', async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const { kind, tenantId } = request.params as { kind: string; tenantId: string };
    if (!isKind(kind)) {
      return fail(ctx, reply, { code: 'publish.unknownKind', message: 'No such master-data kind', details: { kinds: Object.keys(PUBLISH_KINDS) } });
    }
    if (!uuidParam.safeParse(tenantId).success) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected a tenant id' });
    const body = publishBodySchema(kind).safeParse(request.body);
    if (!body.success) {
      return fail(ctx, reply, { code: 'publish.invalid', message: `Expected { items: [...] } of 1-${MAX_ITEMS} valid ${kind}`, details: body.error.issues });
    }
    const r = await publish(ctx.db, tenantId, kind, body.data.items, ctx.now());
    if (!r.ok) return fail(ctx, reply, r.error);
    ctx.metrics.published(1);
    request.log.info({ tenantId, kind, version: r.version, seq: r.seq }, 'master data published');
    await ctx.notifier
      ?.notify({ tenantId, branchId: r.origin.branchId, deviceId: r.origin.deviceId, head: r.seq, published: true })
      .catch((error: unknown) => request.log.warn({ err: error }, 'live notification failed'));
    return reply.code(201).send({ ok: true, kind: r.kind, version: r.version, eventId: r.eventId, seq: r.seq });
  });

  app.get('/v1/admin/tenants/:tenantId/publications', async (request, reply) => {
    if (!(await admitted(ctx, request, reply))) return reply;
    const p = ids(request);
    if (!p?.tenantId) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected a tenant id' });
    return reply.send({ ok: true, versions: await publishedVersions(ctx.db, p.tenantId) });
  });
}
