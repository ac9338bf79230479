// The routes a counter calls: enroll once, then push its outbox and pull what it is entitled to.
import type { FastifyInstance } from 'fastify';
import { eventEnvelopeSchema, type EventEnvelope } from '@mortar/main/contract';
import { verifyAfterPush } from '../audit-chain/audit-routes.js';
import { appendEvents, pullEvents } from '../log/event-log.js';
import { addressee, isPublished } from '../log/visibility.js';
import { headOfficeTypes } from '../publish/schemas.js';
import { enrollDevice, rotateCredential } from '../registry/registry.js';
import { sendJson } from './compress.js';
import { authenticate, fail, type ServerContext } from './context.js';
import { enrollRequestSchema, pullQuerySchema, pushRequestSchema } from './schemas.js';

const ORIGIN_FIELDS = ['tenantId', 'branchId', 'deviceId'] as const;
const MAX_ADDRESSED = 50;

export function deviceRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/v1/enroll', async (request, reply) => {
    const wait = await ctx.enrollLimiter.take(`ip:${request.ip}`);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return fail(ctx, reply, { code: 'http.rateLimited', message: 'Too many enrollment attempts', details: { retryAfterSeconds: wait } });
    }
    const body = enrollRequestSchema.safeParse(request.body);
    if (!body.success) return fail(ctx, reply, { code: 'request.invalid', message: 'Expected { code, label? }', details: body.error.issues });
    const result = await enrollDevice(ctx.db, body.data.code, body.data.label ?? '', ctx.now());
    if (!result.ok) return fail(ctx, reply, result.error);
    ctx.metrics.enroll();
    request.log.info({ deviceId: result.deviceId, tenantId: result.tenantId, branchId: result.branchId }, 'device enrolled');
    return reply.code(201).send(result);
  });

  app.post('/v1/events', async (request, reply) => {
    const device = await authenticate(ctx, request, reply);
    if (!device) return reply;
    const body = pushRequestSchema.safeParse(request.body);
    if (!body.success) return fail(ctx, reply, { code: 'events.malformed', message: 'Expected { events: [...] }', details: body.error.issues });
    const raw = body.data.events;
    if (raw.length > ctx.maxBatch) {
      return fail(ctx, reply, { code: 'events.batchTooLarge', message: `At most ${ctx.maxBatch} events per push`, details: { max: ctx.maxBatch } });
    }
    const events: EventEnvelope[] = [];
    for (const [index, item] of raw.entries()) {
      const parsed = eventEnvelopeSchema.safeParse(item);
      if (!parsed.success) {
        return fail(ctx, reply, { code: 'events.malformed', message: `Event ${index} is not a valid envelope`, details: { index, issues: parsed.error.issues } });
      }
      const e = parsed.data;
      const expected = { tenantId: device.tenantId, branchId: device.branchId, deviceId: device.id };
      const field = ORIGIN_FIELDS.find((f) => e[f] !== expected[f]);
      // A device writes only its own branch's log (DESIGN.md "Sync", ownership): one foreign event refuses the batch.
      if (field) {
        return fail(ctx, reply, {
          code: 'events.originMismatch',
          message: `Event ${index} has a ${field} that is not this device's`,
          details: { index, field, eventId: e.id },
        });
      }
      // Master data is written only at head office: a branch cannot publish users or recalls to the chain.
      if (headOfficeTypes.includes(e.type)) {
        return fail(ctx, reply, { code: 'events.headOfficeOnly', message: `Event ${index} is of a type only head office publishes`, details: { index, type: e.type } });
      }
      events.push(e);
    }
    const result = await appendEvents(ctx.db, { tenantId: device.tenantId, branchId: device.branchId, deviceId: device.id }, events, ctx.now());
    if (!result.ok) return fail(ctx, reply, result.error);
    ctx.metrics.push();
    ctx.metrics.eventsStored(result.stored);
    ctx.metrics.duplicates(result.duplicates);
    request.log.info({ deviceId: device.id, stored: result.stored, duplicates: result.duplicates }, 'events pushed');
    // Checked beside the acknowledgement, never in its way (audit-routes.ts).
    if (result.stored > 0) verifyAfterPush(ctx, request.log, device.tenantId, device.id);
    if (result.stored > 0) {
      // After the commit: a socket told earlier could pull before the events are visible.
      const addressedTo = [...new Set(events.map(addressee).filter((b): b is string => b !== null))];
      // A NOTIFY payload is small: a push addressed to many branches wakes every socket of the tenant
      // instead (the news carries no data, each device still pulls only what it may see).
      const many = addressedTo.length > MAX_ADDRESSED;
      const news = {
        tenantId: device.tenantId,
        branchId: device.branchId,
        deviceId: device.id,
        head: result.headSeq,
        published: many || events.some((e) => isPublished(e.type)),
        ...(addressedTo.length > 0 && !many ? { addressedTo } : {}),
      };
      // Not awaited: the acknowledgement depends only on the commit, and the notices of all pushes share
      // one NOTIFY connection, so waiting here would queue every push behind the others' notices.
      void ctx.notifier?.notify(news).catch((error: unknown) => request.log.warn({ err: error }, 'live notification failed'));
    }
    return reply.send({ ok: true, stored: result.stored, duplicates: result.duplicates, ackedThroughId: result.lastEventId });
  });

  // Rotation: a new credential, which replaces the one sent here once the counter first uses it.
  app.post('/v1/credential', async (request, reply) => {
    const device = await authenticate(ctx, request, reply);
    if (!device) return reply;
    const credential = await rotateCredential(ctx.db, device.id);
    if (!credential) return fail(ctx, reply, { code: 'auth.deviceRevoked', message: 'This device has been revoked; enroll it again' });
    request.log.info({ deviceId: device.id }, 'device credential rotated');
    return reply.send({ ok: true, credential });
  });

  app.get('/v1/events', async (request, reply) => {
    const device = await authenticate(ctx, request, reply);
    if (!device) return reply;
    const query = pullQuerySchema.safeParse(request.query);
    const limit = query.success ? Number(query.data.limit) : 0;
    if (!query.success || limit < 1 || limit > 1000) {
      return fail(ctx, reply, { code: 'sync.badCursor', message: 'after must be a non-negative integer and limit 1-1000', details: query.success ? { limit } : query.error.issues });
    }
    const result = await pullEvents(ctx.db, { tenantId: device.tenantId, branchId: device.branchId }, Number(query.data.after), limit);
    if (!result.ok) return fail(ctx, reply, result.error);
    ctx.metrics.pull();
    return sendJson(request, reply, { ok: true, events: result.events, cursor: result.cursor, hasMore: result.hasMore });
  });
}
