// The stock-watch endpoints (expiry, alerts, quarantine, recalls, stocktakes, forecasts), injected into the one
// RTK Query api. Reads carry the `stock` and `inventory` tags, so any stock change the core announces refreshes them.
import type { InputOf, OperationName, OutputOf } from '@mortar/main/contract';
import { api, type Call } from '../../app/api.js';

function call<N extends OperationName>(op: N, input: InputOf<N>): Call {
  return { op, input };
}

const watched = ['stock', 'inventory'] as const;

export const stockWatchApi = api.injectEndpoints({
  endpoints: (build) => ({
    swExpiryReport: build.query<OutputOf<'inventory.expiryReport'>, InputOf<'inventory.expiryReport'>>({
      query: (input) => call('inventory.expiryReport', input),
      providesTags: [...watched],
    }),
    swExpiryAlerts: build.query<OutputOf<'inventory.listExpiryAlerts'>, InputOf<'inventory.listExpiryAlerts'>>({
      query: (input) => call('inventory.listExpiryAlerts', input),
      providesTags: [...watched],
    }),
    swAcknowledgeAlerts: build.mutation<OutputOf<'inventory.acknowledgeExpiryAlert'>, InputOf<'inventory.acknowledgeExpiryAlert'>>({
      query: (input) => call('inventory.acknowledgeExpiryAlert', input),
      invalidatesTags: [...watched],
    }),
    swQuarantine: build.query<OutputOf<'inventory.listQuarantine'>, InputOf<'inventory.listQuarantine'>>({
      query: (input) => call('inventory.listQuarantine', input),
      providesTags: [...watched],
    }),
    swQuarantineStock: build.mutation<OutputOf<'inventory.quarantineStock'>, InputOf<'inventory.quarantineStock'>>({
      query: (input) => call('inventory.quarantineStock', input),
      invalidatesTags: [...watched],
    }),
    swRelease: build.mutation<OutputOf<'inventory.releaseFromQuarantine'>, InputOf<'inventory.releaseFromQuarantine'>>({
      query: (input) => call('inventory.releaseFromQuarantine', input),
      invalidatesTags: [...watched],
    }),
    swDispose: build.mutation<OutputOf<'inventory.disposeStock'>, InputOf<'inventory.disposeStock'>>({
      query: (input) => call('inventory.disposeStock', input),
      invalidatesTags: [...watched],
    }),
    swSuppliers: build.query<OutputOf<'inventory.listSuppliers'>, void>({
      query: () => call('inventory.listSuppliers', {}),
      providesTags: ['inventory'],
    }),
    swRecalls: build.query<OutputOf<'inventory.listRecalls'>, void>({
      query: () => call('inventory.listRecalls', {}),
      providesTags: [...watched],
    }),
    swEnterRecall: build.mutation<OutputOf<'inventory.enterRecall'>, InputOf<'inventory.enterRecall'>>({
      query: (input) => call('inventory.enterRecall', input),
      invalidatesTags: [...watched],
    }),
    swRecallTrace: build.query<OutputOf<'inventory.recallTrace'>, string>({
      query: (recallId) => call('inventory.recallTrace', { recallId }),
      providesTags: [...watched, 'sales'],
    }),
    swRecallCsv: build.mutation<OutputOf<'inventory.exportRecallTraceCsv'>, string>({
      query: (recallId) => call('inventory.exportRecallTraceCsv', { recallId }),
    }),
    swStartStocktake: build.mutation<OutputOf<'inventory.startStocktake'>, InputOf<'inventory.startStocktake'>>({
      query: (input) => call('inventory.startStocktake', input),
      invalidatesTags: ['inventory'],
    }),
    swStocktakes: build.query<OutputOf<'inventory.listStocktakes'>, void>({
      query: () => call('inventory.listStocktakes', {}),
      providesTags: ['inventory'],
    }),
    swCountSheet: build.query<OutputOf<'inventory.getCountSheet'>, string>({
      query: (stocktakeId) => call('inventory.getCountSheet', { stocktakeId }),
      providesTags: ['inventory'],
    }),
    swRecordCount: build.mutation<OutputOf<'inventory.recordCount'>, InputOf<'inventory.recordCount'>>({
      query: (input) => call('inventory.recordCount', input),
      invalidatesTags: ['inventory'],
    }),
    swReviewStocktake: build.mutation<OutputOf<'inventory.reviewStocktake'>, InputOf<'inventory.reviewStocktake'>>({
      query: (input) => call('inventory.reviewStocktake', input),
      invalidatesTags: ['inventory'],
    }),
    swApproveStocktake: build.mutation<OutputOf<'inventory.approveStocktake'>, InputOf<'inventory.approveStocktake'>>({
      query: (input) => call('inventory.approveStocktake', input),
      invalidatesTags: [...watched],
    }),
    swReadCountScan: build.mutation<OutputOf<'inventory.readCountScan'>, InputOf<'inventory.readCountScan'>>({
      query: (input) => call('inventory.readCountScan', input),
    }),
    swProductForecast: build.query<OutputOf<'inventory.productForecast'>, InputOf<'inventory.productForecast'>>({
      query: (input) => call('inventory.productForecast', input),
      providesTags: [...watched],
    }),
  }),
});

export const {
  useSwExpiryReportQuery,
  useSwExpiryAlertsQuery,
  useSwAcknowledgeAlertsMutation,
  useSwQuarantineQuery,
  useSwQuarantineStockMutation,
  useSwReleaseMutation,
  useSwDisposeMutation,
  useSwSuppliersQuery,
  useSwRecallsQuery,
  useSwEnterRecallMutation,
  useSwRecallTraceQuery,
  useSwRecallCsvMutation,
  useSwStartStocktakeMutation,
  useSwCountSheetQuery,
  useSwStocktakesQuery,
  useSwRecordCountMutation,
  useSwReviewStocktakeMutation,
  useSwApproveStocktakeMutation,
  useSwReadCountScanMutation,
  useSwProductForecastQuery,
} = stockWatchApi;
