// The stocktake this terminal is counting, kept while the person moves between tabs and screens (the count sheet
// and every saved count live in the core); forgotten when the app reloads, when the list of open counts leads back.
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
