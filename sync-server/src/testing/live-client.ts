// A minimal live-channel client for tests: collects messages and waits for the next one that matches.
import WebSocket from 'ws';
import type { LiveMessage } from '../live/live-channel.js';

export type LiveClient = {
  messages: LiveMessage[];
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<number>;
  next(match: (m: LiveMessage) => boolean, timeoutMs?: number): Promise<LiveMessage>;
  /** Resolves true if no matching message arrives within `ms`. */
  quiet(match: (m: LiveMessage) => boolean, ms: number): Promise<boolean>;
  close(): Promise<void>;
};

export function connectLive(baseUrl: string, credential: string, options: { ca?: Buffer } = {}): Promise<LiveClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/v1/live`;
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${credential}` }, ...(options.ca ? { ca: options.ca } : {}) });
  const messages: LiveMessage[] = [];
  const waiters = new Set<{ match: (m: LiveMessage) => boolean; resolve: (m: LiveMessage) => void }>();
  let seen = 0;
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as LiveMessage;
    messages.push(m);
    for (const w of [...waiters]) {
      if (w.match(m)) {
        waiters.delete(w);
        w.resolve(m);
      }
    }
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
  const client: LiveClient = {
    messages,
    closed,
    next(match, timeoutMs = 5000) {
      const already = messages.slice(seen).find(match);
      if (already) {
        seen = messages.indexOf(already) + 1;
        return Promise.resolve(already);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no live message within ${timeoutMs} ms`));
        }, timeoutMs);
        const w = {
          match,
          resolve: (m: LiveMessage) => {
            clearTimeout(timer);
            seen = messages.indexOf(m) + 1;
            resolve(m);
          },
        };
        waiters.add(w);
      });
    },
    async quiet(match, ms) {
      const from = messages.length;
      await new Promise((r) => setTimeout(r, ms));
      return !messages.slice(from).some(match);
    },
    close: () =>
      new Promise((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}

/** The HTTP status with which the server refuses a live upgrade, or 101 when it accepts. */
export async function liveUpgradeStatus(baseUrl: string, headers: Record<string, string>, path = '/v1/live'): Promise<number> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, { headers });
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('error', () => resolve(0));
  });
}
