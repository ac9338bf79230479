// The snapshot route's query and its /openapi.json entry, generated from the schema the route checks.
import { z } from 'zod';

export const snapshotQuerySchema = z.object({
  at: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .describe('Log position the snapshot is taken at; omitted for the head. A resumed download repeats the first answer’s `at`.'),
  after: z
    .string()
    .regex(/^\d{1,15}$/)
    .default('0')
    .describe('Sequence already applied from this snapshot; events up to it are not sent again'),
});

const errorBody = { 'application/json': { schema: { type: 'object', properties: { ok: { const: false }, error: { type: 'object' } } } } };

export function snapshotOpenApi(): Record<string, unknown> {
  const query = z.toJSONSchema(snapshotQuerySchema, { io: 'input' }) as { properties: Record<string, unknown> };
  return {
    '/v1/snapshot': {
      get: {
        summary:
          'A new counter’s snapshot: gzip NDJSON lines {t:"begin",at,...}, {t:"event",seq,event} for every event the device may see up to `at` (superseded stock levels compacted away), {t:"end",events}; then pull the log after `at`',
        security: [{ device: [] }],
        parameters: Object.entries(query.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
        responses: {
          '200': { description: 'application/x-ndjson, Content-Encoding: gzip' },
          '400': { description: 'sync.badCursor', content: errorBody },
          '401': { description: 'auth.missingCredential, auth.invalidCredential', content: errorBody },
          '403': { description: 'auth.deviceRevoked', content: errorBody },
          '409': { description: 'sync.cursorFromFuture', content: errorBody },
          '429': { description: 'http.rateLimited', content: errorBody },
        },
      },
    },
  };
}
