// What every route of the server shares: the database, the clock, the counters and the limits.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../store/database.js';
import type { Device } from '../registry/registry.js';
import { deviceByCredential } from '../registry/registry.js';
import { sendError, type ApiError } from './errors.js';
import type { Notifier } from '../live/notifier.js';
import type { Metrics } from './metrics.js';
import type { RateLimiter } from './rate-limit.js';

export type ServerContext = {
  db: Database;
  now: () => Date;
  metrics: Metrics;
  deviceLimiter: RateLimiter;
  enrollLimiter: RateLimiter;
  /** SHA-256 (hex) of the admin token; null switches the admin routes off. */
  adminTokenHash: string | null;
  /** SHA-256 (hex) of a token that may read /metrics only (besides the admin token); null: admin token only. */
  metricsTokenHash: string | null;
  notifier: Notifier | null;
  maxBatch: number;
};

export function fail(ctx: ServerContext, reply: FastifyReply, error: ApiError): FastifyReply {
  return sendError(reply, error, ctx.metrics.error);
}

export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** The device behind the request's credential, or the refusal already sent. */
export async function authenticate(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Device | null> {
  const credential = bearer(request);
  if (!credential) {
    fail(ctx, reply, { code: 'auth.missingCredential', message: 'Send the device credential as a Bearer token' });
    return null;
  }
  const device = await deviceByCredential(ctx.db, credential);
  if (!device) {
    fail(ctx, reply, { code: 'auth.invalidCredential', message: 'Unknown device credential' });
    return null;
  }
  if (device.revoked) {
    fail(ctx, reply, { code: 'auth.deviceRevoked', message: 'This device has been revoked; enroll it again' });
    return null;
  }
  const wait = await ctx.deviceLimiter.take(`device:${device.id}`);
  if (wait > 0) {
    reply.header('retry-after', String(wait));
    fail(ctx, reply, { code: 'http.rateLimited', message: 'Too many requests from this device', details: { retryAfterSeconds: wait } });
    return null;
  }
  request.log.info({ deviceId: device.id, tenantId: device.tenantId, branchId: device.branchId }, 'device authenticated');
  return device;
}
