// The live channel: while online, the sync server says "there is something to pull" over a WebSocket
// (GET /v1/live), so another branch's sale reaches this counter's stock view in about a second instead of
// at the next polling round. The socket carries no event data; every read still goes through the pull.
// When the socket drops, polling goes on and the socket is opened again after a jittered backoff.
import WebSocket from 'ws';
import { backoffDelay, type BackoffPolicy } from './sync-loop.js';

export type LiveOptions = {
  serverUrl: string;
  credential: string;
  /** Called when the server has news this device may pull (and once after every (re)connection). */
  onNews: () => void;
  backoff?: BackoffPolicy;
  random?: () => number;
  log?: (message: string) => void;
};

export type LiveChannel = { readonly connected: boolean; close(): void };

export function liveUrl(serverUrl: string): string {
  const url = new URL('v1/live', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * Reopening is cheap (one credential lookup) and the socket is what keeps another branch's sale within two
 * seconds, so the wait stays short: with a one-minute ceiling a flaky minute left the socket closed for most
 * of a minute after the network was back (the reliability run measured 45 s), while the first retries after
 * a server restart are spread over a second whatever the ceiling.
 */
export const LIVE_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 10_000 };

export function openLiveChannel(o: LiveOptions): LiveChannel {
  const policy = o.backoff ?? LIVE_BACKOFF;
  const random = o.random ?? Math.random;
  let socket: WebSocket | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let closed = false;
  let connected = false;

  const connect = () => {
    if (closed) return;
    const ws = new WebSocket(liveUrl(o.serverUrl), { headers: { authorization: `Bearer ${o.credential}` }, handshakeTimeout: 10_000 });
    socket = ws;
    ws.on('open', () => {
      connected = true;
      failures = 0;
    });
    ws.on('message', (data: WebSocket.RawData) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      const type = (message as { type?: unknown }).type;
      // 'hello' too: what was pushed while this socket was down is pulled at once.
      if (type === 'pull' || type === 'hello') o.onNews();
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      connected = false;
      if (socket === ws) socket = null;
      if (closed) return;
      failures++;
      timer = setTimeout(connect, Math.max(250, backoffDelay(failures, policy, random)));
      timer.unref();
    });
  };
  connect();
  return {
    get connected() {
      return connected;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.terminate();
      socket = null;
    },
  };
}
