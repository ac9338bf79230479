// Rule: the scanners configured for this terminal run while its core runs, reconnect by themselves, follow a
// saved change at once (no restart), and every scan and state change reaches the terminal's screen: the till
// never has to be told that a scanner came back.
import { ScannerHub, type ScannerHubOptions, type ScannerConfigInput, type ScannerState, type ScanEvent } from '@mortar/native';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ChangeNotice } from '../contract.js';
import type { ScannerSetting, ScannerStatus, ScanningPush } from './contract.js';
import { stoppedStatus } from './scanning-handlers.js';
import { registerScannerHost } from './scanner-host-registry.js';
import { restoreGs } from './scanner-rules.js';
import { readScannerSettings } from './scanner-settings-store.js';

export type ScannerHostOptions = {
  /** Serial bindings, HID backend, backoff: the hub's own options (tests shorten the backoff). */
  hub?: ScannerHubOptions;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
};

export type ScannerHost = {
  /** Every scanner of the terminal, in settings order, with its live link. */
  statuses(): ScannerStatus[];
  /** Scans and state changes, as they happen. */
  onPush(listener: (push: ScanningPush) => void): () => void;
  /** Reads the settings again and applies them (done by itself after every `scanning.*` write). */
  reload(): Promise<void>;
  close(): Promise<void>;
};

type CoreLike = { db: Database; subscribe(listener: (notice: ChangeNotice) => void): () => void };

/** The driver-level settings of one scanner: what the hub opens and frames. */
export function hubConfigOf(setting: ScannerSetting): ScannerConfigInput {
  if (setting.kind === 'serial') {
    return {
      kind: 'serial',
      id: setting.id,
      path: setting.path,
      baudRate: setting.baudRate,
      dataBits: setting.dataBits,
      parity: setting.parity,
      stopBits: setting.stopBits,
      suffix: setting.suffix,
    };
  }
  return {
    kind: 'hid',
    id: setting.id,
    vendorId: setting.vendorId,
    productId: setting.productId,
    ...(setting.serialNumber !== null ? { serialNumber: setting.serialNumber } : {}),
  };
}

type Live = Pick<ScannerStatus, 'link' | 'reason' | 'retryInMs' | 'device' | 'changedAt'>;

function liveOf(state: ScannerState, at: number): Live {
  switch (state.status) {
    case 'stopped':
      return { link: 'stopped', reason: null, retryInMs: null, device: null, changedAt: at };
    case 'connecting':
      return { link: 'connecting', reason: null, retryInMs: null, device: null, changedAt: at };
    case 'connected':
      return { link: 'connected', reason: null, retryInMs: null, device: state.device, changedAt: at };
    case 'disconnected':
      return { link: 'disconnected', reason: { code: state.reason.code, message: state.reason.message }, retryInMs: state.retryInMs, device: null, changedAt: at };
    case 'error':
      // A port that cannot be opened is, to the till, a scanner that is not there: disconnected, with why.
      return { link: 'disconnected', reason: { code: state.error.code, message: state.error.message }, retryInMs: state.retryInMs, device: null, changedAt: at };
  }
}

export async function startScannerHost(core: CoreLike, options: ScannerHostOptions = {}): Promise<ScannerHost> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const hub = new ScannerHub({ ...options.hub, onListenerError: (e) => log('a scanner listener failed', e) });
  const listeners = new Set<(push: ScanningPush) => void>();
  let settings: ScannerSetting[] = [];
  const live = new Map<string, Live>();
  const lastScan = new Map<string, number>();
  let closed = false;

  const push = (message: ScanningPush): void => {
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (e: unknown) {
        log('a scanning push listener failed', e);
      }
    }
  };

  const statusOf = (setting: ScannerSetting): ScannerStatus => {
    const state = live.get(setting.id);
    return { ...stoppedStatus(setting), ...(state ?? {}), lastScanAt: lastScan.get(setting.id) ?? null };
  };

  const announce = (id: string): void => {
    const setting = settings.find((s) => s.id === id);
    if (setting) push({ type: 'scannerState', scanner: statusOf(setting) });
  };

  hub.on('state', ({ deviceId, state }) => {
    if (!settings.some((s) => s.id === deviceId && s.enabled)) return;
    live.set(deviceId, liveOf(state, now()));
    announce(deviceId);
  });
  hub.on('scan', (scan: ScanEvent) => {
    const setting = settings.find((s) => s.id === scan.deviceId);
    if (!setting || scan.source === 'keyboard') return;
    lastScan.set(setting.id, scan.receivedAt);
    push({
      type: 'scan',
      scan: {
        scannerId: setting.id,
        kind: scan.source,
        raw: restoreGs(scan.raw, scan.symbologyId, setting.gsSubstitute),
        symbologyId: scan.symbologyId,
        receivedAt: scan.receivedAt,
      },
    });
    announce(setting.id);
  });
  hub.on('discard', (discard) => log(`scanner ${discard.deviceId} dropped ${discard.bytes} bytes: ${discard.error.message}`));

  let queue: Promise<void> = Promise.resolve();
  const apply = async (): Promise<void> => {
    if (closed) return;
    const next = readScannerSettings(core.db);
    const removed = settings.filter((s) => !next.some((n) => n.id === s.id && n.enabled));
    settings = next;
    for (const gone of removed) live.delete(gone.id);
    const result = await hub.configure(next.filter((s) => s.enabled).map(hubConfigOf));
    if (!result.ok) log(`the scanners could not be configured: ${result.error.message}`);
    // Scanners taken out or switched off say so at once; the others report through the hub's state events.
    for (const s of next) if (!s.enabled) announce(s.id);
  };
  const reload = (): Promise<void> => {
    queue = queue.then(apply).catch((e: unknown) => log('reloading the scanners failed', e));
    return queue;
  };

  const unsubscribe = core.subscribe((notice) => {
    if (notice.op.startsWith('scanning.')) void reload();
  });
  const unregister = registerScannerHost(core.db, { statuses: () => settings.map(statusOf) });
  await reload();

  return {
    statuses: () => settings.map(statusOf),
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      unregister();
      await queue;
      await hub.close();
      listeners.clear();
    },
  };
}
