// Rule: an unattended counter locks itself after the terminal's auto-lock time without keyboard or pointer
// activity, so nobody can sell or look up patients under a colleague's name.
import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** How often, at most, activity is reported to the core, which enforces the same auto-lock on its side. */
export const KEEP_ALIVE_EVERY_MS = 30_000;

export function useAutoLock(options: {
  enabled: boolean;
  idleMs: number;
  onIdle: () => void;
  /** Called on activity at most every KEEP_ALIVE_EVERY_MS, so typing in a long form keeps the core's session alive. */
  onActive?: () => void;
  now?: () => number;
}): void {
  const { enabled, idleMs, onIdle, onActive } = options;
  const now = options.now ?? Date.now;
  useEffect(() => {
    if (!enabled || idleMs <= 0) return;
    let last = now();
    let reported = last;
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const idle = now() - last;
      if (idle >= idleMs) onIdle();
      else timer = setTimeout(check, idleMs - idle);
    };
    const active = () => {
      last = now();
      if (onActive && last - reported >= KEEP_ALIVE_EVERY_MS) {
        reported = last;
        onActive();
      }
    };
    timer = setTimeout(check, idleMs);
    for (const type of ACTIVITY) window.addEventListener(type, active, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, active, { capture: true });
    };
  }, [enabled, idleMs, onIdle, onActive, now]);
}
