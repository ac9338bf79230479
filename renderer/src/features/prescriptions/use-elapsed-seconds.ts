// Seconds since something slow started, for a busy state that says how long it has been (the read itself
// reports no progress to show).
import { useEffect, useState } from 'react';

export function useElapsedSeconds(running: boolean): number {
  const [tick, setTick] = useState<{ started: number; now: number } | null>(null);
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    const timer = setInterval(() => setTick({ started, now: Date.now() }), 500);
    return () => {
      clearInterval(timer);
      setTick(null);
    };
  }, [running]);
  return running && tick !== null ? Math.floor((tick.now - tick.started) / 1000) : 0;
}
