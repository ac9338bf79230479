// An async iterator over scans that never drops one: scans that arrive while the consumer is busy wait in order
// until it asks for the next. It ends when its owner closes it or the caller's signal aborts.
import type { ScanEvent } from './scan-event.js';

export class ScanStream implements AsyncIterableIterator<ScanEvent> {
  private readonly buffered: ScanEvent[] = [];
  private readonly waiting: ((result: IteratorResult<ScanEvent, undefined>) => void)[] = [];
  private done = false;

  constructor(private readonly onEnd: () => void) {}

  push(scan: ScanEvent): void {
    if (this.done) return;
    const next = this.waiting.shift();
    if (next) next({ value: scan, done: false });
    else this.buffered.push(scan);
  }

  /** Ends the stream; scans already buffered are still handed out first. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.onEnd();
    for (const waiter of this.waiting.splice(0)) waiter({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<ScanEvent, undefined>> {
    const scan = this.buffered.shift();
    if (scan) return Promise.resolve({ value: scan, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<ScanEvent, undefined>> {
    this.buffered.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ScanEvent> {
    return this;
  }
}
