// Rule: a device scan is handled exactly as a keyboard-wedge scan of the same text would be, and only where a
// wedge scan would land (the checkout's scan box while it is on screen); scanner states keep every open view of
// them current without asking the core again.
import { useEffect, useRef } from 'react';
import type { ScannerStatus } from '@mortar/main/contract';
import { useAppDispatch } from '../../app/hooks.js';
import { scanningApi, scanningSubscribed, useGetScannerStatusQuery } from './scanning-api.js';

/** The scanners' status, kept live by the core's state pushes. */
export function useScannerStatus() {
  const dispatch = useAppDispatch();
  const status = useGetScannerStatusQuery();
  useEffect(
    () =>
      dispatch(
        scanningSubscribed((push) => {
          if (push.type !== 'scannerState') return;
          dispatch(
            scanningApi.util.updateQueryData('getScannerStatus', undefined, (draft) => {
              const at = draft.scanners.findIndex((s: ScannerStatus) => s.id === push.scanner.id);
              if (at >= 0) draft.scanners[at] = push.scanner;
              else draft.scanners.push(push.scanner);
              draft.hostRunning = true;
            }),
          );
        }),
      ),
    [dispatch],
  );
  return status;
}

/** Calls `onScan` with the text of each device scan while the calling component is on screen. */
export function useDeviceScans(onScan: (text: string) => void): void {
  const dispatch = useAppDispatch();
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  useEffect(
    () =>
      dispatch(
        scanningSubscribed((push) => {
          if (push.type === 'scan') latest.current(push.scan.raw);
        }),
      ),
    [dispatch],
  );
}
