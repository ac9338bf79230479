// Browser mode (`mortar serve`): the same core and the same UI as the desktop app, over HTTP and a WebSocket
// on the loopback interface only. Each WebSocket connection carries its own session, like a window does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConnectionState } from '../api/command-context.js';
import type { Core } from '../core.js';
import { callSchema, type ScanningPush, type ServerMessage } from '../contract.js';
import { pickScanTarget } from '../scanning/scan-target.js';
import { contentSecurityPolicy, readStaticFile } from './static-files.js';

export type BrowserServerOptions = {
  core: Core;
  /** The renderer's built files (renderer/dist). */
  staticDir: string;
  host?: string;
  port?: number;
  log?: (message: string) => void;
  /** The terminal's scanner host: scans go to the one tab being worked in, states to every tab. */
  scanning?: { onPush(listener: (push: ScanningPush) => void): () => void };
};

export type BrowserServer = { url: string; port: number; close(): Promise<void> };

const MAX_MESSAGE_BYTES = 1024 * 1024;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Only pages served by this server may talk to it: a page from anywhere else is refused. */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, port: number): boolean {
  if (host !== undefined) {
    const m = /^(.+):(\d+)$/.exec(host);
    if (!m || !LOOPBACK_HOSTS.has(m[1] ?? '') || Number(m[2]) !== port) return false;
  }
  if (origin === undefined) return true; // not a browser (the CLI, tests): no page to impersonate
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname === '::1' ? '[::1]' : u.hostname) && Number(u.port) === port;
  } catch {
    return false;
  }
}

function send(ws: WebSocket, message: ServerMessage | ScanningPush): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host) && host !== '::1') {
    throw new Error(`Browser mode listens on the loopback interface only, not on ${host}.`);
  }
  if (!existsSync(join(options.staticDir, 'index.html'))) {
    throw new Error(`The user interface has not been built (${options.staticDir} has no index.html). Run: npm run build`);
  }
  let port = options.port ?? 0;
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      if (!isAllowedOrigin(undefined, req.headers.host, port)) {
        res.writeHead(421).end('Misdirected request');
        return;
      }
      const file = await readStaticFile(options.staticDir, req.url ?? '/');
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'content-type': file.type,
        'cache-control': file.cache,
        'content-security-policy': contentSecurityPolicy(`http://${req.headers.host ?? `${host}:${port}`}`),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((e: unknown) => {
      options.log?.(`static file error: ${String(e)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();
  const unsubscribe = options.core.subscribe((notice) => {
    for (const ws of sockets) send(ws, { type: 'change', notice });
  });
  const connections = new Map<WebSocket, ConnectionState>();
  const stopScanning = options.scanning?.onPush((push) => {
    if (push.type !== 'scan') for (const ws of sockets) send(ws, push);
    else {
      const target = pickScanTarget([...connections].map(([ws, state]) => ({ target: ws, state })));
      if (target) send(target, push);
    }
  });

  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/api' || !isAllowedOrigin(req.headers.origin, req.headers.host, port)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const connection = options.core.connect();
      connections.set(ws, connection.state);
      ws.on('message', (data, isBinary) => {
        void (async () => {
          let raw: unknown;
          try {
            raw = JSON.parse(isBinary ? '' : data.toString());
          } catch {
            send(ws, { type: 'result', id: -1, result: { ok: false, error: { code: 'api.badRequest', message: 'The message is not JSON.' } } });
            return;
          }
          const call = callSchema.safeParse(raw);
          if (!call.success) {
            const id = (raw as { id?: unknown } | null)?.id;
            send(ws, {
              type: 'result',
              id: typeof id === 'string' || typeof id === 'number' ? id : -1,
              result: { ok: false, error: { code: 'api.badRequest', message: 'The message is not a call: { id, op, input }.' } },
            });
            return;
          }
          const { id, op, input, override } = call.data;
          const result = await connection.invokeUnknown(op, input, override ? { override } : {});
          send(ws, { type: 'result', id, result });
        })();
      });
      ws.on('close', () => {
        sockets.delete(ws);
        connections.delete(ws);
        connection.state.session = null;
      });
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolveListen());
  });
  port = (http.address() as AddressInfo).port;
  const url = `http://${host === '::1' ? '[::1]' : host}:${port}/`;
  return {
    url,
    port,
    close: async () => {
      unsubscribe();
      stopScanning?.();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
