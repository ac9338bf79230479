// The sync server's wire, as the counter speaks it: plain HTTP and JSON, every answer checked against its
// shape before it is trusted. Main talks to the server only through this file (never by importing it).
import { z } from 'zod';
import { eventEnvelopeSchema, type EventEnvelope } from './contract.js';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

export type WireOptions = { fetch?: FetchLike; timeoutMs?: number };

/** A failed exchange with the server: the server's own error code when it answered, else a network code. */
export class SyncWireError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const failureSchema = z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

const enrollResponseSchema = z.object({
  ok: z.literal(true),
  deviceId: z.string().uuid(),
  tenantId: z.string().uuid(),
  branchId: z.string().uuid(),
  credential: z.string().min(16),
});
export type Enrollment = z.infer<typeof enrollResponseSchema>;

const rotateResponseSchema = z.object({ ok: z.literal(true), credential: z.string().min(16) });

const pushResponseSchema = z.object({
  ok: z.literal(true),
  stored: z.number().int(),
  duplicates: z.number().int(),
  ackedThroughId: z.string().nullable(),
});
export type PushAck = z.infer<typeof pushResponseSchema>;

const pullResponseSchema = z.object({
  ok: z.literal(true),
  events: z.array(z.object({ seq: z.number().int().positive(), receivedAt: z.string(), event: eventEnvelopeSchema })),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullPage = z.infer<typeof pullResponseSchema>;

function endpoint(serverUrl: string, path: string): string {
  return new URL(path, serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString();
}

async function exchange<T>(
  o: WireOptions,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  schema: z.ZodType<T>,
): Promise<T> {
  const doFetch: FetchLike = o.fetch ?? ((u, i) => fetch(u, i));
  let status: number;
  let text: string;
  try {
    const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(o.timeoutMs ?? 30_000) });
    status = response.status;
    text = await response.text();
  } catch (e: unknown) {
    const name = e instanceof Error ? e.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') throw new SyncWireError('sync.timeout', 'The sync server did not answer in time.', null);
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    throw new SyncWireError('sync.unreachable', `The sync server cannot be reached${cause}.`, null);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncWireError('sync.badResponse', `The sync server answered ${status} with something that is not JSON.`, status);
  }
  const failure = failureSchema.safeParse(json);
  if (failure.success) throw new SyncWireError(failure.data.error.code, failure.data.error.message, status, failure.data.error.details);
  const parsed = schema.safeParse(json);
  if (status >= 300 || !parsed.success) throw new SyncWireError('sync.badResponse', `The sync server answered ${status} in an unexpected shape.`, status);
  return parsed.data;
}

export function enroll(serverUrl: string, code: string, label: string, o: WireOptions = {}): Promise<Enrollment> {
  return exchange(
    o,
    endpoint(serverUrl, 'v1/enroll'),
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, label }) },
    enrollResponseSchema,
  );
}

/** A new credential for this device; the one sent keeps working until the new one is first used. */
export async function rotateCredential(serverUrl: string, credential: string, o: WireOptions = {}): Promise<string> {
  const r = await exchange(o, endpoint(serverUrl, 'v1/credential'), { method: 'POST', headers: { authorization: `Bearer ${credential}` } }, rotateResponseSchema);
  return r.credential;
}

export function push(serverUrl: string, credential: string, events: readonly EventEnvelope[], o: WireOptions = {}): Promise<PushAck> {
  return exchange(
    o,
    endpoint(serverUrl, 'v1/events'),
    { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` }, body: JSON.stringify({ events }) },
    pushResponseSchema,
  );
}

export function pull(serverUrl: string, credential: string, after: number, limit: number, o: WireOptions = {}): Promise<PullPage> {
  return exchange(
    o,
    endpoint(serverUrl, `v1/events?after=${after}&limit=${limit}`),
    { method: 'GET', headers: { authorization: `Bearer ${credential}` } },
    pullResponseSchema,
  );
}
