// Test support: a pseudo-terminal pair made by socat, standing in for the cable between a serial scanner and the
// till, and the scanner's end of it. Used only by tests; every process started here is killed by `stop`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { autoDetect } from '@serialport/bindings-cpp';
import { SerialPortStream } from '@serialport/stream';

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
    }),
  ]);
}

export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  await within(
    new Promise<void>((resolve) => {
      const poll = (): void => {
        if (check()) resolve();
        else setTimeout(poll, 5);
      };
      poll();
    }),
    ms,
    what,
  );
}

export class PtyPair {
  readonly till: string;
  readonly scanner: string;
  private child: ChildProcess | null = null;

  constructor() {
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.till = `/tmp/mortar-scan-a-${tag}`;
    this.scanner = `/tmp/mortar-scan-b-${tag}`;
  }

  /** Starts socat and waits until both links exist. */
  async start(): Promise<void> {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.till}`, `pty,raw,echo=0,link=${this.scanner}`], {
      stdio: 'ignore',
    });
    this.child = child;
    const failed = new Promise<never>((_, reject) => child.once('error', reject));
    await Promise.race([failed, until(() => existsSync(this.till) && existsSync(this.scanner), 5000, 'socat links')]);
  }

  /** Kills socat (the cable is pulled) and waits until it is gone and its links are removed. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await within(
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
      5000,
      'socat exit',
    );
    await until(() => !existsSync(this.till) && !existsSync(this.scanner), 2000, 'socat links removed');
  }
}

/** The scanner's end of the cable: writes bytes as a scanner would. */
export class ScannerEnd {
  private constructor(private readonly port: SerialPortStream) {}

  static async open(path: string): Promise<ScannerEnd> {
    const port = new SerialPortStream({ binding: autoDetect(), path, baudRate: 9600, autoOpen: false });
    port.on('error', () => undefined);
    await within(
      new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve()))),
      3000,
      `open ${path}`,
    );
    return new ScannerEnd(port);
  }

  /** Writes and waits until the bytes have left for the other end. */
  async send(bytes: string | Uint8Array): Promise<void> {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
    await within(
      new Promise<void>((resolve, reject) => {
        this.port.write(data, (err) => (err ? reject(err) : this.port.drain((e) => (e ? reject(e) : resolve()))));
      }),
      3000,
      'write to the pty',
    );
  }

  async close(): Promise<void> {
    if (!this.port.isOpen) return;
    await within(new Promise<void>((resolve) => this.port.close(() => resolve())), 3000, 'close the scanner end');
  }
}
