// A stand-in for a network receipt printer on 127.0.0.1, for tests and for trying the till without hardware: a
// real TCP server that keeps every byte it receives and answers DLE EOT status requests from a state that can be
// changed (paper out, cover open), or stays silent, or drops a connection part-way through a job.
import net from 'node:net';

export type FakePrinterState = {
  paperOut: boolean;
  coverOpen: boolean;
  /** Answer DLE EOT requests (real printers do; some clones do not). */
  answersStatus: boolean;
  /** Drop the next connection once it has received this many bytes (a cable pulled mid-job). */
  dropNextAfterBytes: number | null;
};

export type FakeConnection = { bytes: number[]; dropped: boolean; ended: boolean };

export class FakeNetworkPrinter {
  readonly connections: FakeConnection[] = [];
  readonly state: FakePrinterState = { paperOut: false, coverOpen: false, answersStatus: true, dropNextAfterBytes: null };
  private readonly sockets = new Set<net.Socket>();
  private changeWaiters = new Set<() => void>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1, on `port` or on a free port the system picks. */
  static start(port = 0): Promise<FakeNetworkPrinter> {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        if (!address || typeof address === 'string') {
          reject(new Error('no TCP address'));
          return;
        }
        const printer = new FakeNetworkPrinter(server, address.port);
        server.on('connection', (socket) => printer.accept(socket));
        resolve(printer);
      });
    });
  }

  /** A port that was free a moment ago, for a printer that is started later. */
  static async freePort(): Promise<number> {
    const probe = await FakeNetworkPrinter.start();
    const port = probe.port;
    await probe.stop();
    return port;
  }

  private statusByte(n: number): number {
    const { paperOut, coverOpen } = this.state;
    switch (n) {
      case 1:
        return 0x12 | (paperOut || coverOpen ? 0x08 : 0);
      case 2:
        return 0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0);
      case 4:
        return 0x12 | (paperOut ? 0x6c : 0);
      default:
        return 0x12;
    }
  }

  private accept(socket: net.Socket): void {
    const connection: FakeConnection = { bytes: [], dropped: false, ended: false };
    this.connections.push(connection);
    this.sockets.add(socket);
    const dropAfter = this.state.dropNextAfterBytes;
    let scanned = 0;
    this.state.dropNextAfterBytes = null;
    socket.on('data', (chunk: Buffer) => {
      if (connection.dropped) return;
      for (const b of chunk) connection.bytes.push(b);
      if (dropAfter !== null && connection.bytes.length >= dropAfter) {
        connection.bytes.length = dropAfter;
        connection.dropped = true;
        socket.destroy();
        this.changed();
        return;
      }
      // DLE EOT n is answered as soon as it arrives, wherever it sits in the stream, as a printer does.
      const bytes = connection.bytes;
      while (scanned + 2 < bytes.length) {
        if (bytes[scanned] === 0x10 && bytes[scanned + 1] === 0x04) {
          if (this.state.answersStatus) socket.write(Uint8Array.of(this.statusByte(bytes[scanned + 2]!)));
          scanned += 3;
        } else scanned += 1;
      }
      this.changed();
    });
    socket.on('end', () => {
      connection.ended = true;
      this.changed();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.changed();
    });
  }

  private changed(): void {
    for (const w of [...this.changeWaiters]) w();
  }

  /** Bytes of the connections that were not dropped, in order: what the printer printed. */
  printed(): Uint8Array {
    return Uint8Array.from(this.connections.filter((c) => !c.dropped).flatMap((c) => c.bytes));
  }

  /** Waits until `check` holds (re-checked on every byte or connection change), at most `timeoutMs`. */
  waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const test = (): void => {
        if (check()) {
          clearTimeout(timer);
          this.changeWaiters.delete(test);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.changeWaiters.delete(test);
        reject(new Error(`fake printer: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      this.changeWaiters.add(test);
      test();
    });
  }

  stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
