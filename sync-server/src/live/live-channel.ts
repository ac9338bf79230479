// GET /v1/live (WebSocket): tells an online counter "there is something to pull" and the tenant's head, so
// a sale at one branch reaches another branch's stock view in well under two seconds. Rule: a socket is
// told only of pushes it may pull (its own branch's, or a push carrying published events, visibility.ts),
// and only a device with a valid, unrevoked credential gets a socket. Messages carry no event data: the
// device pulls through /v1/events, where every read is filtered.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { deviceByCredential, type Device } from '../registry/registry.js';
import type { ServerContext } from '../http/context.js';
import { ERROR_STATUS, type ApiError } from '../http/errors.js';
import type { Pushed } from './notifier.js';

export const LIVE_PATH = '/v1/live';
/** Close code sent to a socket whose device was revoked (4000-4999: application codes). */
export const REVOKED_CLOSE = 4003;

export type LiveMessage =
  | { type: 'hello'; deviceId: string; head: number }
  | { type: 'pull'; head: number };

type Client = {
  ws: WebSocket;
  device: Device;
  missed: number;
  /** When the last pull notice went out (ms), and the head held back for the next one. */
  lastToldAt: number;
  pendingHead: number | null;
  timer: NodeJS.Timeout | null;
};

/**
 * `coalesceMs`: a socket gets at most one pull notice per this window; pushes within it fold into one
 * notice carrying the latest head. A notice says only "pull from your cursor", so one late by at most this
 * much loses nothing, keeps a sale well inside the two seconds, and spares a busy tenant's sockets (and the
 * counters behind them) a notice per push.
 */
export type LiveChannelOptions = { heartbeatMs?: number; coalesceMs?: number };

export const DEFAULT_COALESCE_MS = 200;

function refuse(socket: Duplex, error: ApiError): void {
  const status = ERROR_STATUS[error.code];
  const body = JSON.stringify({ ok: false, error });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error'}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function credentialOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export function shouldTell(device: Device, news: Pushed): boolean {
  if (device.tenantId !== news.tenantId || device.id === news.deviceId) return false;
  return news.published || device.branchId === news.branchId || (news.addressedTo ?? []).includes(device.branchId);
}

export function attachLiveChannel(app: FastifyInstance, ctx: ServerContext, options: LiveChannelOptions = {}): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const byTenant = new Map<string, Set<Client>>();
  const send = (c: Client, m: LiveMessage) => {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(m));
  };

  const coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
  const flush = (c: Client) => {
    c.timer = null;
    const head = c.pendingHead;
    c.pendingHead = null;
    if (head === null) return;
    c.lastToldAt = Date.now();
    send(c, { type: 'pull', head });
  };
  const tell = (c: Client, head: number) => {
    c.pendingHead = Math.max(c.pendingHead ?? 0, head);
    if (c.timer) return;
    const since = Date.now() - c.lastToldAt;
    if (since >= coalesceMs) return flush(c);
    c.timer = setTimeout(() => flush(c), coalesceMs - since);
  };

  const unsubscribe = ctx.notifier?.subscribe((news) => {
    for (const c of byTenant.get(news.tenantId) ?? []) if (shouldTell(c.device, news)) tell(c, news.head);
  });

  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    if (path !== LIVE_PATH) return refuse(socket, { code: 'http.notFound', message: 'No such route' });
    const credential = credentialOf(request);
    if (!credential) return refuse(socket, { code: 'auth.missingCredential', message: 'Send the device credential as a Bearer token' });
    deviceByCredential(ctx.db, credential)
      .then(async (device) => {
        if (!device) return refuse(socket, { code: 'auth.invalidCredential', message: 'Unknown device credential' });
        if (device.revoked) return refuse(socket, { code: 'auth.deviceRevoked', message: 'This device has been revoked; enroll it again' });
        const rows = await ctx.db.query<{ last_seq: string | number }>('SELECT last_seq FROM tenants WHERE id = $1', [device.tenantId]);
        wss.handleUpgrade(request, socket, head, (ws) => {
          const client: Client = { ws, device, missed: 0, lastToldAt: 0, pendingHead: null, timer: null };
          const set = byTenant.get(device.tenantId) ?? new Set<Client>();
          set.add(client);
          byTenant.set(device.tenantId, set);
          ctx.metrics.liveConnections(1);
          ws.on('pong', () => {
            client.missed = 0;
          });
          // The channel is one-way; anything a device sends is ignored (and bounded by maxPayload).
          ws.on('message', () => undefined);
          ws.on('error', () => undefined);
          ws.on('close', () => {
            if (client.timer) clearTimeout(client.timer);
            client.timer = null;
            set.delete(client);
            if (set.size === 0) byTenant.delete(device.tenantId);
            ctx.metrics.liveConnections(-1);
          });
          app.log.info({ deviceId: device.id, tenantId: device.tenantId, branchId: device.branchId }, 'live socket opened');
          send(client, { type: 'hello', deviceId: device.id, head: Number(rows[0]?.last_seq ?? 0) });
        });
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'live upgrade failed');
        refuse(socket, { code: 'http.internal', message: 'Internal error' });
      });
  };
  app.server.on('upgrade', upgrade);

  // A counter that vanished without closing (power cut, cable) is found by two missed pongs and dropped; a
  // device revoked on any process loses its socket at the next beat (one query for all sockets here).
  const beat = async () => {
    const all = [...byTenant.values()].flatMap((set) => [...set]);
    for (const c of all) {
      if (c.missed >= 2) {
        c.ws.terminate();
        continue;
      }
      c.missed += 1;
      c.ws.ping();
    }
    if (all.length === 0) return;
    const revoked = await ctx.db.query<{ id: string }>('SELECT id FROM devices WHERE id = ANY($1::uuid[]) AND revoked_at IS NOT NULL', [
      [...new Set(all.map((c) => c.device.id))],
    ]);
    const gone = new Set(revoked.map((r) => r.id));
    for (const c of all) if (gone.has(c.device.id)) c.ws.close(REVOKED_CLOSE, 'device revoked');
  };
  const heartbeat = setInterval(() => {
    beat().catch((error: unknown) => app.log.warn({ err: error }, 'live heartbeat failed'));
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  // Before the HTTP server stops: open sockets would otherwise hold its close for ever. Going-away (1001)
  // tells the counter to reconnect, which the load balancer sends to a live process.
  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    unsubscribe?.();
    app.server.off('upgrade', upgrade);
    const all = [...byTenant.values()].flatMap((set) => [...set]);
    for (const c of all) {
      if (c.timer) clearTimeout(c.timer);
      c.timer = null;
      c.ws.close(1001, 'server shutting down');
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 1000);
      t.unref();
      wss.close(() => {
        clearTimeout(t);
        resolve();
      });
    });
    for (const c of all) c.ws.terminate();
  });
}
