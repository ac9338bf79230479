// The counter core: one store, one dispatcher, any number of connections (an Electron window, a browser
// tab over WebSocket, the CLI, a test). Each connection carries its own session.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { Dispatcher, type InvokeOptions } from './api/dispatcher.js';
import { handlers } from './api/handlers.js';
import type { ConnectionState } from './api/command-context.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { uuidv7Generator, cryptoRandom, type IdGenerator, type RandomSource } from './kernel/ids.js';
import { loadOrCreateKeyFile } from './store/key-file.js';
import { startCheckpointer } from './store/checkpointer.js';
import { ensureWritableDir, openStore, type Store } from './store/open-store.js';
import type { ChangeNotice, InputOf, OperationName, OutputOf, Result } from './contract.js';

export type CoreOptions = {
  dataDir: string;
  /** The database key; when absent, the key file in the data directory. */
  key?: string;
  /** Create the data directory and its key file when they do not exist yet (default true). */
  create?: boolean;
  clock?: Clock;
  random?: RandomSource;
  ids?: IdGenerator;
  /** One terminal per data directory: take the OS lock (default true). */
  exclusive?: boolean;
  nativeBinding?: string;
  validateOutput?: boolean;
  log?: (message: string, error?: unknown) => void;
};

export type Connection = {
  invoke<N extends OperationName>(op: N, input: InputOf<N>, options?: InvokeOptions): Promise<Result<OutputOf<N>>>;
  /** For transports: an untyped call straight off the wire; the dispatcher validates all of it. */
  invokeUnknown(op: string, input: unknown, options?: InvokeOptions): Promise<Result<unknown>>;
  readonly state: ConnectionState;
};

export type Core = {
  connect(): Connection;
  subscribe(listener: (notice: ChangeNotice) => void): () => void;
  readonly db: Database;
  readonly store: Store;
  readonly clock: Clock;
  close(): void;
};

export function createCore(options: CoreOptions): Core {
  const create = options.create ?? true;
  if (create) ensureWritableDir(options.dataDir);
  const key = options.key ?? loadOrCreateKeyFile(options.dataDir, create);
  const store = openStore({
    dataDir: options.dataDir,
    key,
    exclusive: options.exclusive ?? true,
    nativeBinding: options.nativeBinding,
  });
  const checkpointer = startCheckpointer(store.db, { log: options.log ?? ((m, e) => console.error(m, e)) });
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? uuidv7Generator(clock, options.random ?? cryptoRandom);
  const listeners = new Set<(notice: ChangeNotice) => void>();
  const dispatcher = new Dispatcher({
    db: store.db,
    clock,
    ids,
    handlers,
    validateOutput: options.validateOutput,
    log: options.log ?? ((m, e) => console.error(m, e)),
    onChange: (notice) => {
      for (const l of listeners) {
        try {
          l(notice);
        } catch (e: unknown) {
          options.log?.('a change listener failed', e);
        }
      }
    },
  });
  /**
   * Marks the counter busy when a command comes in, so the WAL checkpoint waits for a quiet moment. The call's
   * own promise is handed back untouched: callers and change listeners see exactly the dispatcher's timing.
   */
  const busy = <T,>(pending: () => Promise<T>): Promise<T> => {
    checkpointer.touch();
    return pending();
  };
  return {
    connect() {
      const state: ConnectionState = { session: null };
      return {
        state,
        invoke: (op, input, o) => busy(() => dispatcher.invoke(state, op, input, o)) as never,
        invokeUnknown: (op, input, o) => busy(() => dispatcher.invoke(state, op, input, o)),
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    db: store.db,
    store,
    clock,
    close: () => {
      checkpointer.stop();
      store.close();
    },
  };
}
