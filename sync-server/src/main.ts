// `mortar-sync`: the sync server as a process. Logs are JSON lines on stdout; SIGTERM drains and exits 0.
import { readConfig } from './service/config.js';
import { startService, type RunningService } from './service/service.js';

function logLine(level: number, msg: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), pid: process.pid, msg, ...extra })}\n`);
}

async function run(): Promise<void> {
  const parsed = readConfig(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    logLine(60, parsed.error.message, { code: parsed.error.code });
    process.stderr.write(`mortar-sync: ${parsed.error.message} (see --help)\n`);
    process.exitCode = 2;
    return;
  }
  if ('help' in parsed) {
    process.stdout.write(parsed.help);
    return;
  }
  const config = parsed.config;
  let service: RunningService;
  try {
    service = await startService(config);
  } catch (error: unknown) {
    logLine(60, 'start-up failed', { err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) });
    process.exitCode = 1;
    return;
  }
  const log = service.app.log;
  log.info(
    { url: service.url, storage: config.databaseUrl ? 'postgres' : 'pglite', dataDir: config.databaseUrl ? undefined : config.dataDir, migrated: service.migrated, adminToken: service.adminToken.source, tls: config.tls !== null },
    'mortar-sync listening',
  );
  if (service.adminToken.generated) {
    // Shown once, to the operator's terminal, never to the log: only its hash is kept.
    process.stderr.write(
      `\nmortar-sync: first start. Admin token (shown once, keep it safe; only its hash is stored):\n\n  ${service.adminToken.generated}\n\n`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    service
      .close()
      .then(() => {
        logLine(30, 'stopped');
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        logLine(50, 'shutdown failed', { err: String(error) });
        process.exitCode = 1;
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await run();
