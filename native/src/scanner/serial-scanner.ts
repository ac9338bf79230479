// A barcode scanner on a serial port (RS-232, or USB in serial emulation), through @serialport/stream with the
// native bindings: the same code path in tests (a socat pseudo-terminal) as at the till. It frames bytes into
// scans, and when the port goes away it reports so and reopens it by itself with backoff.
import { autoDetect } from '@serialport/bindings-cpp';
import { SerialPortStream } from '@serialport/stream';
import { resolveBackoff, scannerRetryDelay, type ScannerBackoff } from './reconnect.js';
import type { ScanDiscard, ScannerError, ScannerState } from './scan-event.js';
import { bytesToScanText, makeScan } from './scan-text.js';
import type { SerialScannerConfig } from './scanner-config.js';
import { EventChannel, type ListenerErrorHandler, type ScannerDriver, type ScannerEvents, type Unsubscribe } from './scanner-events.js';
import { SerialFramer, type SerialFramerSettings } from './serial-framer.js';

export type SerialBinding = ReturnType<typeof autoDetect>;

export type SerialScannerOptions = {
  /** The serial bindings (default: the native ones for this platform). */
  binding?: SerialBinding;
  backoff?: Partial<ScannerBackoff>;
  /** How long opening the port may take (default 3 s). */
  openTimeoutMs?: number;
  /** Clock for `receivedAt` (default Date.now). */
  now?: () => number;
  onListenerError?: ListenerErrorHandler;
};

