// A TCP proxy that counts the bytes crossing it in each direction: both systems are measured through the
// same one, so "bytes on the wire" means the same thing for both (HTTP headers and bodies, as sent).
import { createServer, connect, type Server, type Socket } from 'node:net';

export type WireBytes = { toServer: number; toClient: number; connections: number };

export type CountingProxy = {
  url: string;
  /** What crossed since the last `take` (or the start), and start counting afresh. */
  take(): WireBytes;
  close(): Promise<void>;
};

export function startCountingProxy(target: string): Promise<CountingProxy> {
  const { hostname, port } = new URL(target);
  let counts: WireBytes = { toServer: 0, toClient: 0, connections: 0 };
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    counts.connections++;
    const upstream = connect({ host: hostname, port: Number(port) });
    open.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (c: Buffer) => (counts.toServer += c.byteLength));
    upstream.on('data', (c: Buffer) => (counts.toClient += c.byteLength));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      const listening = typeof a === 'object' && a ? a.port : 0;
      resolve({
        url: `http://127.0.0.1:${listening}`,
        take() {
          const out = counts;
          counts = { toServer: 0, toClient: 0, connections: 0 };
          return out;
        },
        close() {
          for (const s of open) s.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
