// The inventory endpoints of the Inventory section (stock card, receiving, suppliers, purchase orders,
// suggested orders), injected into the one RTK Query api. Reads provide the `stock` and `inventory` topics,
// so a change notice (a delivery received elsewhere, a sale) refreshes whatever is open.
import type { InputOf, OperationName, OutputOf } from '@mortar/main/contract';
import { api, type Call } from '../../app/api.js';

function call<N extends OperationName>(op: N, input: InputOf<N>): Call {
  return { op, input };
}

export const inventoryApi = api.injectEndpoints({
  endpoints: (build) => ({
    stockCard: build.query<OutputOf<'inventory.stockCard'>, InputOf<'inventory.stockCard'>>({
      query: (input) => call('inventory.stockCard', input),
      providesTags: ['stock', 'inventory'],
    }),
    listSuppliers: build.query<OutputOf<'inventory.listSuppliers'>, InputOf<'inventory.listSuppliers'>>({
      query: (input) => call('inventory.listSuppliers', input),
      providesTags: ['inventory'],
    }),
    createSupplier: build.mutation<OutputOf<'inventory.createSupplier'>, InputOf<'inventory.createSupplier'>>({
      query: (input) => call('inventory.createSupplier', input),
      invalidatesTags: ['inventory'],
    }),
    updateSupplier: build.mutation<OutputOf<'inventory.updateSupplier'>, InputOf<'inventory.updateSupplier'>>({
      query: (input) => call('inventory.updateSupplier', input),
      invalidatesTags: ['inventory'],
    }),
    receiveDelivery: build.mutation<OutputOf<'inventory.receiveDelivery'>, InputOf<'inventory.receiveDelivery'>>({
      query: (input) => call('inventory.receiveDelivery', input),
      invalidatesTags: ['stock', 'inventory'],
    }),
    listPurchaseOrders: build.query<OutputOf<'inventory.listPurchaseOrders'>, InputOf<'inventory.listPurchaseOrders'>>({
      query: (input) => call('inventory.listPurchaseOrders', input),
      providesTags: ['inventory'],
    }),
    getPurchaseOrder: build.query<OutputOf<'inventory.getPurchaseOrder'>, InputOf<'inventory.getPurchaseOrder'>>({
      query: (input) => call('inventory.getPurchaseOrder', input),
      providesTags: ['inventory', 'stock'],
    }),
    createPurchaseOrder: build.mutation<OutputOf<'inventory.createPurchaseOrder'>, InputOf<'inventory.createPurchaseOrder'>>({
      query: (input) => call('inventory.createPurchaseOrder', input),
      invalidatesTags: ['inventory'],
    }),
    updatePurchaseOrder: build.mutation<OutputOf<'inventory.updatePurchaseOrder'>, InputOf<'inventory.updatePurchaseOrder'>>({
      query: (input) => call('inventory.updatePurchaseOrder', input),
      invalidatesTags: ['inventory'],
    }),
    approvePurchaseOrder: build.mutation<OutputOf<'inventory.approvePurchaseOrder'>, InputOf<'inventory.approvePurchaseOrder'>>({
      query: (input) => call('inventory.approvePurchaseOrder', input),
      invalidatesTags: ['inventory'],
    }),
    sendPurchaseOrder: build.mutation<OutputOf<'inventory.sendPurchaseOrder'>, InputOf<'inventory.sendPurchaseOrder'>>({
      query: (input) => call('inventory.sendPurchaseOrder', input),
      invalidatesTags: ['inventory'],
    }),
    closePurchaseOrder: build.mutation<OutputOf<'inventory.closePurchaseOrder'>, InputOf<'inventory.closePurchaseOrder'>>({
      query: (input) => call('inventory.closePurchaseOrder', input),
      invalidatesTags: ['inventory'],
    }),
    cancelPurchaseOrder: build.mutation<OutputOf<'inventory.cancelPurchaseOrder'>, InputOf<'inventory.cancelPurchaseOrder'>>({
      query: (input) => call('inventory.cancelPurchaseOrder', input),
      invalidatesTags: ['inventory'],
    }),
    exportPurchaseOrder: build.mutation<OutputOf<'inventory.exportPurchaseOrder'>, InputOf<'inventory.exportPurchaseOrder'>>({
      query: (input) => call('inventory.exportPurchaseOrder', input),
      invalidatesTags: ['inventory'],
    }),
    importAcknowledgement: build.mutation<OutputOf<'inventory.importAcknowledgement'>, InputOf<'inventory.importAcknowledgement'>>({
      query: (input) => call('inventory.importAcknowledgement', input),
      invalidatesTags: ['inventory'],
    }),
    importInvoice: build.mutation<OutputOf<'inventory.importInvoice'>, InputOf<'inventory.importInvoice'>>({
      query: (input) => call('inventory.importInvoice', input),
      invalidatesTags: ['inventory'],
    }),
    suggestPurchaseOrders: build.mutation<OutputOf<'inventory.suggestPurchaseOrders'>, InputOf<'inventory.suggestPurchaseOrders'>>({
      query: (input) => call('inventory.suggestPurchaseOrders', input),
      invalidatesTags: ['inventory'],
    }),
  }),
});

export const {
  useStockCardQuery,
  useListSuppliersQuery,
  useCreateSupplierMutation,
  useUpdateSupplierMutation,
  useReceiveDeliveryMutation,
  useListPurchaseOrdersQuery,
  useGetPurchaseOrderQuery,
  useCreatePurchaseOrderMutation,
  useUpdatePurchaseOrderMutation,
  useApprovePurchaseOrderMutation,
  useSendPurchaseOrderMutation,
  useClosePurchaseOrderMutation,
  useCancelPurchaseOrderMutation,
  useExportPurchaseOrderMutation,
  useImportAcknowledgementMutation,
  useImportInvoiceMutation,
  useSuggestPurchaseOrdersMutation,
} = inventoryApi;