function framerSettings(config: SerialScannerConfig): SerialFramerSettings {
  return { suffix: config.suffix, prefix: new TextEncoder().encode(config.prefix), maxScanBytes: config.maxScanBytes };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SerialScanner implements ScannerDriver {
  private config: SerialScannerConfig;
  private readonly binding: SerialBinding;
  private readonly backoff: ScannerBackoff;
  private readonly openTimeoutMs: number;
  private readonly now: () => number;
  private readonly events: EventChannel<ScannerEvents>;
  private readonly framer: SerialFramer;
  private current: ScannerState = { status: 'stopped' };
  private port: SerialPortStream | null = null;
  private running = false;
  // Every open attempt gets a new session; callbacks of an older session (a late open, a close we asked for)
  // find their session gone and do nothing.
  private session = 0;
  private failures = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private quietTimer: NodeJS.Timeout | null = null;

  constructor(config: SerialScannerConfig, options: SerialScannerOptions = {}) {
    this.config = config;
    this.binding = options.binding ?? autoDetect();
    this.backoff = resolveBackoff(options.backoff);
    this.openTimeoutMs = options.openTimeoutMs ?? 3000;
    this.now = options.now ?? Date.now;
    this.events = new EventChannel(options.onListenerError);
    this.framer = new SerialFramer(framerSettings(config));
  }

  get deviceId(): string {
    return this.config.id;
  }

  get state(): ScannerState {
    return this.current;
  }

  on<K extends keyof ScannerEvents>(event: K, listener: (payload: ScannerEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.attempt = 0;
    this.connect();
  }

  /** Takes new framing settings (suffix, prefix, limits, encoding) without closing the port. */
  updateFraming(config: SerialScannerConfig): void {
    this.config = config;
    this.framer.reconfigure(framerSettings(config));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.session += 1;
    this.clearTimers();
    const port = this.port;
    this.port = null;
    this.framer.dropPartial();
    if (port?.isOpen) {
      await new Promise<void>((resolve) => {
        port.close(() => resolve());
      });
    }
    this.setState({ status: 'stopped' });
  }

  private setState(state: ScannerState): void {
    this.current = state;
    this.events.emit('state', { deviceId: this.config.id, state });
  }

  private connect(): void {
    if (!this.running) return;
    const session = ++this.session;
    this.attempt += 1;
    this.setState({ status: 'connecting', attempt: this.attempt });
    const { path } = this.config;
    let port: SerialPortStream;
    try {
      port = new SerialPortStream({
        binding: this.binding,
        path,
        baudRate: this.config.baudRate,
        dataBits: this.config.dataBits,
        parity: this.config.parity,
        stopBits: this.config.stopBits,
        rtscts: this.config.rtscts,
        autoOpen: false,
      });
    } catch (error: unknown) {
      this.failed(session, { code: 'scanner.openFailed', message: `Cannot open ${path}: ${messageOf(error)}` });
      return;
    }
    // Errors also arrive through the open callback or the close event; without a listener an 'error' event
    // would throw out of the stream.
    port.on('error', () => undefined);
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      this.failed(session, { code: 'scanner.openTimeout', message: `Opening ${path} took over ${this.openTimeoutMs} ms.` });
      if (port.isOpen) port.close();
    }, this.openTimeoutMs);
    port.open((error) => {
      clearTimeout(timer);
      if (settled || session !== this.session || !this.running) {
        if (!error && port.isOpen) port.close();
        return;
      }
      settled = true;
      if (error) {
        this.failed(session, { code: 'scanner.openFailed', message: `Cannot open ${path}: ${error.message}` });
        return;
      }
      this.port = port;
      this.failures = 0;
      this.attempt = 0;
      port.on('data', (chunk: Buffer) => {
        if (session === this.session) this.onData(chunk);
      });
      port.on('close', (closeError: unknown) => {
        if (session !== this.session || !this.running) return;
        this.port = null;
        this.lost(messageOf(closeError ?? 'the port was closed'));
      });
      this.setState({ status: 'connected', device: path });
    });
  }

  private failed(session: number, error: ScannerError): void {
    if (session !== this.session || !this.running) return;
    this.failures += 1;
    const retryInMs = scannerRetryDelay(this.backoff, this.failures);
    this.setState({ status: 'error', error, retryInMs });
    this.scheduleRetry(retryInMs);
  }

  private lost(cause: string): void {
    this.clearQuietTimer();
    this.discardPartial('scanner.incompleteScan', 'A scan was cut short when the port went away.');
    this.failures = 1;
    const retryInMs = scannerRetryDelay(this.backoff, this.failures);
    const reason: ScannerError = { code: 'scanner.portLost', message: `The port ${this.config.path} went away: ${cause}` };
    this.setState({ status: 'disconnected', reason, retryInMs });
    this.scheduleRetry(retryInMs);
  }

  private scheduleRetry(delayMs: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delayMs);
  }

  private onData(chunk: Uint8Array): void {
    const out = this.framer.push(chunk);
    for (const frame of out.frames) this.deliver(frame);
    if (out.overflowBytes > 0) {
      this.discard(
        { code: 'scanner.scanTooLong', message: `A scan was longer than ${this.config.maxScanBytes} bytes and was dropped.` },
        out.overflowBytes,
      );
    }
    this.armQuietTimer();
  }

  // With no suffix, quiet ends the scan; with a suffix, a scan left half sent for too long is dropped so that
  // it cannot glue itself to the front of the next one.
  private armQuietTimer(): void {
    this.clearQuietTimer();
    if (this.framer.pendingBytes === 0) return;
    const none = this.config.suffix === 'none';
    this.quietTimer = setTimeout(
      () => {
        this.quietTimer = null;
        if (none) {
          const frame = this.framer.flushIdle();
          if (frame) this.deliver(frame);
        } else {
          this.discardPartial('scanner.incompleteScan', 'A scan stopped before its suffix arrived.');
        }
      },
      none ? this.config.idleEndMs : this.config.partialTimeoutMs,
    );
  }

  private deliver(frame: Uint8Array): void {
    const text = bytesToScanText(frame, this.config.encoding);
    this.events.emit('scan', makeScan('serial', this.config.id, text, this.config, this.now()));
  }

  private discardPartial(code: 'scanner.incompleteScan', message: string): void {
    const bytes = this.framer.dropPartial();
    if (bytes > 0) this.discard({ code, message }, bytes);
  }

  private discard(error: ScannerError, bytes: number): void {
    const discard: ScanDiscard = { deviceId: this.config.id, error, bytes, at: this.now() };
    this.events.emit('discard', discard);
  }

  private clearQuietTimer(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
  }

  private clearTimers(): void {
    this.clearQuietTimer();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
