// The service's settings from flags and environment (flags win), checked before anything starts.
import { parseArgs } from 'node:util';

export type ServiceConfig = {
  /** PostgreSQL connection URL; null runs on embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  host: string;
  port: number;
  tls: { certFile: string; keyFile: string } | null;
  /** From MORTAR_SYNC_ADMIN_TOKEN; null: the one stored (hashed) in the database, generated at first start. */
  adminToken: string | null;
  /** From MORTAR_SYNC_METRICS_TOKEN: may read /metrics and nothing else; null: the admin token only. */
  metricsToken?: string | null;
  /** From --device-rate / MORTAR_SYNC_DEVICE_RATE ("capacity:perSecond"); default 60 requests, 10 per second. */
  deviceRateLimit?: { capacity: number; refillPerSecond: number };
  logLevel: string;
  bodyLimit: number;
  /**
   * From --trust-proxy / MORTAR_SYNC_TRUST_PROXY: the addresses (or CIDR ranges) of the reverse proxies in front,
   * whose X-Forwarded-For is believed. Empty: the connection's own address counts, so no client can pick the
   * address the enrollment limiter sees.
   */
  trustProxy?: string[];
};

export type ConfigResult = { ok: true; config: ServiceConfig } | { ok: true; help: string } | { ok: false; error: { code: 'config.invalid'; message: string } };

export const HELP = `mortar-sync: the Mortar head-office sync server

Usage: mortar-sync [options]

  --database-url URL   PostgreSQL URL (env DATABASE_URL). Without it: embedded PGlite in --data-dir.
  --data-dir DIR       PGlite data directory (env MORTAR_SYNC_DATA_DIR, default ./mortar-sync-data)
  --host HOST          address to listen on (env MORTAR_SYNC_HOST, default 127.0.0.1)
  --port PORT          port (env PORT or MORTAR_SYNC_PORT, default 8787; 0 picks a free one)
  --tls-cert FILE      PEM certificate (env MORTAR_SYNC_TLS_CERT); with --tls-key serves HTTPS/WSS
  --tls-key FILE       PEM private key (env MORTAR_SYNC_TLS_KEY)
  --log-level LEVEL    fatal|error|warn|info|debug|trace (env MORTAR_SYNC_LOG_LEVEL, default info)
  --body-limit BYTES   largest request body (env MORTAR_SYNC_BODY_LIMIT, default 1048576)
  --device-rate C:R    per-device token bucket: burst C, R per second, shared by all processes on
                       PostgreSQL (env MORTAR_SYNC_DEVICE_RATE, default 60:10)
  --trust-proxy LIST   comma-separated addresses or CIDR ranges of the reverse proxies in front, whose
                       X-Forwarded-For is believed (env MORTAR_SYNC_TRUST_PROXY; default none)
  -h, --help           this text

Admin token: env MORTAR_SYNC_ADMIN_TOKEN; without it the server generates one at its first start, prints it
once and keeps only its hash in the database.
/metrics needs the admin token, or the token in env MORTAR_SYNC_METRICS_TOKEN (for a Prometheus scraper).
Logs are JSON lines on stdout. SIGTERM or SIGINT: stop accepting, finish requests, close, exit 0.
`;

function positiveInt(text: string, name: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(text)) return `${name} must be a whole number`;
  const n = Number(text);
  return n < min || n > max ? `${name} must be between ${min} and ${max}` : n;
}

export function readConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ConfigResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'log-level': { type: 'string' },
        'body-limit': { type: 'string' },
        'device-rate': { type: 'string' },
        'trust-proxy': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error: unknown) {
    return { ok: false, error: { code: 'config.invalid', message: error instanceof Error ? error.message : String(error) } };
  }
  if (values.help) return { ok: true, help: HELP };
  const str = (flag: string, ...names: string[]): string | undefined => {
    const v = values[flag];
    if (typeof v === 'string' && v !== '') return v;
    for (const n of names) if (env[n]) return env[n];
    return undefined;
  };
  const invalid = (message: string): ConfigResult => ({ ok: false, error: { code: 'config.invalid', message } });
  const port = positiveInt(str('port', 'PORT', 'MORTAR_SYNC_PORT') ?? '8787', 'port', 0, 65_535);
  if (typeof port === 'string') return invalid(port);
  const bodyLimit = positiveInt(str('body-limit', 'MORTAR_SYNC_BODY_LIMIT') ?? '1048576', 'body-limit', 1024, 64 * 1024 * 1024);
  if (typeof bodyLimit === 'string') return invalid(bodyLimit);
  const cert = str('tls-cert', 'MORTAR_SYNC_TLS_CERT');
  const key = str('tls-key', 'MORTAR_SYNC_TLS_KEY');
  if ((cert === undefined) !== (key === undefined)) return invalid('--tls-cert and --tls-key go together');
  const logLevel = str('log-level', 'MORTAR_SYNC_LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) return invalid(`unknown log level ${logLevel}`);
  const adminToken = env.MORTAR_SYNC_ADMIN_TOKEN ?? null;
  if (adminToken !== null && adminToken.length < 16) return invalid('MORTAR_SYNC_ADMIN_TOKEN must be at least 16 characters');
  const rate = str('device-rate', 'MORTAR_SYNC_DEVICE_RATE');
  const rateMatch = rate === undefined ? null : /^(\d{1,6}):(\d{1,6}(?:\.\d{1,3})?)$/.exec(rate);
  if (rate !== undefined && (!rateMatch || Number(rateMatch[1]) < 1 || Number(rateMatch[2]) <= 0)) {
    return invalid('--device-rate must be capacity:perSecond, e.g. 60:10 (capacity at least 1, rate above 0)');
  }
  const deviceRateLimit = rateMatch ? { capacity: Number(rateMatch[1]), refillPerSecond: Number(rateMatch[2]) } : null;
  const proxies = (str('trust-proxy', 'MORTAR_SYNC_TRUST_PROXY') ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  const badProxy = proxies.find((p) => !/^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]+)(?:\/\d{1,3})?$/.test(p));
  if (badProxy !== undefined) return invalid(`--trust-proxy takes addresses or CIDR ranges, not "${badProxy}"`);
  const metricsToken = env.MORTAR_SYNC_METRICS_TOKEN ?? null;
  if (metricsToken !== null && metricsToken.length < 16) return invalid('MORTAR_SYNC_METRICS_TOKEN must be at least 16 characters');
  return {
    ok: true,
    config: {
      ...(metricsToken ? { metricsToken } : {}),
      ...(deviceRateLimit ? { deviceRateLimit } : {}),
      ...(proxies.length > 0 ? { trustProxy: proxies } : {}),
      databaseUrl: str('database-url', 'DATABASE_URL') ?? null,
      dataDir: str('data-dir', 'MORTAR_SYNC_DATA_DIR') ?? './mortar-sync-data',
      host: str('host', 'MORTAR_SYNC_HOST') ?? '127.0.0.1',
      port,
      tls: cert && key ? { certFile: cert, keyFile: key } : null,
      adminToken,
      logLevel,
      bodyLimit,
    },
  };
}
