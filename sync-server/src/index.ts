// The head-office sync service: storage, the per-tenant event log, the HTTP API and live channel over them,
// head-office publishing and projections, and the service that runs it all.
export { openPostgres, openPglite, type Database, type Queryable } from './store/database.js';
export { migrate, migrations } from './store/migrate.js';
export { appendEvents, pullEvents, type StoredEvent, type Origin, type Reader } from './log/event-log.js';
export { isPublished, publishedPatterns, branchOnlyDomains } from './log/visibility.js';
export { buildServer, DEFAULT_BODY_LIMIT, type ServerOptions, type SyncServer } from './http/server.js';
export { openApiDocument } from './http/openapi.js';
export { ERROR_STATUS, type ErrorCode } from './http/errors.js';
export { inProcessNotifier, postgresNotifier, type Notifier, type Pushed } from './live/notifier.js';
export { LIVE_PATH, type LiveMessage } from './live/live-channel.js';
export { publish, publishedVersions, type Publication } from './publish/publish.js';
export { PUBLISH_KINDS, publishKinds, type PublishKind } from './publish/schemas.js';
export { catchUp, stockByBranch, salesByDay, expiringStock, openExceptions } from './projections/projections.js';
export { verifyAuditChains, alertKinds, type AuditAlert, type AlertKind } from './audit-chain/audit-chain.js';
export { listAuditAlerts, acknowledgeAuditAlert, auditChainStatus, type ChainStatus } from './audit-chain/alerts.js';
export { readConfig, type ServiceConfig } from './service/config.js';
export { startService, type RunningService } from './service/service.js';
