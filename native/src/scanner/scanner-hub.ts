// Rule: all of a terminal's scanners feed one stream of scans, and changing the configuration at run time loses
// none: scanners whose settings did not change keep their open port, framing changes are applied in place, and
// only a scanner whose port settings changed is closed and reopened.
import { HidScanner } from './hid-scanner.js';
import type { HidBackend } from './hid-backend.js';
import type { ScannerBackoff } from './reconnect.js';
import type { ScanDiscard, ScanEvent, ScannerResult, ScannerState } from './scan-event.js';
import { ScanStream } from './scan-stream.js';
import { needsReopen, parseScannerConfigs, sameScannerConfig, type ScannerConfig } from './scanner-config.js';
import { EventChannel, rethrowLater, type ListenerErrorHandler, type Unsubscribe } from './scanner-events.js';
import { SerialScanner, type SerialBinding } from './serial-scanner.js';

export type ScannerHubOptions = {
  /** Serial bindings (default: the native ones). */
  serialBinding?: SerialBinding;
  /** HID device access (default: node-hid). */
  hidBackend?: HidBackend;
  backoff?: Partial<ScannerBackoff>;
  openTimeoutMs?: number;
  now?: () => number;
  onListenerError?: ListenerErrorHandler;
};

export type ScannerStateEntry = { deviceId: string; kind: ScannerConfig['kind']; state: ScannerState };

export type ScannerHubEvents = {
  scan: ScanEvent;
  state: ScannerStateEntry;
  discard: ScanDiscard;
};

/** What a `configure` call did, by scanner id. */
export type ReconfigureSummary = { added: string[]; removed: string[]; reopened: string[]; updated: string[]; unchanged: string[] };

type Entry = { config: ScannerConfig; driver: SerialScanner | HidScanner; unsubscribe: Unsubscribe[] };

function updateInPlace(driver: SerialScanner | HidScanner, config: ScannerConfig): boolean {
  if (driver instanceof SerialScanner && config.kind === 'serial') driver.updateFraming(config);
  else if (driver instanceof HidScanner && config.kind === 'hid') driver.updateFraming(config);
  else return false;
  return true;
}

export class ScannerHub {
  private readonly options: ScannerHubOptions;
  private readonly events: EventChannel<ScannerHubEvents>;
  private readonly entries = new Map<string, Entry>();
  private readonly streams = new Set<ScanStream>();
  private closed = false;
  // configure() calls run one after another, so that two quick reconfigurations cannot interleave.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: ScannerHubOptions = {}) {
    this.options = options;
    this.events = new EventChannel(options.onListenerError ?? rethrowLater);
  }

  on<K extends keyof ScannerHubEvents>(event: K, listener: (payload: ScannerHubEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /**
   * Every scan from now on, from every scanner, in arrival order; keeps going across reconfigurations and ends
   * when the hub is closed or `signal` aborts. Each call gets its own iterator.
   */
  scans(signal?: AbortSignal): AsyncIterableIterator<ScanEvent> {
    const stream: ScanStream = new ScanStream(() => {
      this.streams.delete(stream);
      signal?.removeEventListener('abort', onAbort);
    });
    // An abort means the consumer is gone: what it had not taken yet is not handed out any more.
    const onAbort = (): void => void stream.return();
    if (this.closed || signal?.aborted) {
      stream.end();
      return stream;
    }
    this.streams.add(stream);
    signal?.addEventListener('abort', onAbort, { once: true });
    return stream;
  }

  /** The state of each configured scanner, in configuration order. */
  states(): ScannerStateEntry[] {
    return [...this.entries.values()].map((e) => ({ deviceId: e.config.id, kind: e.config.kind, state: e.driver.state }));
  }

  /** The scanners as configured now (parsed, defaults filled in). */
  configs(): ScannerConfig[] {
    return [...this.entries.values()].map((e) => e.config);
  }

  /**
   * Makes the hub's scanners those of `input` (a terminal's scanner list, validated here). Nothing changes when
   * the list is invalid.
   */
  configure(input: unknown): Promise<ScannerResult<ReconfigureSummary>> {
    const run = this.queue.then(() => this.apply(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops every scanner and ends every scan iterator. */
  async close(): Promise<void> {
    if (this.closed) return this.queue.then(() => undefined);
    this.closed = true;
    const run = this.queue.then(async () => {
      const entries = [...this.entries.values()];
      this.entries.clear();
      await Promise.all(entries.map((e) => this.retire(e)));
      for (const stream of [...this.streams]) stream.end();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(input: unknown): Promise<ScannerResult<ReconfigureSummary>> {
    if (this.closed) return { ok: false, error: { code: 'scanner.hubClosed', message: 'The scanner hub is closed.' } };
    const parsed = parseScannerConfigs(input);
    if (!parsed.ok) return parsed;
    const next = new Map(parsed.value.map((c) => [c.id, c]));
    const summary: ReconfigureSummary = { added: [], removed: [], reopened: [], updated: [], unchanged: [] };

    for (const [id, entry] of [...this.entries]) {
      if (next.has(id)) continue;
      this.entries.delete(id);
      summary.removed.push(id);
      await this.retire(entry);
    }
    const ordered = new Map<string, Entry>();
    for (const config of parsed.value) {
      const existing = this.entries.get(config.id);
      if (!existing) {
        ordered.set(config.id, this.launch(config));
        summary.added.push(config.id);
      } else if (sameScannerConfig(existing.config, config)) {
        ordered.set(config.id, existing);
        summary.unchanged.push(config.id);
      } else if (needsReopen(existing.config, config) || !updateInPlace(existing.driver, config)) {
        // The old port must be released before the new one can take it (serial ports are opened exclusively).
        await this.retire(existing);
        ordered.set(config.id, this.launch(config));
        summary.reopened.push(config.id);
      } else {
        existing.config = config;
        ordered.set(config.id, existing);
        summary.updated.push(config.id);
      }
    }
    this.entries.clear();
    for (const [id, entry] of ordered) this.entries.set(id, entry);
    return { ok: true, value: summary };
  }

  private launch(config: ScannerConfig): Entry {
    const common = {
      backoff: this.options.backoff,
      now: this.options.now,
      onListenerError: this.options.onListenerError,
    };
    const driver =
      config.kind === 'serial'
        ? new SerialScanner(config, { ...common, binding: this.options.serialBinding, openTimeoutMs: this.options.openTimeoutMs })
        : new HidScanner(config, { ...common, backend: this.options.hidBackend });
    const entry: Entry = {
      config,
      driver,
      unsubscribe: [
        driver.on('scan', (scan) => this.deliver(scan)),
        driver.on('state', ({ deviceId, state }) => this.events.emit('state', { deviceId, kind: config.kind, state })),
        driver.on('discard', (discard) => this.events.emit('discard', discard)),
      ],
    };
    driver.start();
    return entry;
  }

  private async retire(entry: Entry): Promise<void> {
    // The last 'stopped' state still reaches listeners; nothing after it does.
    await entry.driver.stop();
    for (const unsubscribe of entry.unsubscribe) unsubscribe();
  }

  private deliver(scan: ScanEvent): void {
    for (const stream of this.streams) stream.push(scan);
    this.events.emit('scan', scan);
  }
}
