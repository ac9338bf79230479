// A network receipt printer on its raw port (9100): the bytes go straight to the printer over a TCP socket,
// and it answers DLE EOT status requests on the same socket.
import net from 'node:net';
import { PrinterFailure } from './printer-errors.js';
import { StreamLink } from './stream-link.js';
import type { PrinterTransport } from './transport.js';

export type TcpTransportOptions = {
  host: string;
  port: number;
  /** How long a connection attempt may take before the printer counts as offline (default 3 s). */
  connectTimeoutMs?: number;
  /** How long a graceful close may take before the socket is destroyed (default 1 s). */
  closeTimeoutMs?: number;
};

export function createTcpTransport(options: TcpTransportOptions): PrinterTransport {
  const description = `${options.host}:${options.port}`;
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 1000;
  let socket: net.Socket | null = null;
  let link: StreamLink | null = null;

  const requireLink = (): StreamLink => {
    if (!link) throw new PrinterFailure('printer.notOpen', `The link to ${description} is not open.`);
    return link;
  };

  return {
    description,
    get isOpen(): boolean {
      return link?.isAlive ?? false;
    },

    open(): Promise<void> {
      if (link?.isAlive) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const s = net.createConnection({ host: options.host, port: options.port });
        const timer = setTimeout(() => {
          s.destroy();
          reject(new PrinterFailure('printer.connectTimeout', `No answer from ${description} within ${connectTimeoutMs} ms.`));
        }, connectTimeoutMs);
        const onError = (err: Error): void => {
          clearTimeout(timer);
          s.destroy();
          const cause = (err as { code?: unknown }).code;
          reject(
            new PrinterFailure('printer.connectFailed', `Cannot connect to ${description}: ${err.message}`, {
              ...(typeof cause === 'string' ? { cause } : {}),
            }),
          );
        };
        s.once('error', onError);
        s.once('connect', () => {
          clearTimeout(timer);
          s.off('error', onError);
          // Receipts are small and the status requests want their answer now, not after Nagle's delay.
          s.setNoDelay(true);
          s.setKeepAlive(true, 10_000);
          socket = s;
          link = new StreamLink(s, description);
          resolve();
        });
      });
    },

    write(bytes: Uint8Array): Promise<void> {
      return requireLink().write(bytes);
    },

    request(bytes: Uint8Array, replyLength: number, timeoutMs: number): Promise<Uint8Array | null> {
      return requireLink().request(bytes, replyLength, timeoutMs);
    },

    close(): Promise<void> {
      const s = socket;
      socket = null;
      link = null;
      if (!s || s.destroyed) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => s.destroy(), closeTimeoutMs);
        s.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        s.end();
      });
    },
  };
}
