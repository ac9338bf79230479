// A small typed event channel for drivers and the hub. A listener that throws must not break the driver that
// called it (a serial data handler that throws would tear the port down), so its error is rethrown on a later
// tick, where the process's own handler sees it, instead of being swallowed or unwinding into the driver.
import type { ScanDiscard, ScanEvent, ScannerState } from './scan-event.js';

export type ScannerEvents = {
  scan: ScanEvent;
  state: { deviceId: string; state: ScannerState };
  discard: ScanDiscard;
};

export type Unsubscribe = () => void;

export type ListenerErrorHandler = (error: unknown) => void;

export const rethrowLater: ListenerErrorHandler = (error) => {
  setTimeout(() => {
    throw error;
  }, 0);
};

export class EventChannel<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  constructor(private readonly onListenerError: ListenerErrorHandler = rethrowLater) {}

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (payload: Events[K]) => void)(payload);
      } catch (error: unknown) {
        this.onListenerError(error);
      }
    }
  }
}

/** What the hub needs of any scanner driver. */
export type ScannerDriver = {
  readonly deviceId: string;
  readonly state: ScannerState;
  start(): void;
  stop(): Promise<void>;
  on<K extends keyof ScannerEvents>(event: K, listener: (payload: ScannerEvents[K]) => void): Unsubscribe;
};
