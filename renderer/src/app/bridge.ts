// The renderer reaches the core only through a Bridge: Electron's preload exposes one as `window.mortar`; in
// browser mode the same shape is built here over a WebSocket to `/api`, whose server keeps the session.
import type { Bridge, ChangeNotice, Override, Result, ScanningBridge, ScanningPush } from '@mortar/main/contract';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

export type ConnectionEvent = {
  status: ConnectionStatus;
  /** True once a connection that had been open dropped: the session lived on the server side of it and is gone. */
  sessionLost: boolean;
  /** When reconnecting: how long until the next attempt. */
  retryInMs?: number;
};

/** A Bridge that also reports the state of its transport (Electron's is always open). */
export type UiBridge = Bridge & {
  readonly status: ConnectionStatus;
  /** Device scans and scanner states pushed by the core (absent on a bridge that carries none). */
  onScanning?: ScanningBridge['onScanning'];
  onConnection(listener: (event: ConnectionEvent) => void): () => void;
  dispose(): void;
};

/** Errors the renderer itself produces, beside the core's codes. */
export const bridgeErrorCodes = ['bridge.disconnected', 'bridge.badAnswer', 'bridge.failed'] as const;

function failure(code: (typeof bridgeErrorCodes)[number], message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

export function electronBridge(bridge: Bridge & Partial<ScanningBridge>): UiBridge {
  return {
    kind: bridge.kind,
    status: 'open',
    invoke: (op, input, options) => bridge.invoke(op, input, options),
    onChange: (listener) => bridge.onChange(listener),
    onScanning: (listener) => bridge.onScanning?.(listener) ?? (() => {}),
    onConnection: () => () => {},
    dispose: () => {},
  };
}

export type WebSocketBridgeOptions = {
  url: string;
  createSocket?: (url: string) => WebSocket;
  /** First retry delay; doubled per failed attempt up to maxRetryMs. */
  initialRetryMs?: number;
  maxRetryMs?: number;
};

type Outgoing = { id: number; text: string; resolve: (result: Result<unknown>) => void };

const OPEN = 1;

export function webSocketBridge(options: WebSocketBridgeOptions): UiBridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const initialRetryMs = options.initialRetryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  const changeListeners = new Set<(notice: ChangeNotice) => void>();
  const scanningListeners = new Set<(push: ScanningPush) => void>();
  const connectionListeners = new Set<(event: ConnectionEvent) => void>();
  const awaiting = new Map<number, Outgoing>();
  const queued: Outgoing[] = [];
  let socket: WebSocket | null = null;
  let status: ConnectionStatus = 'connecting';
  let everOpen = false;
  let attempt = 0;
  let nextId = 1;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const announce = (event: ConnectionEvent) => {
    status = event.status;
    for (const listener of connectionListeners) listener(event);
  };

  const send = (call: Outgoing) => {
    awaiting.set(call.id, call);
    socket?.send(call.text);
  };

  const receive = (data: unknown) => {
    let message: unknown;
    try {
      message = typeof data === 'string' ? JSON.parse(data) : null;
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: unknown; id?: unknown; result?: unknown; notice?: unknown };
    if (m.type === 'result' && typeof m.id === 'number') {
      const call = awaiting.get(m.id);
      if (!call) return;
      awaiting.delete(m.id);
      const result = m.result as Result<unknown> | undefined;
      call.resolve(
        result && typeof result === 'object' && typeof result.ok === 'boolean'
          ? result
          : failure('bridge.badAnswer', 'The core sent an answer the user interface cannot read.'),
      );
    } else if (m.type === 'change' && typeof m.notice === 'object' && m.notice !== null) {
      const notice = m.notice as ChangeNotice;
      if (!Array.isArray(notice.topics)) return;
      for (const listener of changeListeners) listener(notice);
    } else if ((m.type === 'scan' && typeof (m as { scan?: unknown }).scan === 'object') || (m.type === 'scannerState' && typeof (m as { scanner?: unknown }).scanner === 'object')) {
      for (const listener of scanningListeners) listener(message as ScanningPush);
    }
  };

  const connect = () => {
    retryTimer = null;
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      const sessionLost = everOpen;
      everOpen = true;
      announce({ status: 'open', sessionLost });
      for (const call of queued.splice(0)) send(call);
    };
    ws.onmessage = (event: MessageEvent) => {
      if (socket === ws) receive(event.data);
    };
    ws.onerror = () => {
      // A close event always follows; reconnection is handled there.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const call of awaiting.values()) {
        call.resolve(failure('bridge.disconnected', 'The connection to the core was lost.'));
      }
      awaiting.clear();
      if (disposed) return;
      const retryInMs = Math.min(maxRetryMs, initialRetryMs * 2 ** attempt);
      attempt++;
      announce({ status: everOpen ? 'reconnecting' : 'connecting', sessionLost: everOpen, retryInMs });
      retryTimer = setTimeout(connect, retryInMs);
    };
  };

  connect();

  return {
    kind: 'websocket',
    get status() {
      return status;
    },
    invoke(op: string, input: unknown, invokeOptions?: { override?: Override }) {
      return new Promise<Result<unknown>>((resolve) => {
        const id = nextId++;
        const text = JSON.stringify(
          invokeOptions?.override ? { id, op, input, override: invokeOptions.override } : { id, op, input },
        );
        const call = { id, text, resolve };
        if (socket && socket.readyState === OPEN && status === 'open') send(call);
        // Before the first connection, calls wait for it; after a drop, the session they assumed is gone.
        else if (!everOpen) queued.push(call);
        else resolve(failure('bridge.disconnected', 'The connection to the core was lost.'));
      });
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onScanning(listener) {
      scanningListeners.add(listener);
      return () => scanningListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
    },
  };
}

/** Electron's preload bridge when there is one, otherwise a WebSocket to the page's own host. */
export function chooseBridge(win: Window): UiBridge {
  const exposed = (win as Window & { mortar?: Bridge & Partial<ScanningBridge> }).mortar;
  if (exposed) return electronBridge(exposed);
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketBridge({ url: `${scheme}://${win.location.host}/api` });
}
