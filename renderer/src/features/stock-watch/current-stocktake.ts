// The stocktake this terminal is counting, kept while the person moves between tabs and screens (the count sheet
// itself lives in the core); forgotten when the app reloads, when the sheet is found again by starting anew.
import { useSyncExternalStore } from 'react';

let current: string | null = null;
const listeners = new Set<() => void>();

export function setCurrentStocktake(id: string | null): void {
  current = id;
  for (const l of listeners) l();
}

export function useCurrentStocktake(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
