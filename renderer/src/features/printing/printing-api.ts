// The printing endpoints, injected into the one RTK Query api: printers, their state and queue, test pages and
// copies. A change notice on the `printing` topic (a printer went offline, a job printed) refreshes them.
import type { InputOf, OperationName, OutputOf } from '@mortar/main/contract';
import { api, type Call } from '../../app/api.js';

function call<N extends OperationName>(op: N, input: InputOf<N>): Call {
  return { op, input };
}

export const printingApi = api.injectEndpoints({
  endpoints: (build) => ({
    listPrinters: build.query<OutputOf<'printing.listPrinters'>, void>({
      query: () => call('printing.listPrinters', {}),
      providesTags: ['printing'],
    }),
    printingStatus: build.query<OutputOf<'printing.status'>, { saleId?: string } | void>({
      query: (arg) => call('printing.status', arg && arg.saleId ? { saleId: arg.saleId } : {}),
      providesTags: ['printing', 'sales'],
    }),
    listPrinterPorts: build.query<OutputOf<'printing.listPorts'>, void>({
      query: () => call('printing.listPorts', {}),
    }),
    savePrinter: build.mutation<OutputOf<'printing.savePrinter'>, InputOf<'printing.savePrinter'>>({
      query: (input) => call('printing.savePrinter', input),
      invalidatesTags: ['printing'],
    }),
    removePrinter: build.mutation<OutputOf<'printing.removePrinter'>, InputOf<'printing.removePrinter'>>({
      query: (input) => call('printing.removePrinter', input),
      invalidatesTags: ['printing'],
    }),
    testPrint: build.mutation<OutputOf<'printing.testPrint'>, InputOf<'printing.testPrint'>>({
      query: (input) => call('printing.testPrint', input),
      invalidatesTags: ['printing'],
    }),
    reprintReceipt: build.mutation<OutputOf<'printing.reprint'>, InputOf<'printing.reprint'>>({
      query: (input) => call('printing.reprint', input),
      invalidatesTags: ['printing'],
    }),
    retryPrinting: build.mutation<OutputOf<'printing.retryNow'>, void>({
      query: () => call('printing.retryNow', {}),
      invalidatesTags: ['printing'],
    }),
  }),
});

export const {
  useListPrintersQuery,
  usePrintingStatusQuery,
  useLazyListPrinterPortsQuery,
  useSavePrinterMutation,
  useRemovePrinterMutation,
  useTestPrintMutation,
  useReprintReceiptMutation,
  useRetryPrintingMutation,
} = printingApi;
