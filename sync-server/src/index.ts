// The head-office sync service: storage, the per-tenant event log, and the HTTP API over them.
export { openPostgres, openPglite, type Database, type Queryable } from './store/database.js';
export { migrate, migrations } from './store/migrate.js';
export { appendEvents, pullEvents, type StoredEvent, type Origin, type Reader } from './log/event-log.js';
export { isPublished, publishedPatterns, branchOnlyDomains } from './log/visibility.js';
export { buildServer, DEFAULT_BODY_LIMIT, type ServerOptions, type SyncServer } from './http/server.js';
export { openApiDocument } from './http/openapi.js';
export { ERROR_STATUS, type ErrorCode } from './http/errors.js';
