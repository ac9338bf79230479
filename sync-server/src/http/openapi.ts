// /openapi.json, generated from the same zod schemas the routes check (OpenAPI 3.1 uses JSON Schema 2020-12).
import { z } from 'zod';
import {
  createBranchResponseSchema,
  createBranchSchema,
  createCodeResponseSchema,
  createCodeSchema,
  createTenantResponseSchema,
  createTenantSchema,
  enrollRequestSchema,
  enrollResponseSchema,
  errorSchema,
  okSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushBodyForDocs,
  pushResponseSchema,
} from './schemas.js';
import { ERROR_STATUS } from './errors.js';
import { PUBLISH_KINDS, publishBodySchema, publishResponseSchema, publishKinds } from '../publish/schemas.js';
import { snapshotOpenApi } from '../snapshot/snapshot-schemas.js';
import { adminUserResponseSchema, adminUsersResponseSchema, createAdminUserSchema, loginResponseSchema, loginSchema } from '../admin-users/admin-user-routes.js';
import { acknowledgeBodySchema, acknowledgeResponseSchema, alertsQuerySchema, alertsResponseSchema } from '../audit-chain/audit-routes.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});

const errors = (codes: (keyof typeof ERROR_STATUS)[]) => {
  const byStatus = new Map<number, string[]>();
  for (const c of codes) byStatus.set(ERROR_STATUS[c], [...(byStatus.get(ERROR_STATUS[c]) ?? []), c]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [String(status), { description: list.join(', '), content: json(errorSchema) }]),
  );
};

