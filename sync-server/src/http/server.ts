// The sync server: stateless over its database, so any number of processes can run behind a load balancer
// (on PostgreSQL even the rate limits are shared, see rate-limit.ts).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Database } from '../store/database.js';
import { attachLiveChannel } from '../live/live-channel.js';
import { inProcessNotifier, type Notifier } from '../live/notifier.js';
import { adminUserRoutes } from '../admin-users/admin-user-routes.js';
import { auditChainRoutes } from '../audit-chain/audit-routes.js';
import { projectionRoutes } from '../projections/projection-routes.js';
import { publishRoutes } from '../publish/publish-routes.js';
import { snapshotRoutes } from '../snapshot/snapshot-routes.js';
import { sha256 } from '../registry/secrets.js';
import { adminRoutes } from './admin-routes.js';
import { fail, type ServerContext } from './context.js';
import { deviceRoutes } from './device-routes.js';
import { createMetrics, metricsRoute, type Metrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { createRateLimiter, createSharedRateLimiter, type RateLimit, type RateLimiter } from './rate-limit.js';

export type ServerOptions = {
  db: Database;
  /** The admin token in clear (tests); null or empty switches the admin routes off unless a hash is given. */
  adminToken?: string | null;
  /** SHA-256 (hex) of the admin token, as the service keeps it. */
  adminTokenHash?: string | null;
  /** A token that may read /metrics and nothing else (clear, or its SHA-256 hex); the admin token may too. */
  metricsToken?: string | null;
  metricsTokenHash?: string | null;
  /** Carries push news to the live sockets of every process; default: this process only. */
  notifier?: Notifier;
  /** TLS key and certificate (PEM); without them the server speaks plain HTTP (behind a TLS proxy). */
  https?: { key: Buffer | string; cert: Buffer | string };
  liveHeartbeatMs?: number;
  /** At most one pull notice per socket per this many ms (live-channel.ts); default 200. */
  liveCoalesceMs?: number;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  maxBatch?: number;
  deviceRateLimit?: RateLimit;
  enrollRateLimit?: RateLimit;
  /** Keep the rate limits' buckets in the database, shared by every process (default: on PostgreSQL). */
  sharedRateLimits?: boolean;
  /** Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed; none by default. */
  trustProxy?: string[];
};

export type SyncServer = {
  app: FastifyInstance;
  metrics: Metrics;
  /** Every HTTP route registered (method and URL pattern), for the tests that prove each is guarded. */
  routes: { method: string; url: string }[];
};

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function buildServer(options: ServerOptions): SyncServer {
  const now = options.now ?? (() => new Date());
  const metrics = createMetrics();
  const shared = options.sharedRateLimits ?? options.db.kind === 'postgres';
  const limiter = (prefix: string, limit: RateLimit): RateLimiter =>
    shared ? createSharedRateLimiter(options.db, prefix, limit, () => now().getTime()) : createRateLimiter(limit, () => now().getTime());
  const ctx: ServerContext = {
    db: options.db,
    now,
    metrics,
    adminTokenHash: options.adminTokenHash ?? (options.adminToken ? sha256(options.adminToken) : null),
    notifier: options.notifier ?? inProcessNotifier(),
    maxBatch: options.maxBatch ?? 500,
    metricsTokenHash: options.metricsTokenHash ?? (options.metricsToken ? sha256(options.metricsToken) : null),
    deviceLimiter: limiter('device', options.deviceRateLimit ?? { capacity: 60, refillPerSecond: 10 }),
    enrollLimiter: limiter('enroll', options.enrollRateLimit ?? { capacity: 10, refillPerSecond: 0.2 }),
  };
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    logger: options.logger ?? { level: 'info', redact: ['req.headers.authorization'] },
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Only a named reverse proxy may say who the client is (X-Forwarded-For, for the enrollment limiter);
    // otherwise any client could choose the address the limiter counts.
    trustProxy: options.trustProxy && options.trustProxy.length > 0 ? options.trustProxy : false,
  });

  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return fail(ctx, reply, { code: 'http.bodyTooLarge', message: 'The request body is too large' });
    if (status === 415) return fail(ctx, reply, { code: 'http.unsupportedMediaType', message: 'Send application/json' });
    if (status >= 400 && status < 500) return fail(ctx, reply, { code: 'http.malformedBody', message: error.message ?? 'Malformed request' });
    request.log.error({ err: error }, 'request failed');
    return fail(ctx, reply, { code: 'http.internal', message: 'Internal error' });
  });
  app.setNotFoundHandler((_request, reply) => fail(ctx, reply, { code: 'http.notFound', message: 'No such route' }));

  app.get('/healthz', async (_request, reply) => {
    try {
      await options.db.query('SELECT 1');
      return reply.send({ ok: true });
    } catch {
      return reply.code(503).send({ ok: false, error: { code: 'health.databaseUnreachable', message: 'The database does not answer' } });
    }
  });
  metricsRoute(app, ctx);
  const doc = openApiDocument();
  app.get('/openapi.json', async (_request, reply) => reply.send(doc));

  deviceRoutes(app, ctx);
  adminRoutes(app, ctx);
  publishRoutes(app, ctx);
  snapshotRoutes(app, ctx);
  projectionRoutes(app, ctx);
  auditChainRoutes(app, ctx);
  adminUserRoutes(app, ctx);
  attachLiveChannel(app, ctx, {
    ...(options.liveHeartbeatMs ? { heartbeatMs: options.liveHeartbeatMs } : {}),
    ...(options.liveCoalesceMs !== undefined ? { coalesceMs: options.liveCoalesceMs } : {}),
  });
  return { app, metrics, routes };
}
