// The byte link to a printer, over any Node duplex stream (a TCP socket, a serial port). It writes with
// backpressure, collects what the printer sends back for status replies, and turns a link that closes or
// fails into a rejected operation instead of a silent stall, so the queue knows a job was not delivered.
import type { Duplex } from 'node:stream';
import { PrinterFailure } from './printer-errors.js';

const chunkSize = 4096;

export class StreamLink {
  private inbound: number[] = [];
  private lost: PrinterFailure | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly stream: Duplex,
    private readonly name: string,
  ) {
    stream.on('data', (chunk: Buffer) => {
      for (const b of chunk) this.inbound.push(b);
      this.wake();
    });
    const onLost = (reason: string) => (err?: unknown) => {
      if (!this.lost) {
        const cause = err instanceof Error ? err.message : reason;
        this.lost = new PrinterFailure('printer.linkLost', `The link to ${name} was lost: ${cause}`, { reason });
      }
      this.wake();
    };
    stream.on('error', onLost('error'));
    stream.on('end', onLost('closed by the printer'));
    stream.on('close', onLost('closed'));
  }

  get isAlive(): boolean {
    return this.lost === null && !this.stream.destroyed;
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `ready()` is true, rejects when the link is lost or the time is up (`null` when timed out). */
  private waitFor(ready: () => boolean, timeoutMs: number | null): Promise<boolean> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const check = (): void => {
        if (ready()) finish(() => resolve(true));
        else if (this.lost) {
          const lost = this.lost;
          finish(() => reject(lost));
        }
      };
      const finish = (settle: () => void): void => {
        this.waiters.delete(check);
        if (timer) clearTimeout(timer);
        settle();
      };
      this.waiters.add(check);
      if (timeoutMs !== null) timer = setTimeout(() => finish(() => resolve(false)), timeoutMs);
      check();
    });
  }

  /**
   * Writes every byte, waiting for 'drain' whenever the stream's buffer is full, and resolves once the last
   * chunk was handed to the operating system. Rejects if the link fails on the way.
   */
  async write(bytes: Uint8Array): Promise<void> {
    for (let offset = 0; offset < bytes.length; offset += chunkSize) {
      if (this.lost) throw this.lost;
      const chunk = Buffer.from(bytes.subarray(offset, offset + chunkSize));
      const last = offset + chunkSize >= bytes.length;
      let flushed = false;
      let failed: Error | null = null;
      const accepted = this.stream.write(chunk, (err) => {
        flushed = true;
        if (err) failed = err;
        this.wake();
      });
      if (!accepted && !last) {
        let drained = false;
        const onDrain = (): void => {
          drained = true;
          this.wake();
        };
        this.stream.once('drain', onDrain);
        try {
          await this.waitFor(() => drained, null);
        } finally {
          this.stream.off('drain', onDrain);
        }
      }
      if (last) await this.waitFor(() => flushed, null);
      if (failed) throw new PrinterFailure('printer.writeFailed', `Writing to ${this.name} failed: ${(failed as Error).message}`);
    }
    if (this.lost) throw this.lost;
  }

  /**
   * Sends a request and waits for `replyLength` bytes. Bytes that arrived before the request (a late answer
   * to an earlier request) are discarded first. Resolves `null` when the printer does not answer in time.
   */
  async request(bytes: Uint8Array, replyLength: number, timeoutMs: number): Promise<Uint8Array | null> {
    this.inbound = [];
    await this.write(bytes);
    const answered = await this.waitFor(() => this.inbound.length >= replyLength, timeoutMs);
    if (!answered) return null;
    const reply = Uint8Array.from(this.inbound.slice(0, replyLength));
    this.inbound = this.inbound.slice(replyLength);
    return reply;
  }
}