const deviceAuth = [{ device: [] }];
const tenantParam = { name: 'tenantId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
/** The operator's admin token, or a head-office user's session within its own chain. */
const adminAuth = [{ admin: [] }, { headOffice: [] }];
const deviceErrors = ['auth.missingCredential', 'auth.invalidCredential', 'auth.deviceRevoked', 'http.rateLimited'] as const;

export function openApiDocument(): Record<string, unknown> {
  const pullQuery = z.toJSONSchema(pullQuerySchema, { io: 'input' }) as { properties: Record<string, unknown> };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mortar head-office sync',
      version: '1',
      description: 'Counters enroll once, push their outbox events, and pull by cursor the tenant log they may see.',
    },
    components: {
      securitySchemes: {
        device: { type: 'http', scheme: 'bearer', description: 'The credential returned by /v1/enroll' },
        admin: { type: 'http', scheme: 'bearer', description: 'MORTAR_SYNC_ADMIN_TOKEN of the server' },
        headOffice: { type: 'http', scheme: 'bearer', description: 'The session token POST /v1/login returns to a head-office user: its own chain only, 12 hours' },
        metrics: { type: 'http', scheme: 'bearer', description: 'MORTAR_SYNC_METRICS_TOKEN: reads /metrics only' },
      },
    },
    paths: {
      '/v1/enroll': {
        post: {
          summary: 'Exchange a one-time enrollment code for a device id and credential',
          requestBody: { required: true, content: json(enrollRequestSchema, 'input') },
          responses: { '201': { description: 'Enrolled', content: json(enrollResponseSchema) }, ...errors(['request.invalid', 'enroll.invalidCode', 'http.rateLimited']) },
        },
      },
      '/v1/events': {
        post: {
          summary: 'Push a batch of events; all or nothing, idempotent by event id',
          security: deviceAuth,
          requestBody: { required: true, content: json(pushBodyForDocs, 'input') },
          responses: {
            '200': { description: 'Stored (retries acknowledged)', content: json(pushResponseSchema) },
            ...errors([...deviceErrors, 'events.malformed', 'events.batchTooLarge', 'events.originMismatch', 'events.idConflict', 'http.bodyTooLarge', 'http.malformedBody']),
          },
        },
        get: {
          summary: "Pull the device's branch events and what other branches publish, after a cursor",
          security: deviceAuth,
          parameters: Object.entries(pullQuery.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
          responses: { '200': { description: 'Events in sequence order', content: json(pullResponseSchema) }, ...errors([...deviceErrors, 'sync.badCursor', 'sync.cursorFromFuture']) },
        },
      },
      '/v1/admin/tenants': {
        post: { summary: 'Create a tenant', security: adminAuth, requestBody: { content: json(createTenantSchema, 'input') }, responses: { '201': { description: 'Created', content: json(createTenantResponseSchema) }, ...errors(['admin.disabled', 'admin.unauthorized', 'request.invalid']) } },
      },
      '/v1/admin/tenants/{tenantId}/branches': {
        post: { summary: 'Create a branch', security: adminAuth, parameters: [{ name: 'tenantId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], requestBody: { content: json(createBranchSchema, 'input') }, responses: { '201': { description: 'Created', content: json(createBranchResponseSchema) }, ...errors(['admin.disabled', 'admin.unauthorized', 'request.invalid', 'tenant.notFound']) } },
      },
      '/v1/admin/tenants/{tenantId}/branches/{branchId}/enrollment-codes': {
        post: {
          summary: 'Issue a one-time, expiring enrollment code for a new counter of the branch',
          security: adminAuth,
          parameters: ['tenantId', 'branchId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } })),
          requestBody: { content: json(createCodeSchema, 'input') },
          responses: { '201': { description: 'Issued (shown once)', content: json(createCodeResponseSchema) }, ...errors(['admin.disabled', 'admin.unauthorized', 'request.invalid', 'branch.notFound']) },
        },
      },
      '/v1/admin/devices/{deviceId}/revoke': {
        post: { summary: 'Revoke a device: its credential stops working at once', security: adminAuth, parameters: [{ name: 'deviceId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], responses: { '200': { description: 'Revoked', content: json(okSchema) }, ...errors(['admin.disabled', 'admin.unauthorized', 'device.notFound']) } },
      },
      '/v1/live': {
        get: {
          summary: 'WebSocket upgrade: messages {type:"hello",deviceId,head} once, then {type:"pull",head} after each push the device may pull',
          security: deviceAuth,
          responses: { '101': { description: 'Switching protocols' }, ...errors(['auth.missingCredential', 'auth.invalidCredential', 'auth.deviceRevoked']) },
        },
      },
      '/v1/admin/tenants/{tenantId}/publish/{kind}': {
        post: {
          summary: `Publish master data to every branch as one versioned event; kinds: ${publishKinds.map((k) => `${k} (${PUBLISH_KINDS[k].type})`).join(', ')}`,
          security: adminAuth,
          parameters: [
            { name: 'tenantId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: publishKinds } },
          ],
          requestBody: { content: { 'application/json': { schema: { oneOf: publishKinds.map((k) => z.toJSONSchema(publishBodySchema(k), { io: 'input' })) } } } },
          responses: { '201': { description: 'Published', content: json(publishResponseSchema) }, ...errors(['admin.disabled', 'admin.unauthorized', 'publish.invalid', 'publish.unknownKind', 'tenant.notFound']) },
        },
      },
      '/v1/admin/tenants/{tenantId}/publications': {
        get: { summary: 'Current version of each published kind', security: adminAuth, parameters: [tenantParam], responses: { '200': { description: '{ ok, versions: { kind: version } }' }, ...errors(['admin.disabled', 'admin.unauthorized']) } },
      },
      ...Object.fromEntries(
        (
          [
            ['stock', 'Stock by branch, product and batch (optional query branchId, productId)'],
            ['sales-by-day', 'Sales, voids and net amount per branch, UTC day and currency (query from, to: YYYY-MM-DD)'],
            ['expiring', 'Lots with stock expiring within `days` (default 90)'],
            ['exceptions', 'Open exceptions (invariants broken after merging) until resolved'],
          ] as const
        ).map(([name, summary]) => [
          `/v1/admin/tenants/{tenantId}/projections/${name}`,
          { get: { summary, security: adminAuth, parameters: [tenantParam], responses: { '200': { description: 'The view and asOfSeq, the log sequence it is current to' }, ...errors(['admin.disabled', 'admin.unauthorized', 'projection.badQuery', 'tenant.notFound']) } } },
        ]),
      ),
      '/v1/admin/tenants/{tenantId}/audit-alerts': {
        get: {
          summary: "Breaks found in the counters' audit chains (gap, fork, hashMismatch, linkMismatch, malformed), checked first against everything pushed so far; open ones unless state=all",
          security: adminAuth,
          parameters: [
            tenantParam,
            ...Object.entries((z.toJSONSchema(alertsQuerySchema, { io: 'input' }) as { properties: Record<string, unknown> }).properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
          ],
          responses: { '200': { description: 'Alerts, oldest first', content: json(alertsResponseSchema) }, ...errors(['admin.disabled', 'admin.unauthorized', 'request.invalid', 'tenant.notFound']) },
        },
      },
      '/v1/admin/tenants/{tenantId}/audit-alerts/{alertId}/acknowledge': {
        post: {
          summary: 'Acknowledge an open audit-chain alert, with an optional note; the alert is kept',
          security: adminAuth,
          parameters: ['tenantId', 'alertId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } })),
          requestBody: { content: json(acknowledgeBodySchema, 'input') },
          responses: {
            '200': { description: 'Acknowledged', content: json(acknowledgeResponseSchema) },
            ...errors(['admin.disabled', 'admin.unauthorized', 'request.invalid', 'auditAlert.notFound', 'auditAlert.alreadyAcknowledged']),
          },
        },
      },
      '/v1/credential': {
        post: {
          summary: "Rotate the device's credential: the answer's credential replaces the one sent once it is first used (until then both work)",
          security: deviceAuth,
          responses: { '200': { description: '{ ok, credential }' }, ...errors([...deviceErrors]) },
        },
      },
      '/v1/login': {
        post: {
          summary: 'A head-office user signs in with the chain, name and password, for a session token (12 hours). Five wrong passwords lock the user for 15 minutes',
          requestBody: { content: json(loginSchema, 'input') },
          responses: { '200': { description: 'Signed in', content: json(loginResponseSchema) }, ...errors(['request.invalid', 'admin.badCredentials', 'admin.locked', 'admin.userInactive', 'http.rateLimited']) },
        },
      },
      '/v1/admin/logout': {
        post: { summary: 'End the session whose token is sent', security: [{ headOffice: [] }], responses: { '200': { description: 'Ended' }, ...errors(['admin.unauthorized']) } },
      },
      '/v1/admin/tenants/{tenantId}/users': {
        get: {
          summary: "The chain's head-office users",
          security: adminAuth,
          parameters: [tenantParam],
          responses: { '200': { description: 'Users', content: json(adminUsersResponseSchema) }, ...errors(['admin.disabled', 'admin.unauthorized', 'admin.forbidden']) },
        },
        post: {
          summary: 'Create a head-office user of the chain (password of 12 or more characters, kept as an scrypt hash)',
          security: adminAuth,
          parameters: [tenantParam],
          requestBody: { content: json(createAdminUserSchema, 'input') },
          responses: { '201': { description: 'Created', content: json(adminUserResponseSchema) }, ...errors(['admin.disabled', 'admin.unauthorized', 'admin.forbidden', 'request.invalid', 'tenant.notFound', 'adminUser.taken']) },
        },
      },
      '/v1/admin/tenants/{tenantId}/users/{userId}/deactivate': {
        post: {
          summary: 'Deactivate a head-office user; their sessions end at once',
          security: adminAuth,
          parameters: ['tenantId', 'userId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } })),
          responses: { '200': { description: 'Deactivated', content: json(adminUserResponseSchema) }, ...errors(['admin.disabled', 'admin.unauthorized', 'admin.forbidden', 'adminUser.notFound']) },
        },
      },
      ...snapshotOpenApi(),
      '/healthz': { get: { summary: 'Liveness and database reachability', responses: { '200': { description: 'Healthy' }, '503': { description: 'Database unreachable' } } } },
      '/openapi.json': { get: { summary: 'This description', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
      '/metrics': {
        get: {
          summary: 'Prometheus counters of this process (the admin token or MORTAR_SYNC_METRICS_TOKEN)',
          security: [{ admin: [] }, { metrics: [] }],
          responses: { '200': { description: 'text/plain; version=0.0.4' }, ...errors(['auth.missingCredential', 'auth.invalidCredential']) },
        },
      },
    },
  };
}
