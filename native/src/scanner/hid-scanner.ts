// A HID POS barcode scanner (USB usage page 0x8C): finds the device by its USB ids, reads its input reports into
// scans, and when it is unplugged reports so and looks for it again with backoff.
import { decodeHidReport, HidScanAssembler, type HidReportSettings } from './hid-report.js';
import { HID_POS_BARCODE_USAGE_PAGE, nodeHidBackend, type HidBackend, type HidDeviceInfo, type HidDeviceLike } from './hid-backend.js';
import { resolveBackoff, scannerRetryDelay, type ScannerBackoff } from './reconnect.js';
import type { ScannerError, ScannerState } from './scan-event.js';
import { bytesToScanText, makeScan } from './scan-text.js';
import type { HidScannerConfig } from './scanner-config.js';
import { EventChannel, type ListenerErrorHandler, type ScannerDriver, type ScannerEvents, type Unsubscribe } from './scanner-events.js';

export type HidScannerOptions = {
  /** Device access (default: node-hid). Tests pass a fake here and only here. */
  backend?: HidBackend;
  backoff?: Partial<ScannerBackoff>;
  now?: () => number;
  onListenerError?: ListenerErrorHandler;
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function reportSettings(config: HidScannerConfig): HidReportSettings {
  return { format: config.report, reportId: config.reportId };
}

/**
 * The interface of `devices` that is this config's scanner. A composite device (keyboard plus POS) shows several
 * interfaces with the same USB ids: the one on usage page 0x8C is taken, or one whose page the platform does
 * not report.
 */
export function pickHidDevice(devices: readonly HidDeviceInfo[], config: HidScannerConfig): HidDeviceInfo | null {
  const candidates = devices.filter(
    (d) =>
      d.vendorId === config.vendorId &&
      d.productId === config.productId &&
      (config.serialNumber === undefined || d.serialNumber === config.serialNumber) &&
      (config.path === undefined || d.path === config.path),
  );
  return (
    candidates.find((d) => d.usagePage === HID_POS_BARCODE_USAGE_PAGE) ?? candidates.find((d) => d.usagePage === null) ?? null
  );
}

export class HidScanner implements ScannerDriver {
  private config: HidScannerConfig;
  private readonly backend: HidBackend;
  private readonly backoff: ScannerBackoff;
  private readonly now: () => number;
  private readonly events: EventChannel<ScannerEvents>;
  private assembler: HidScanAssembler;
  private current: ScannerState = { status: 'stopped' };
  private device: HidDeviceLike | null = null;
  private running = false;
  private session = 0;
  private failures = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private partialTimer: NodeJS.Timeout | null = null;

  constructor(config: HidScannerConfig, options: HidScannerOptions = {}) {
    this.config = config;
    this.backend = options.backend ?? nodeHidBackend();
    this.backoff = resolveBackoff(options.backoff);
    this.now = options.now ?? Date.now;
    this.events = new EventChannel(options.onListenerError);
    this.assembler = new HidScanAssembler(config.maxScanBytes);
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
    void this.connect();
  }

  /** Takes a new report layout, encoding or limits without closing the device. */
  updateFraming(config: HidScannerConfig): void {
    if (config.maxScanBytes !== this.config.maxScanBytes) {
      this.discardPartial('A scan in progress was dropped when the scanner settings changed.');
      this.assembler = new HidScanAssembler(config.maxScanBytes);
    }
    this.config = config;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.session += 1;
    this.clearTimers();
    this.assembler.dropPartial();
    const device = this.device;
    this.device = null;
    if (device) await this.closeQuietly(device);
    this.setState({ status: 'stopped' });
  }

  private setState(state: ScannerState): void {
    this.current = state;
    this.events.emit('state', { deviceId: this.config.id, state });
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const session = ++this.session;
    this.attempt += 1;
    this.setState({ status: 'connecting', attempt: this.attempt });
    const wanted = `${hex4(this.config.vendorId)}:${hex4(this.config.productId)}`;
    let info: HidDeviceInfo | null;
    try {
      info = pickHidDevice(await this.backend.list(), this.config);
    } catch (error: unknown) {
      this.failed(session, { code: 'scanner.hidUnavailable', message: `HID devices could not be listed: ${messageOf(error)}` });
      return;
    }
    if (session !== this.session) return;
    if (!info) {
      this.failed(session, { code: 'scanner.notFound', message: `No HID POS scanner ${wanted} is attached.`, details: { device: wanted } });
      return;
    }
    let device: HidDeviceLike;
    try {
      device = await this.backend.open(info.path);
    } catch (error: unknown) {
      this.failed(session, { code: 'scanner.openFailed', message: `Cannot open the HID scanner ${wanted}: ${messageOf(error)}` });
      return;
    }
    if (session !== this.session || !this.running) {
      await this.closeQuietly(device);
      return;
    }
    this.device = device;
    this.failures = 0;
    this.attempt = 0;
    device.on('data', (report) => {
      if (session === this.session) this.onReport(report);
    });
    device.on('error', (error) => {
      if (session !== this.session || !this.running) return;
      void this.lost(device, messageOf(error));
    });
    this.setState({ status: 'connected', device: info.path });
  }

  private failed(session: number, error: ScannerError): void {
    if (session !== this.session || !this.running) return;
    this.failures += 1;
    const retryInMs = scannerRetryDelay(this.backoff, this.failures);
    this.setState({ status: 'error', error, retryInMs });
    this.scheduleRetry(retryInMs);
  }

  private async lost(device: HidDeviceLike, cause: string): Promise<void> {
    // A new session first, so that nothing more from this device is taken while it is closed.
    this.session += 1;
    this.device = null;
    this.clearPartialTimer();
    this.discardPartial('A scan was cut short when the scanner went away.');
    this.failures = 1;
    const retryInMs = scannerRetryDelay(this.backoff, this.failures);
    const reason: ScannerError = { code: 'scanner.portLost', message: `The HID scanner went away: ${cause}` };
    this.setState({ status: 'disconnected', reason, retryInMs });
    this.scheduleRetry(retryInMs);
    await this.closeQuietly(device);
  }

  private async closeQuietly(device: HidDeviceLike): Promise<void> {
    try {
      await device.close();
    } catch {
      // The device is gone already (that is why it is being closed); there is nothing left to release.
    }
  }

  private scheduleRetry(delayMs: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delayMs);
  }

  private onReport(report: Uint8Array): void {
    const decoded = decodeHidReport(report, reportSettings(this.config));
    if (!decoded.ok) {
      this.events.emit('discard', { deviceId: this.config.id, error: decoded.error, bytes: report.length, at: this.now() });
      return;
    }
    if (!decoded.value) return;
    const { scan, overflowBytes } = this.assembler.push(decoded.value);
    if (overflowBytes > 0) {
      const error: ScannerError = {
        code: 'scanner.scanTooLong',
        message: `A scan was longer than ${this.config.maxScanBytes} bytes and was dropped.`,
      };
      this.events.emit('discard', { deviceId: this.config.id, error, bytes: overflowBytes, at: this.now() });
    }
    if (scan) {
      const text = bytesToScanText(scan.data, this.config.encoding);
      this.events.emit('scan', makeScan('hid', this.config.id, text, this.config, this.now(), scan.symbologyId));
    }
    this.armPartialTimer();
  }

  private armPartialTimer(): void {
    this.clearPartialTimer();
    if (this.assembler.pendingBytes === 0) return;
    this.partialTimer = setTimeout(() => {
      this.partialTimer = null;
      this.discardPartial('The rest of a scan never came.');
    }, this.config.partialTimeoutMs);
  }

  private discardPartial(message: string): void {
    const bytes = this.assembler.dropPartial();
    if (bytes > 0) {
      this.events.emit('discard', { deviceId: this.config.id, error: { code: 'scanner.incompleteScan', message }, bytes, at: this.now() });
    }
  }

  private clearPartialTimer(): void {
    if (this.partialTimer) clearTimeout(this.partialTimer);
    this.partialTimer = null;
  }

  private clearTimers(): void {
    this.clearPartialTimer();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
