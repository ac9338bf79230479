// GET /v1/snapshot: a new counter's snapshot, streamed as gzip-compressed NDJSON so that neither end holds it
// in memory. Authenticated like every device route; the device's branch decides what is in it.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { authenticate, fail, type ServerContext } from '../http/context.js';
import { snapshotChunks } from './snapshot.js';
import { snapshotQuerySchema } from './snapshot-schemas.js';

export const SNAPSHOT_PATH = '/v1/snapshot';

export function snapshotRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(SNAPSHOT_PATH, async (request, reply) => {
    const device = await authenticate(ctx, request, reply);
    if (!device) return reply;
    const query = snapshotQuerySchema.safeParse(request.query);
    if (!query.success) return fail(ctx, reply, { code: 'sync.badCursor', message: 'at and after must be non-negative integers', details: query.error.issues });
    const head = Number((await ctx.db.query<{ last_seq: string | number }>('SELECT last_seq FROM tenants WHERE id = $1', [device.tenantId]))[0]?.last_seq ?? 0);
    const at = query.data.at === undefined ? head : Number(query.data.at);
    const after = Number(query.data.after);
    if (at > head) {
      return fail(ctx, reply, { code: 'sync.cursorFromFuture', message: 'The snapshot position is ahead of this tenant log', details: { at, head } });
    }
    if (after > at) return fail(ctx, reply, { code: 'sync.badCursor', message: 'after must not be past at', details: { at, after } });
    const source = Readable.from(snapshotChunks(ctx.db, { tenantId: device.tenantId, branchId: device.branchId }, { at, after }));
    // Level 1: the log's JSON compresses about tenfold even so, and the server's CPU is the scarcer resource.
    // Output in 1 MiB pieces, so each HTTP chunk is large: a client reading chunk by chunk (fetch pauses its
    // parser at every chunk it cannot hand on yet) then stops and starts a few hundred times, not thousands.
    const gzip = createGzip({ level: 1, flush: constants.Z_NO_FLUSH, chunkSize: 1 << 20 });
    // A client that goes away destroys the response, which ends the pipeline and stops the reads.
    pipeline(source, gzip).catch((error: unknown) => request.log.warn({ err: error, deviceId: device.id }, 'snapshot stream ended early'));
    request.log.info({ deviceId: device.id, at, after }, 'snapshot started');
    return reply.header('content-type', 'application/x-ndjson').header('content-encoding', 'gzip').header('cache-control', 'no-store').send(gzip);
  });
}
