// Counters for /metrics in the Prometheus text format. They are per process: Prometheus scrapes every
// process and sums them, so nothing here needs to be shared between processes. The route needs the admin
// token or the metrics-only token: the counts (devices enrolled, error codes) tell an outsider too much.
import type { FastifyInstance } from 'fastify';
import { sameHash } from '../registry/secrets.js';
import { bearer, fail, type ServerContext } from './context.js';

export type Metrics = {
  eventsStored(n: number): void;
  duplicates(n: number): void;
  push(): void;
  pull(): void;
  enroll(): void;
  error(code: string): void;
  liveConnections(delta: number): void;
  published(n: number): void;
  auditAlert(kind: string): void;
  render(): string;
};

export function createMetrics(): Metrics {
  let stored = 0;
  let dup = 0;
  let pushes = 0;
  let pulls = 0;
  let enrolls = 0;
  let live = 0;
  let publications = 0;
  const errors = new Map<string, number>();
  const auditAlerts = new Map<string, number>();
  const counter = (name: string, help: string, value: number) =>
    `# HELP ${name} ${help}\n# TYPE ${name} counter\n${name} ${value}\n`;
  return {
    eventsStored: (n) => void (stored += n),
    duplicates: (n) => void (dup += n),
    push: () => void (pushes += 1),
    pull: () => void (pulls += 1),
    enroll: () => void (enrolls += 1),
    error: (code) => void errors.set(code, (errors.get(code) ?? 0) + 1),
    liveConnections: (delta) => void (live += delta),
    published: (n) => void (publications += n),
    auditAlert: (kind) => void auditAlerts.set(kind, (auditAlerts.get(kind) ?? 0) + 1),
    render() {
      const lines = [
        counter('mortar_sync_events_stored_total', 'Events stored (retries not counted).', stored),
        counter('mortar_sync_events_duplicate_total', 'Events received again and acknowledged without storing.', dup),
        counter('mortar_sync_pushes_total', 'Accepted push requests.', pushes),
        counter('mortar_sync_pull_requests_total', 'Answered pull requests.', pulls),
        counter('mortar_sync_enrollments_total', 'Devices enrolled.', enrolls),
        counter('mortar_sync_publications_total', 'Master-data publications from head office.', publications),
        `# HELP mortar_sync_live_connections Open live sockets in this process.\n# TYPE mortar_sync_live_connections gauge\nmortar_sync_live_connections ${live}\n`,
        '# HELP mortar_sync_errors_total Refused or failed requests by error code.\n# TYPE mortar_sync_errors_total counter\n',
      ];
      const body = [...errors.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, n]) => `mortar_sync_errors_total{code="${code}"} ${n}\n`)
        .join('');
      const alerts =
        '# HELP mortar_sync_audit_alerts_total Audit-chain breaks raised (gap, fork, hashMismatch, linkMismatch, malformed).\n# TYPE mortar_sync_audit_alerts_total counter\n' +
        [...auditAlerts.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([kind, n]) => `mortar_sync_audit_alerts_total{kind="${kind}"} ${n}\n`)
          .join('');
      return lines.join('') + body + alerts;
    },
  };
}

export function metricsRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/metrics', async (request, reply) => {
    const token = bearer(request);
    if (!token) return fail(ctx, reply, { code: 'auth.missingCredential', message: 'Send the metrics or admin token as a Bearer token' });
    const hashes = [ctx.metricsTokenHash, ctx.adminTokenHash].filter((h): h is string => h !== null);
    if (!hashes.some((h) => sameHash(token, h))) return fail(ctx, reply, { code: 'auth.invalidCredential', message: 'Not the metrics or admin token' });
    return reply.type('text/plain; version=0.0.4').send(ctx.metrics.render());
  });
}
