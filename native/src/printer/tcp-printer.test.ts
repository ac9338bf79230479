import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, decodedText, type EscPosCommand } from '../receipt/decode-escpos.js';
import { sampleReceipt } from '../receipt/receipt-sample.js';
import { FakeNetworkPrinter } from './fake-network-printer.js';
import type { PrintQueueEvent } from './print-queue.js';
import type { PrinterConfig } from './printer-config.js';
import { createReceiptPrinter, renderReceiptForPrinter, type ReceiptPrinter } from './receipt-printer.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function config(port: number, overrides: Partial<PrinterConfig> = {}): PrinterConfig {
  return {
    connection: { kind: 'tcp', host: '127.0.0.1', port },
    paperWidthMm: 80,
    codepage: 'cp858',
    drawer: { attached: true },
    cutter: true,
    ...overrides,
  };
}

async function fakePrinter(port?: number): Promise<FakeNetworkPrinter> {
  const fake = await FakeNetworkPrinter.start(port);
  cleanups.push(() => fake.stop());
  return fake;
}

function printerFor(cfg: PrinterConfig): { printer: ReceiptPrinter; events: PrintQueueEvent[] } {
  let n = 0;
  const printer = createReceiptPrinter(cfg, {
    backoff: { initialMs: 40, factor: 2, maxMs: 160 },
    connectTimeoutMs: 1000,
    statusTimeoutMs: 300,
    confirmTimeoutMs: 1000,
    newId: () => `job-${(n += 1)}`,
  });
  const events: PrintQueueEvent[] = [];
  printer.queue.on((e) => events.push(e));
  cleanups.push(() => printer.close());
  return { printer, events };
}

