// Pull pages are compressed when the counter accepts it: a log-only catch-up sent about nine times the bytes
// of the same events by snapshot, and a branch on a slow line pays for every byte. Small answers go as they are
// (gzip's header and a thread-pool hop cost more than they save).
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);
/** Below this many bytes of JSON an answer is sent uncompressed. */
export const COMPRESS_FROM_BYTES = 2048;

/** True when the request's Accept-Encoding allows gzip (a q=0 refuses it). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name.trim() !== 'gzip' && name.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Sends `body` as JSON, gzip-compressed (level 1: pull pages are hot) when it is large and the client accepts it. */
export async function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown): Promise<FastifyReply> {
  const text = JSON.stringify(body);
  reply.header('vary', 'accept-encoding').type('application/json; charset=utf-8');
  if (Buffer.byteLength(text) < COMPRESS_FROM_BYTES || !acceptsGzip(request.headers['accept-encoding'])) return reply.send(text);
  const packed = await gzipAsync(text, { level: 1 });
  return reply.header('content-encoding', 'gzip').send(packed);
}
