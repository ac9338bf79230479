// A process that keeps a core open (the desktop app, `mortar serve`) looks for expiry crossings when it starts
// and again just after each UTC midnight, the moment every lot's days-left changes, even with nobody at the
// counter. Each check is one short transaction; the unique (lot, band) key keeps it from alerting twice.
import type { Core } from '../core.js';
import { cryptoRandom, uuidv7Generator, type IdGenerator } from '../kernel/ids.js';
import { recordExpiryCrossings, type Crossing } from './expiry-alerts.js';

export type ExpiryWatch = { stop(): void; checkNow(): Crossing[] };

export type ExpiryWatchOptions = {
  ids?: IdGenerator;
  /** Told of each check that recorded crossings, e.g. to refresh open screens. */
  onCrossings?: (crossings: Crossing[]) => void;
  log?: (message: string, error?: unknown) => void;
  /** Timers, injectable so a test can run midnight without waiting for it. */
  setTimer?: (fn: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (handle: unknown) => void;
  /**
   * Check once at start too (default). The apps pass false: the first login of the day checks already, and a
   * first check on a large store must not hold up start-up.
   */
  checkAtStart?: boolean;
};

const DAY = 86_400_000;

/** Milliseconds from `now` to one second past the next UTC midnight. */
export function untilNextDay(now: number): number {
  return DAY - (now % DAY) + 1000;
}

export function startExpiryWatch(core: Pick<Core, 'db' | 'clock'>, options: ExpiryWatchOptions = {}): ExpiryWatch {
  const ids = options.ids ?? uuidv7Generator(core.clock, cryptoRandom);
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let handle: unknown = null;
  let stopped = false;

  const checkNow = (): Crossing[] => {
    try {
      const crossings = core.db.transaction(() => recordExpiryCrossings(core.db, core.clock.now(), ids)).immediate();
      if (crossings.length > 0) options.onCrossings?.(crossings);
      return crossings;
    } catch (e: unknown) {
      // A locked or closing store: the next login, receipt or midnight tries again.
      options.log?.('expiry alerts: the check failed', e);
      return [];
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    const timer = setTimer(() => {
      checkNow();
      schedule();
    }, untilNextDay(core.clock.now()));
    timer.unref?.();
    handle = timer;
  };

  if (options.checkAtStart ?? true) checkNow();
  schedule();
  return {
    checkNow,
    stop() {
      stopped = true;
      if (handle !== null) clearTimer(handle);
    },
  };
}
