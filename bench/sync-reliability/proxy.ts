// A fault-injecting HTTP/1.1 proxy over node:net, one per counter, between the counter and the sync server.
// It reads one whole request per connection (and forwards it with `connection: close`, so every request is a
// fresh connection to fault), then drops it, delays it, sends it twice, replays it late (after newer requests
// of the same counter went through: reordering), cuts it mid-body on the way to the server, or cuts the
// server's answer mid-body on the way back (every fifth request takes the next kind in turn, the others are
// drawn by weight). Offline, it refuses every connection. A WebSocket upgrade (the
// live channel) is passed on and faulted as live-proxy.ts says.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { emptyLiveStats, isUpgrade, LIVE_FAULTS, passUpgrade, type LiveStats } from './live-proxy.js';

export type Fault = 'none' | 'drop' | 'delay' | 'duplicate' | 'reorder' | 'cutRequest' | 'cutResponse';

export type FaultWeights = Record<Exclude<Fault, 'none'>, number>;

export type ProxyStats = Record<Fault | 'offlineRefused' | 'requests', number>;

export type ProxyMode = 'clean' | 'faulty' | 'offline';

export type FaultProxy = {
  readonly port: number;
  readonly stats: ProxyStats;
  readonly live: LiveStats;
  /** Setting 'offline' also cuts every open live socket. */
  mode: ProxyMode;
  /** Cuts every open live socket now, whatever the mode; answers how many. */
  cutLive(): number;
  close(): Promise<void>;
};

const HEAD_END = Buffer.from('\r\n\r\n');

function emptyStats(): ProxyStats {
  return { requests: 0, none: 0, drop: 0, delay: 0, duplicate: 0, reorder: 0, cutRequest: 0, cutResponse: 0, offlineRefused: 0 };
}

/** The request with `connection: close` in place of whatever the client asked for. */
function closing(head: string): string {
  const lines = head.split('\r\n').filter((l) => !/^(connection|keep-alive):/i.test(l));
  return [...lines, 'connection: close'].join('\r\n');
}

type Request = { head: Buffer; body: Buffer; upgrade: Buffer | null };

/** Reads one request (head and Content-Length body); null when the client went away first. */
function readRequest(socket: Socket): Promise<Request | null> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    let done = false;
    const finish = (value: Request | null) => {
      if (done) return;
      done = true;
      socket.off('data', onData);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf(HEAD_END);
      if (end < 0) return;
      const headText = buffered.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(headText)?.[1] ?? 0);
      const body = buffered.subarray(end + 4);
      if (body.length < length) return;
      const upgrade = isUpgrade(headText) ? buffered.subarray(0, end + 4) : null;
      finish({ head: Buffer.from(`${closing(headText)}\r\n\r\n`, 'latin1'), body: body.subarray(0, length), upgrade });
    };
    socket.on('data', onData);
    socket.once('close', () => finish(null));
    socket.once('error', () => finish(null));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startFaultProxy(options: {
  target: () => number;
  weights: FaultWeights;
  /** Where this proxy starts in the rotations of faults (so that proxies differ). */
  faultOffset: number;
  random: () => number;
}): Promise<FaultProxy> {
  const stats = emptyStats();
  const liveStats = emptyLiveStats();
  const openLive = new Set<Socket>();
  let mode: ProxyMode = 'clean';
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    return s;
  };
  const upstream = () => track(connect(options.target(), '127.0.0.1'));

  let faultyRequests = 0;
  const pick = (): Fault => {
    const entries = Object.entries(options.weights) as [Exclude<Fault, 'none'>, number][];
    // Every fifth request takes the next kind in turn, so a short run (few requests) still has every kind.
    const turn = faultyRequests++;
    if (turn % 5 === 0) return entries[(options.faultOffset + turn / 5) % entries.length]?.[0] ?? 'none';
    let r = options.random();
    for (const [fault, weight] of entries) {
      if (r < weight) return fault;
      r -= weight;
    }
    return 'none';
  };

  /** Sends the request and discards the answer: the replay a duplicate or reordered packet would cause. */
  const replay = (req: Request) => {
    const up = upstream();
    up.on('data', () => undefined);
    up.write(Buffer.concat([req.head, req.body]));
  };

  /** Sends the request and passes the answer back, cutting it after `cutAfter` bytes when given. */
  const forward = (client: Socket, req: Request, cutAfter: number | null) => {
    const up = upstream();
    let sent = 0;
    up.on('data', (chunk: Buffer) => {
      if (cutAfter !== null && sent + chunk.length >= cutAfter) {
        client.write(chunk.subarray(0, Math.max(0, cutAfter - sent)));
        client.destroy();
        up.destroy();
        return;
      }
      sent += chunk.length;
      client.write(chunk);
    });
    up.once('end', () => client.end());
    up.once('error', () => client.destroy());
    up.once('close', () => client.destroy());
    client.once('close', () => up.destroy());
    up.write(Buffer.concat([req.head, req.body]));
  };

  let liveFaults = options.faultOffset;
  const live = {
    stats: liveStats,
    nextFault: () => LIVE_FAULTS[liveFaults++ % LIVE_FAULTS.length] ?? 'cut',
    random: options.random,
    faulty: () => mode === 'faulty',
    upstream,
    open: openLive,
    refuseUntil: { at: 0 },
  };

  const proxy: FaultProxy = {
    port: 0,
    stats,
    live: liveStats,
    get mode() {
      return mode;
    },
    set mode(next: ProxyMode) {
      if (next === 'offline' && mode !== 'offline') {
        liveStats.cutOffline += openLive.size;
        for (const s of openLive) s.destroy();
        openLive.clear();
      }
      mode = next;
    },
    cutLive() {
      const n = openLive.size;
      liveStats.cutOnPurpose += n;
      for (const s of openLive) s.destroy();
      openLive.clear();
      return n;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const server: Server = createServer((raw) => {
    const client = track(raw);
    if (proxy.mode === 'offline') {
      stats.offlineRefused++;
      client.destroy();
      return;
    }
    void (async () => {
      const req = await readRequest(client);
      if (!req) return;
      if (req.upgrade) return passUpgrade(client, req.upgrade, live);
      stats.requests++;
      const fault = proxy.mode === 'faulty' ? pick() : 'none';
      stats[fault]++;
      switch (fault) {
        case 'drop':
          client.destroy();
          return;
        case 'cutRequest': {
          // The server gets the head and part of the body, then the connection dies.
          const up = upstream();
          up.on('data', () => undefined);
          const part = Math.floor(req.body.length * options.random());
          up.write(Buffer.concat([req.head, req.body.subarray(0, part)]), () => {
            up.destroy();
            client.destroy();
          });
          return;
        }
        case 'delay':
          await sleep(50 + Math.floor(options.random() * 1500));
          forward(client, req, null);
          return;
        case 'duplicate':
          replay(req);
          forward(client, req, null);
          return;
        case 'reorder':
          forward(client, req, null);
          // The copy arrives after later requests of this counter: an old push or pull out of order.
          setTimeout(() => replay(req), 500 + Math.floor(options.random() * 3000)).unref();
          return;
        case 'cutResponse':
          // The server does the work; the answer dies mid-body, so the counter must retry what succeeded.
          forward(client, req, 20 + Math.floor(options.random() * 200));
          return;
        case 'none':
          forward(client, req, null);
          return;
      }
    })();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      Object.assign(proxy, { port: typeof a === 'object' && a ? a.port : 0 });
      resolve(proxy);
    });
  });
}
