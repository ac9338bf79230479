// A receipt printer on a serial port (RS-232, or a USB adapter that shows up as one), through
// @serialport/stream with the native bindings, the same code path in tests (a socat pseudo-terminal) as in shops.
import { autoDetect } from '@serialport/bindings-cpp';
import { SerialPortStream } from '@serialport/stream';
import { PrinterFailure } from './printer-errors.js';
import { StreamLink } from './stream-link.js';
import type { PrinterTransport } from './transport.js';

export type SerialTransportOptions = {
  path: string;
  baudRate: number;
  /** Hardware flow control; most serial receipt printers use it (or DTR/DSR, which the port's defaults cover). */
  rtscts?: boolean;
  /** How long opening the port may take (default 3 s). */
  openTimeoutMs?: number;
};

export function createSerialTransport(options: SerialTransportOptions): PrinterTransport {
  const description = options.path;
  const openTimeoutMs = options.openTimeoutMs ?? 3000;
  let port: SerialPortStream | null = null;
  let link: StreamLink | null = null;

  const requireLink = (): StreamLink => {
    if (!link) throw new PrinterFailure('printer.notOpen', `The serial port ${description} is not open.`);
    return link;
  };

  return {
    description,
    get isOpen(): boolean {
      return (link?.isAlive ?? false) && (port?.isOpen ?? false);
    },

    open(): Promise<void> {
      if (link?.isAlive && port?.isOpen) return Promise.resolve();
      return new Promise((resolve, reject) => {
        let p: SerialPortStream;
        try {
          p = new SerialPortStream({
            binding: autoDetect(),
            path: options.path,
            baudRate: options.baudRate,
            rtscts: options.rtscts ?? false,
            autoOpen: false,
          });
        } catch (error: unknown) {
          reject(new PrinterFailure('printer.connectFailed', `Cannot open ${description}: ${String(error)}`));
          return;
        }
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          reject(new PrinterFailure('printer.connectTimeout', `Opening ${description} took over ${openTimeoutMs} ms.`));
        }, openTimeoutMs);
        p.open((err) => {
          clearTimeout(timer);
          if (timedOut) {
            // Opened after we gave up: release it, the next attempt opens it afresh.
            if (!err) p.close();
            return;
          }
          if (err) {
            reject(new PrinterFailure('printer.connectFailed', `Cannot open ${description}: ${err.message}`));
            return;
          }
          port = p;
          link = new StreamLink(p, description);
          resolve();
        });
      });
    },

    async write(bytes: Uint8Array): Promise<void> {
      const l = requireLink();
      await l.write(bytes);
      // The stream's callback only means the bytes reached the driver; tcdrain waits until they left the port.
      const p = port;
      if (!p) throw new PrinterFailure('printer.linkLost', `The serial port ${description} was closed.`);
      await new Promise<void>((resolve, reject) => {
        p.drain((err) => (err ? reject(new PrinterFailure('printer.writeFailed', err.message)) : resolve()));
      });
    },

    request(bytes: Uint8Array, replyLength: number, timeoutMs: number): Promise<Uint8Array | null> {
      return requireLink().request(bytes, replyLength, timeoutMs);
    },

    close(): Promise<void> {
      const p = port;
      port = null;
      link = null;
      if (!p || !p.isOpen) return Promise.resolve();
      return new Promise((resolve) => {
        p.close(() => resolve());
      });
    },
  };
}
