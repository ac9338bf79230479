// A stand-in for the transport at the lowest layer: it answers `invoke` from a table of handlers, records
// every call, and lets a test push change notices and connection events as the core or the socket would.
import type { ChangeNotice, OperationName, Override, Result, ScanningPush } from '@mortar/main/contract';
import type { ConnectionEvent, ConnectionStatus, UiBridge } from '../app/bridge.js';

export type FakeHandler = (input: never, options: { override?: Override }) => unknown;
export type FakeCall = { op: string; input: unknown; override?: Override };

export class FakeFailure {
  constructor(readonly code: string, readonly message = code, readonly details?: unknown) {}
}

export type FakeBridge = UiBridge & {
  calls: FakeCall[];
  handlers: Partial<Record<OperationName, FakeHandler>>;
  callsOf(op: OperationName): unknown[];
  notify(notice: ChangeNotice): void;
  connection(event: ConnectionEvent): void;
  /** Pushes a device scan or scanner state as the core's scanner host would. */
  scanning(push: ScanningPush): void;
};

export function fail(code: string, details?: unknown): FakeFailure {
  return new FakeFailure(code, `${code} (from the fake core)`, details);
}

export function createFakeBridge(handlers: Partial<Record<OperationName, FakeHandler>> = {}): FakeBridge {
  const changeListeners = new Set<(n: ChangeNotice) => void>();
  const connectionListeners = new Set<(e: ConnectionEvent) => void>();
  const scanningListeners = new Set<(p: ScanningPush) => void>();
  let status: ConnectionStatus = 'open';
  const bridge: FakeBridge = {
    kind: 'direct',
    calls: [],
    handlers,
    get status() {
      return status;
    },
    async invoke(op, input, options): Promise<Result<unknown>> {
      bridge.calls.push(options?.override ? { op, input, override: options.override } : { op, input });
      const handler = bridge.handlers[op as OperationName];
      if (!handler) return { ok: false, error: { code: 'api.unknownOperation', message: `no fake for ${op}` } };
      try {
        const value = await handler(input as never, options ?? {});
        if (value instanceof FakeFailure) {
          return { ok: false, error: { code: value.code, message: value.message, ...(value.details ? { details: value.details } : {}) } };
        }
        return { ok: true, value };
      } catch (e: unknown) {
        return { ok: false, error: { code: 'api.internal', message: String(e) } };
      }
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    onScanning(listener) {
      scanningListeners.add(listener);
      return () => scanningListeners.delete(listener);
    },
    dispose() {},
    callsOf(op) {
      return bridge.calls.filter((c) => c.op === op).map((c) => c.input);
    },
    notify(notice) {
      for (const l of changeListeners) l(notice);
    },
    connection(event) {
      status = event.status;
      for (const l of connectionListeners) l(event);
    },
    scanning(push) {
      for (const l of scanningListeners) l(push);
    },
  };
  return bridge;
}
