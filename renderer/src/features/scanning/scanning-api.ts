// The scanning endpoints, injected into the one RTK Query api, and the subscription to the core's scanning
// pushes (device scans and scanner states), which arrive beside call results on the same bridge.
import type { InputOf, OperationName, OutputOf, ScanningPush } from '@mortar/main/contract';
import { api, type Call, type ThunkExtra } from '../../app/api.js';

function call<N extends OperationName>(op: N, input: InputOf<N>): Call {
  return { op, input };
}

export const scanningApi = api.injectEndpoints({
  endpoints: (build) => ({
    getScannerStatus: build.query<OutputOf<'scanning.getStatus'>, void>({
      query: () => call('scanning.getStatus', {}),
      providesTags: ['settings'],
    }),
    listScanners: build.query<OutputOf<'scanning.listScanners'>, void>({
      query: () => call('scanning.listScanners', {}),
      providesTags: ['settings'],
    }),
    listScannerPorts: build.query<OutputOf<'scanning.listPorts'>, void>({
      query: () => call('scanning.listPorts', {}),
    }),
    saveScanner: build.mutation<OutputOf<'scanning.saveScanner'>, InputOf<'scanning.saveScanner'>>({
      query: (input) => call('scanning.saveScanner', input),
      invalidatesTags: ['settings'],
    }),
    removeScanner: build.mutation<OutputOf<'scanning.removeScanner'>, InputOf<'scanning.removeScanner'>>({
      query: (input) => call('scanning.removeScanner', input),
      invalidatesTags: ['settings'],
    }),
  }),
});

export const {
  useGetScannerStatusQuery,
  useListScannersQuery,
  useLazyListScannerPortsQuery,
  useSaveScannerMutation,
  useRemoveScannerMutation,
} = scanningApi;

/** Listens to the core's scanning pushes through the store's bridge; returns how to stop. */
export const scanningSubscribed =
  (listener: (push: ScanningPush) => void) =>
  (_dispatch: unknown, _getState: unknown, extra: ThunkExtra): (() => void) => {
    const stop = extra.bridge.onScanning?.(listener);
    return () => {
      stop?.();
    };
  };