/** Fails the test instead of hanging it when something never happens. */
function within<T>(promise: Promise<T>, ms = 8000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function waitForEvent(events: PrintQueueEvent[], type: PrintQueueEvent['type'], ms = 5000): Promise<PrintQueueEvent> {
  return within(
    new Promise((resolve) => {
      const poll = (): void => {
        const found = events.find((e) => e.type === type);
        if (found) resolve(found);
        else setTimeout(poll, 5);
      };
      poll();
    }),
    ms,
  );
}

const count = (commands: EscPosCommand[], type: EscPosCommand['type']): number => commands.filter((c) => c.type === type).length;

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('a network receipt printer over a real TCP socket', () => {
  it('delivers the rendered receipt byte for byte, with status asked before and after it', async () => {
    const fake = await fakePrinter();
    const cfg = config(fake.port);
    const { printer, events } = printerFor(cfg);
    const model = sampleReceipt();

    const result = await printer.printReceipt(model, { openDrawer: true, jobId: 'sale-1' });
    expect(result).toEqual({ ok: true, value: { jobId: 'sale-1', accepted: true } });
    await within(printer.queue.whenIdle());

    const received = fake.printed();
    const job = renderReceiptForPrinter(model, cfg, { openDrawer: true });
    expect(indexOfBytes(received, job)).toBeGreaterThan(0);
    const commands = decodeEscPos(received);
    const requests = commands.filter((c) => c.type === 'statusRequest').map((c) => (c.type === 'statusRequest' ? c.n : 0));
    expect(requests).toEqual([1, 2, 4, 1, 2, 4]);
    expect(count(commands, 'init')).toBe(1);
    expect(count(commands, 'drawerKick')).toBe(1);
    expect(count(commands, 'cut')).toBe(1);
    expect(commands.find((c) => c.type === 'barcode')).toMatchObject({ symbology: 'CODE128', data: '0104000123' });
    expect(decodedText(commands).some((l) => l.startsWith('Receipt 0104-000123'))).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['queued', 'connected', 'printing', 'printed', 'idle']);
    expect(printer.queue.state).toBe('idle');
  });

  it('sends no drawer kick when no drawer is attached, even when asked, and says so for "no sale"', async () => {
    const fake = await fakePrinter();
    const { printer } = printerFor(config(fake.port, { drawer: { attached: false } }));
    await printer.printReceipt(sampleReceipt(), { openDrawer: true });
    await within(printer.queue.whenIdle());
    expect(count(decodeEscPos(fake.printed()), 'drawerKick')).toBe(0);
    expect(await printer.openDrawer()).toMatchObject({ ok: false, error: { code: 'printer.noDrawer' } });
  });

  it('opens the drawer alone ("no sale") with ESC @ and one kick pulse', async () => {
    const fake = await fakePrinter();
    const { printer } = printerFor(config(fake.port, { drawer: { attached: true, pin: 5 } }));
    await printer.openDrawer();
    await within(printer.queue.whenIdle());
    const commands = decodeEscPos(fake.printed()).filter((c) => c.type !== 'statusRequest');
    expect(commands).toEqual([{ type: 'init' }, { type: 'drawerKick', pin: 5, onMs: 50, offMs: 500, bytes: [0x1b, 0x70, 1, 25, 250] }]);
  });

  it('keeps the job while nothing listens, and prints it exactly once when the printer comes up', async () => {
    const port = await FakeNetworkPrinter.freePort();
    const { printer, events } = printerFor(config(port));
    await printer.printReceipt(sampleReceipt());

    const offline = await waitForEvent(events, 'offline');
    expect(offline).toMatchObject({ type: 'offline', jobId: 'job-1', error: { code: 'printer.connectFailed', details: { cause: 'ECONNREFUSED' } } });
    expect(printer.queue.state).toBe('offline');
    expect((await printer.queue.pendingJobs()).map((j) => j.id)).toEqual(['job-1']);

    const fake = await fakePrinter(port);
    await within(printer.queue.whenIdle());
    expect(events.filter((e) => e.type === 'printed')).toEqual([{ type: 'printed', jobId: 'job-1', attempts: expect.any(Number) }]);
    // Several backoff periods later nothing more has been sent.
    await new Promise((r) => setTimeout(r, 400));
    const commands = decodeEscPos(fake.printed());
    expect(count(commands, 'cut')).toBe(1);
    expect(count(commands, 'barcode')).toBe(1);
    expect(await printer.queue.pendingJobs()).toEqual([]);
  });

  it('sends the job again, whole, when the link drops mid-job, and never once the printer took it', async () => {
    const fake = await fakePrinter();
    // Three status requests (9 bytes), then 60 bytes of the receipt, then the cable is pulled.
    fake.state.dropNextAfterBytes = 9 + 60;
    const { printer, events } = printerFor(config(fake.port));
    await printer.printReceipt(sampleReceipt(), { jobId: 'sale-2' });
    await within(printer.queue.whenIdle());

    expect(events.find((e) => e.type === 'offline')).toMatchObject({ jobId: 'sale-2', error: { code: 'printer.linkLost' } });
    expect(fake.connections[0]).toMatchObject({ dropped: true });
    expect(fake.connections[0]?.bytes).toHaveLength(69);
    const printed = decodeEscPos(fake.printed());
    expect(count(printed, 'init')).toBe(1);
    expect(count(printed, 'cut')).toBe(1);
    expect(events.filter((e) => e.type === 'printed')).toHaveLength(1);

    // The same sale printed again (a double click, a retried request) is refused: it was already taken.
    expect(await printer.printReceipt(sampleReceipt(), { jobId: 'sale-2' })).toEqual({ ok: true, value: { jobId: 'sale-2', accepted: false } });
    const connectionsBefore = fake.connections.length;
    printer.queue.retryNow();
    await new Promise((r) => setTimeout(r, 300));
    expect(count(decodeEscPos(fake.printed()), 'cut')).toBe(1);
    expect(fake.connections.slice(connectionsBefore).every((c) => c.bytes.length === 0)).toBe(true);
  });

  it('holds the job while the printer answers "paper out", tells the UI, and prints it once paper is loaded', async () => {
    const fake = await fakePrinter();
    fake.state.paperOut = true;
    const { printer, events } = printerFor(config(fake.port));
    await printer.printReceipt(sampleReceipt(), { jobId: 'sale-3' });

    const paperOut = await waitForEvent(events, 'paperOut');
    expect(paperOut).toMatchObject({ jobId: 'sale-3', retryInMs: expect.any(Number) });
    expect(printer.queue.state).toBe('paperOut');
    expect(printer.queue.status).toMatchObject({ answered: true, paperOut: true, online: false });
    const [waiting] = await printer.queue.pendingJobs();
    expect(waiting).toMatchObject({ id: 'sale-3', lastError: { code: 'printer.paperOut' } });
    // Only status requests reached the printer: not a byte of the receipt.
    expect(decodeEscPos(fake.printed()).every((c) => c.type === 'statusRequest')).toBe(true);

    fake.state.paperOut = false;
    printer.queue.retryNow();
    await within(printer.queue.whenIdle());
    const commands = decodeEscPos(fake.printed());
    expect(count(commands, 'cut')).toBe(1);
    expect(events.filter((e) => e.type === 'printed')).toEqual([{ type: 'printed', jobId: 'sale-3', attempts: expect.any(Number) }]);
  });

  it('reports an open cover the same way', async () => {
    const fake = await fakePrinter();
    fake.state.coverOpen = true;
    const { printer, events } = printerFor(config(fake.port));
    await printer.printReceipt(sampleReceipt());
    expect(await waitForEvent(events, 'coverOpen')).toMatchObject({ type: 'coverOpen', jobId: 'job-1' });
    expect(printer.queue.state).toBe('coverOpen');
    fake.state.coverOpen = false;
    printer.queue.retryNow();
    await within(printer.queue.whenIdle());
    expect(count(decodeEscPos(fake.printed()), 'cut')).toBe(1);
  });

  it('prints to a printer that never answers status, trusting the completed write', async () => {
    const fake = await fakePrinter();
    fake.state.answersStatus = false;
    const { printer, events } = printerFor(config(fake.port));
    await printer.printReceipt(sampleReceipt());
    await within(printer.queue.whenIdle());
    const commands = decodeEscPos(fake.printed());
    // One unanswered request, and the printer is not asked again for this job.
    expect(commands.filter((c) => c.type === 'statusRequest')).toHaveLength(1);
    expect(count(commands, 'cut')).toBe(1);
    expect(events.some((e) => e.type === 'printed')).toBe(true);
  });

  it('answers a status check outside a job, for the device screen', async () => {
    const fake = await fakePrinter();
    fake.state.paperOut = true;
    const { printer } = printerFor(config(fake.port));
    const status = await within(printer.checkStatus());
    expect(status).toMatchObject({ ok: true, value: { answered: true, paperOut: true, paperNearEnd: true, coverOpen: false } });
    expect(printer.queue.state).toBe('paperOut');
  });

  it('answers a status check with nothing listening as printer.connectFailed, and shows the printer offline', async () => {
    const port = await FakeNetworkPrinter.freePort();
    const { printer } = printerFor(config(port));
    expect(await within(printer.checkStatus())).toMatchObject({ ok: false, error: { code: 'printer.connectFailed' } });
    expect(printer.queue.state).toBe('offline');
  });

  it('prints jobs in the order they were queued', async () => {
    const fake = await fakePrinter();
    const { printer } = printerFor(config(fake.port));
    for (const n of ['0001', '0002', '0003']) await printer.printReceipt(sampleReceipt({ receiptNumber: n, barcode: { symbology: 'CODE128', data: n } }));
    await within(printer.queue.whenIdle());
    const barcodes = decodeEscPos(fake.printed()).flatMap((c) => (c.type === 'barcode' ? [c.data] : []));
    expect(barcodes).toEqual(['0001', '0002', '0003']);
  });
});
