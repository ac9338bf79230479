import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { autoDetect } from '@serialport/bindings-cpp';
import { SerialPortStream } from '@serialport/stream';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, decodedText } from '../receipt/decode-escpos.js';
import { renderEscPos } from '../receipt/render-escpos.js';
import { sampleReceipt } from '../receipt/receipt-sample.js';
import type { PrintQueueEvent } from './print-queue.js';
import { createReceiptPrinter, renderReceiptForPrinter } from './receipt-printer.js';
import type { PrinterConfig } from './printer-config.js';
import { createSerialTransport } from './serial-transport.js';

const cleanups: (() => Promise<void> | void)[] = [];
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

function ptyPaths(): { a: string; b: string } {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return { a: `/tmp/mortar-a-${tag}`, b: `/tmp/mortar-b-${tag}` };
}

/** A pseudo-terminal pair made by socat: what is written to one end is read at the other, as over a cable. */
async function startPtyPair(paths: { a: string; b: string }): Promise<void> {
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${paths.a}`, `pty,raw,echo=0,link=${paths.b}`], {
    stdio: 'ignore',
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  await within(
    new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      const poll = (): void => {
        if (existsSync(paths.a) && existsSync(paths.b)) resolve();
        else setTimeout(poll, 10);
      };
      poll();
    }),
    5000,
  );
}

/** The printer's end of the cable: keeps what it reads and, if asked to, answers DLE EOT as a printer does. */
async function openDeviceEnd(path: string, answersStatus: boolean): Promise<{ bytes: number[] }> {
  const port = new SerialPortStream({ binding: autoDetect(), path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  cleanups.push(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  const device = { bytes: [] as number[] };
  let scanned = 0;
  port.on('data', (chunk: Buffer) => {
    device.bytes.push(...chunk);
    while (scanned + 2 < device.bytes.length) {
      if (device.bytes[scanned] === 0x10 && device.bytes[scanned + 1] === 0x04) {
        if (answersStatus) port.write(Buffer.of(0x12));
        scanned += 3;
      } else scanned += 1;
    }
  });
  return device;
}

function untilCut(device: { bytes: number[] }, cuts = 1): Promise<void> {
  return within(
    new Promise((resolve) => {
      const poll = (): void => {
        const seen = decodeEscPos(device.bytes).filter((c) => c.type === 'cut').length;
        if (seen >= cuts) resolve();
        else setTimeout(poll, 10);
      };
      poll();
    }),
  );
}

function serialConfig(path: string): PrinterConfig {
  return {
    connection: { kind: 'serial', path, baudRate: 19200 },
    paperWidthMm: 58,
    codepage: 'cp858',
    drawer: { attached: true },
    cutter: true,
  };
}

describe('a serial receipt printer through a real pseudo-terminal', () => {
  it('carries the rendered receipt unchanged from one end of the pty to the other', async () => {
    const paths = ptyPaths();
    await startPtyPair(paths);
    const device = await openDeviceEnd(paths.b, false);
    const transport = createSerialTransport({ path: paths.a, baudRate: 19200 });
    cleanups.push(() => transport.close());

    await transport.open();
    const bytes = renderEscPos(sampleReceipt({ paperWidthMm: 58 }), { openDrawer: true });
    await transport.write(bytes);
    await untilCut(device);

    expect(Uint8Array.from(device.bytes)).toEqual(bytes);
    const commands = decodeEscPos(device.bytes);
    expect(commands.filter((c) => c.type === 'drawerKick')).toHaveLength(1);
    expect(commands.find((c) => c.type === 'barcode')).toMatchObject({ data: '0104000123' });
    expect(decodedText(commands)).toContain('Merci de votre visite !');
  });

  it('prints through the queue, with the status answered by the device at the other end', async () => {
    const paths = ptyPaths();
    await startPtyPair(paths);
    const device = await openDeviceEnd(paths.b, true);
    const cfg = serialConfig(paths.a);
    const printer = createReceiptPrinter(cfg, { backoff: { initialMs: 40, maxMs: 160 }, statusTimeoutMs: 500 });
    cleanups.push(() => printer.close());
    const events: PrintQueueEvent[] = [];
    printer.queue.on((e) => events.push(e));

    await printer.printReceipt(sampleReceipt(), { openDrawer: true });
    await within(printer.queue.whenIdle());
    await untilCut(device);

    const commands = decodeEscPos(device.bytes);
    expect(commands.filter((c) => c.type === 'statusRequest').map((c) => (c.type === 'statusRequest' ? c.n : 0))).toEqual([1, 2, 4, 1, 2, 4]);
    const job = renderReceiptForPrinter(sampleReceipt(), cfg, { openDrawer: true });
    expect(Buffer.from(Uint8Array.from(device.bytes)).includes(Buffer.from(job))).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['queued', 'connected', 'printing', 'printed', 'idle']);
  });

  it('keeps the job while the serial device is missing, and prints it once it appears', async () => {
    const paths = ptyPaths();
    const printer = createReceiptPrinter(serialConfig(paths.a), { backoff: { initialMs: 40, factor: 2, maxMs: 160 }, statusTimeoutMs: 300 });
    cleanups.push(() => printer.close());
    const events: PrintQueueEvent[] = [];
    printer.queue.on((e) => events.push(e));

    await printer.printReceipt(sampleReceipt(), { jobId: 'sale-9' });
    await within(
      new Promise<void>((resolve) => {
        const poll = (): void => (events.some((e) => e.type === 'offline') ? resolve() : void setTimeout(poll, 5));
        poll();
      }),
    );
    expect(events.find((e) => e.type === 'offline')).toMatchObject({ jobId: 'sale-9', error: { code: 'printer.connectFailed' } });

    await startPtyPair(paths);
    const device = await openDeviceEnd(paths.b, true);
    await within(printer.queue.whenIdle());
    await untilCut(device);
    expect(decodeEscPos(device.bytes).filter((c) => c.type === 'cut')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'printed')).toEqual([{ type: 'printed', jobId: 'sale-9', attempts: expect.any(Number) }]);
  });
});
