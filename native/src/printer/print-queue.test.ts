import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../receipt/decode-escpos.js';
import { renderEscPos } from '../receipt/render-escpos.js';
import { sampleReceipt } from '../receipt/receipt-sample.js';
import { FakeNetworkPrinter } from './fake-network-printer.js';
import { MemoryPrintJobStore, type PrintJob } from './print-job-store.js';
import { backoffDelay, PrintQueue, type PrintQueueEvent } from './print-queue.js';
import { createTcpTransport } from './tcp-transport.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function within<T>(promise: Promise<T>, ms = 8000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const job = (id: string): PrintJob => ({ id, bytes: Uint8Array.of(0x1b, 0x40), label: id, createdAt: 0, attempts: 0 });

describe('backoff', () => {
  it('doubles from the initial wait up to the cap', () => {
    const b = { initialMs: 1000, factor: 2, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(b, n))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
});

describe('the in-memory job store', () => {
  it('keeps jobs in queue order and refuses an id it already has, pending or printed', () => {
    const store = new MemoryPrintJobStore();
    expect(store.add(job('a'))).toBe(true);
    expect(store.add(job('b'))).toBe(true);
    expect(store.add(job('a'))).toBe(false);
    expect(store.pending().map((j) => j.id)).toEqual(['a', 'b']);
    store.markPrinted('a', 1);
    expect(store.add(job('a'))).toBe(false);
    expect(store.pending().map((j) => j.id)).toEqual(['b']);
  });

  it('counts failed attempts with the last error', () => {
    const store = new MemoryPrintJobStore();
    store.add(job('a'));
    store.recordFailure('a', { code: 'printer.paperOut', message: 'out' }, 1);
    store.recordFailure('a', { code: 'printer.linkLost', message: 'lost' }, 2);
    expect(store.pending()[0]).toMatchObject({ attempts: 2, lastError: { code: 'printer.linkLost' } });
  });
});

describe('the print queue', () => {
  async function setUp(store = new MemoryPrintJobStore()): Promise<{ fake: FakeNetworkPrinter; queue: PrintQueue; events: PrintQueueEvent[] }> {
    const fake = await FakeNetworkPrinter.start();
    const queue = new PrintQueue({
      transport: createTcpTransport({ host: '127.0.0.1', port: fake.port, connectTimeoutMs: 1000 }),
      store,
      backoff: { initialMs: 40, factor: 2, maxMs: 160 },
      statusTimeoutMs: 300,
    });
    const events: PrintQueueEvent[] = [];
    queue.on((e) => events.push(e));
    cleanups.push(() => fake.stop(), () => queue.close());
    return { fake, queue, events };
  }

  it('never sends a job again when the printer took it but the store failed to record that', async () => {
    const store = new MemoryPrintJobStore();
    let failOnce = true;
    const markPrinted = store.markPrinted.bind(store);
    store.markPrinted = (id: string, at: number): void => {
      if (failOnce) {
        failOnce = false;
        throw new Error('disk full');
      }
      markPrinted(id, at);
    };
    const { fake, queue, events } = await setUp(store);
    await queue.enqueue(renderEscPos(sampleReceipt()), { id: 'sale-1' });
    await within(queue.whenIdle());
    expect(events.find((e) => e.type === 'error')).toMatchObject({ jobId: 'sale-1', error: { code: 'printer.storeFailed', message: 'disk full' } });
    expect(decodeEscPos(fake.printed()).filter((c) => c.type === 'cut')).toHaveLength(1);
    expect(store.wasPrinted('sale-1')).toBe(true);
  });

  it('starts on jobs a store kept from before a restart', async () => {
    const store = new MemoryPrintJobStore();
    store.add({ ...job('kept'), bytes: renderEscPos(sampleReceipt()) });
    const { fake, queue } = await setUp(store);
    queue.start();
    await within(queue.whenIdle());
    expect(decodeEscPos(fake.printed()).filter((c) => c.type === 'cut')).toHaveLength(1);
  });

  it('cancels a waiting job so that it is never sent', async () => {
    const { fake, queue, events } = await setUp();
    fake.state.paperOut = true;
    await queue.enqueue(renderEscPos(sampleReceipt()), { id: 'sale-2' });
    await within(new Promise<void>((resolve) => {
      const poll = (): void => (events.some((e) => e.type === 'paperOut') ? resolve() : void setTimeout(poll, 5));
      poll();
    }));
    expect(await queue.cancel('sale-2')).toBe(true);
    fake.state.paperOut = false;
    queue.retryNow();
    await within(queue.whenIdle());
    expect(decodeEscPos(fake.printed()).filter((c) => c.type === 'cut')).toHaveLength(0);
  });

  it('refuses jobs once closed, with a stable error code', async () => {
    const { queue } = await setUp();
    await queue.close();
    expect(await queue.enqueue(Uint8Array.of(0x1b, 0x40))).toEqual({ ok: false, error: { code: 'printer.queueClosed', message: 'The print queue is closed.' } });
    expect(queue.state).toBe('closed');
  });

  it('keeps printing when an event listener throws', async () => {
    const { fake, queue } = await setUp();
    queue.on(() => {
      throw new Error('window closed');
    });
    await queue.enqueue(renderEscPos(sampleReceipt()));
    await within(queue.whenIdle());
    expect(decodeEscPos(fake.printed()).filter((c) => c.type === 'cut')).toHaveLength(1);
  });
});
