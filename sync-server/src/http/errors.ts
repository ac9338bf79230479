// Errors cross the wire as data with stable dotted codes (CONVENTIONS 5); the HTTP status follows the code.
import type { FastifyReply } from 'fastify';

export const ERROR_STATUS = {
  'http.malformedBody': 400,
  'http.bodyTooLarge': 413,
  'http.unsupportedMediaType': 415,
  'http.notFound': 404,
  'http.rateLimited': 429,
  'http.internal': 500,
  'request.invalid': 400,
  'auth.missingCredential': 401,
  'auth.invalidCredential': 401,
  'auth.deviceRevoked': 403,
  'admin.disabled': 503,
  'admin.unauthorized': 401,
  'admin.forbidden': 403,
  'admin.badCredentials': 401,
  'admin.locked': 423,
  'admin.userInactive': 403,
  'adminUser.taken': 409,
  'adminUser.notFound': 404,
  'enroll.invalidCode': 400,
  'events.malformed': 400,
  'events.batchTooLarge': 400,
  'events.originMismatch': 403,
  'events.idConflict': 409,
  'sync.badCursor': 400,
  'sync.cursorFromFuture': 409,
  'tenant.notFound': 404,
  'branch.notFound': 404,
  'device.notFound': 404,
  'events.headOfficeOnly': 403,
  'publish.unknownKind': 404,
  'publish.invalid': 400,
  'projection.badQuery': 400,
  'auditAlert.notFound': 404,
  'auditAlert.alreadyAcknowledged': 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ApiError = { code: ErrorCode; message: string; details?: unknown };

export type ErrorSink = (code: ErrorCode) => void;

export function sendError(reply: FastifyReply, error: ApiError, count: ErrorSink): FastifyReply {
  count(error.code);
  const body = { ok: false as const, error: error.details === undefined ? { code: error.code, message: error.message } : error };
  return reply.code(ERROR_STATUS[error.code]).send(body);
}
