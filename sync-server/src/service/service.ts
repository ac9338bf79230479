// Starts the sync service from its configuration: storage, migrations, the admin token, the live channel's
// notifier and the HTTP(S) listener; and stops it in the reverse order.
import { mkdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../http/server.js';
import { inProcessNotifier, postgresNotifier, type Notifier } from '../live/notifier.js';
import { openPglite, openPostgres, type Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { resolveAdminToken, type AdminToken } from './admin-token.js';
import type { ServiceConfig } from './config.js';

export type RunningService = {
  app: FastifyInstance;
  url: string;
  adminToken: AdminToken;
  migrated: number[];
  close(): Promise<void>;
};

export async function startService(config: ServiceConfig, options: { logger?: boolean } = {}): Promise<RunningService> {
  const tls = config.tls ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } : null;
  let db: Database;
  if (config.databaseUrl) {
    db = openPostgres({ connectionString: config.databaseUrl });
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    db = await openPglite(config.dataDir);
  }
  let notifier: Notifier | null = null;
  try {
    const migrated = await migrate(db);
    const adminToken = await resolveAdminToken(db, config.adminToken, new Date());
    notifier = config.databaseUrl ? await postgresNotifier({ connection: { connectionString: config.databaseUrl } }) : inProcessNotifier();
    const { app } = buildServer({
      db,
      adminTokenHash: adminToken.hash,
      metricsToken: config.metricsToken ?? null,
      ...(config.deviceRateLimit ? { deviceRateLimit: config.deviceRateLimit } : {}),
      ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
      notifier,
      bodyLimit: config.bodyLimit,
      ...(tls ? { https: tls } : {}),
      logger: options.logger === false ? false : { level: config.logLevel, redact: ['req.headers.authorization'] },
    });
    const n = notifier;
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      app,
      url: `${tls ? 'https' : 'http'}://${host}:${port}`,
      adminToken,
      migrated,
      async close() {
        await app.close();
        await n.close();
        await db.close();
      },
    };
  } catch (error: unknown) {
    await notifier?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
