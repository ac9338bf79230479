// Server state: every call goes through the bridge as `invoke(op, input)`; tags are the contract's change
// topics, so a change notice from the core refreshes whatever an open screen shows.
import { createApi, type BaseQueryFn } from '@reduxjs/toolkit/query/react';
import {
  operations,
  topics,
  type ApiError,
  type InputOf,
  type OperationName,
  type OutputOf,
  type Override,
  type SessionInfo,
  type Topic,
} from '@mortar/main/contract';
import type { UiBridge } from './bridge.js';

export type Call = { op: OperationName; input: unknown; override?: Override };
/** An operation a manager may authorise for one call: the input, and the manager's credential when given. */
export type WithOverride<I> = { input: I; override?: Override | undefined };
export type ThunkExtra = { bridge: UiBridge };

function call<N extends OperationName>(op: N, input: InputOf<N>, override?: Override): Call {
  return override ? { op, input, override } : { op, input };
}

/** The topics a write announces, straight from the contract, so a mutation refreshes what it changed. */
function topicsOf(op: OperationName): Topic[] {
  return [...operations[op].topics];
}

const bridgeBaseQuery: BaseQueryFn<Call, unknown, ApiError> = async (c, base) => {
  const { bridge } = base.extra as ThunkExtra;
  let result;
  try {
    result = await bridge.invoke(c.op, c.input, c.override ? { override: c.override } : undefined);
  } catch (e: unknown) {
    return { error: { code: 'bridge.failed', message: e instanceof Error ? e.message : String(e) } };
  }
  if (result.ok) return { data: result.value };
  // The core is the judge of the session: when it says locked or gone, the UI follows at once.
  if (result.error.code === 'auth.sessionLocked') {
    base.dispatch(
      api.util.updateQueryData('getSession', undefined, (draft) => {
        if (draft) draft.locked = true;
      }),
    );
  } else if (result.error.code === 'auth.notLoggedIn') {
    base.dispatch(api.util.upsertQueryData('getSession', undefined, null));
  }
  return { error: result.error };
};

type SessionMutationHelpers = {
  dispatch: (action: unknown) => unknown;
  queryFulfilled: Promise<{ data: SessionInfo }>;
};

/** Login, unlock and setup answer with the new session: show it without another round trip. */
async function adoptSession({ dispatch, queryFulfilled }: SessionMutationHelpers): Promise<void> {
  try {
    const { data } = await queryFulfilled;
    dispatch(api.util.upsertQueryData('getSession', undefined, data));
  } catch {
    // The error reaches the screen through the mutation's own result.
  }
}

export const api = createApi({
  reducerPath: 'api',
  baseQuery: bridgeBaseQuery,
  tagTypes: topics,
  endpoints: (build) => ({
    getSetupStatus: build.query<OutputOf<'setup.getStatus'>, void>({
      query: () => call('setup.getStatus', {}),
      providesTags: ['settings', 'catalog'],
    }),
    initialize: build.mutation<SessionInfo, InputOf<'setup.initialize'>>({
      query: (input) => call('setup.initialize', input),
      onQueryStarted: (_arg, helpers) => adoptSession(helpers),
    }),
    loadDemo: build.mutation<OutputOf<'demo.loadDemo'>, void>({
      query: () => call('demo.loadDemo', {}),
      invalidatesTags: topicsOf('demo.loadDemo'),
    }),

    getSession: build.query<SessionInfo | null, void>({
      query: () => call('auth.getSession', {}),
      providesTags: ['session'],
    }),
    login: build.mutation<SessionInfo, InputOf<'auth.login'>>({
      query: (input) => call('auth.login', input),
      onQueryStarted: (_arg, helpers) => adoptSession(helpers),
    }),
    pinLogin: build.mutation<SessionInfo, InputOf<'auth.pinLogin'>>({
      query: (input) => call('auth.pinLogin', input),
      onQueryStarted: (_arg, helpers) => adoptSession(helpers),
    }),
    unlock: build.mutation<SessionInfo, InputOf<'auth.unlock'>>({
      query: (input) => call('auth.unlock', input),
      onQueryStarted: (_arg, helpers) => adoptSession(helpers),
      // Screens that were refused while locked ask again.
      invalidatesTags: (result) => (result ? ['session'] : []),
    }),
    lock: build.mutation<OutputOf<'auth.lock'>, void>({
      query: () => call('auth.lock', {}),
      // The screen locks at once, whatever the answer: unlocking needs the core anyway.
      onQueryStarted: (_arg, { dispatch }) => {
        dispatch(
          api.util.updateQueryData('getSession', undefined, (draft) => {
            if (draft) draft.locked = true;
          }),
        );
      },
    }),
    keepAlive: build.mutation<OutputOf<'auth.keepAlive'>, void>({
      query: () => call('auth.keepAlive', {}),
      // The core found the session idle: show the lock screen now rather than at the next call.
      onQueryStarted: async (_arg, { dispatch, queryFulfilled }) => {
        const { data } = await queryFulfilled.catch(() => ({ data: { locked: false } }));
        if (data.locked) {
          dispatch(
            api.util.updateQueryData('getSession', undefined, (draft) => {
              if (draft) draft.locked = true;
            }),
          );
        }
      },
    }),
    logout: build.mutation<OutputOf<'auth.logout'>, void>({
      query: () => call('auth.logout', {}),
      // Nothing of the last user's data may linger for the next one.
      onQueryStarted: async (_arg, { dispatch, queryFulfilled }) => {
        await queryFulfilled.catch(() => undefined);
        dispatch(api.util.resetApiState());
      },
    }),

    listUsers: build.query<OutputOf<'users.listUsers'>, InputOf<'users.listUsers'>>({
      query: (input) => call('users.listUsers', input),
      providesTags: ['users', 'session'],
    }),
    createUser: build.mutation<OutputOf<'users.createUser'>, InputOf<'users.createUser'>>({
      query: (input) => call('users.createUser', input),
      invalidatesTags: topicsOf('users.createUser'),
    }),
    updateUser: build.mutation<OutputOf<'users.updateUser'>, InputOf<'users.updateUser'>>({
      query: (input) => call('users.updateUser', input),
      invalidatesTags: topicsOf('users.updateUser'),
    }),
    setPassword: build.mutation<OutputOf<'users.setPassword'>, InputOf<'users.setPassword'>>({
      query: (input) => call('users.setPassword', input),
      invalidatesTags: topicsOf('users.setPassword'),
    }),
    setPin: build.mutation<OutputOf<'users.setPin'>, InputOf<'users.setPin'>>({
      query: (input) => call('users.setPin', input),
      invalidatesTags: topicsOf('users.setPin'),
    }),

    getSettings: build.query<OutputOf<'settings.getSettings'>, void>({
      query: () => call('settings.getSettings', {}),
      providesTags: ['settings'],
    }),
    updateSettings: build.mutation<OutputOf<'settings.updateSettings'>, InputOf<'settings.updateSettings'>>({
      query: (input) => call('settings.updateSettings', input),
      invalidatesTags: topicsOf('settings.updateSettings'),
    }),

    listAuditEntries: build.query<OutputOf<'audit.listEntries'>, InputOf<'audit.listEntries'>>({
      query: (input) => call('audit.listEntries', input),
      // Every write leaves an audit entry, whatever topic it announces.
      providesTags: [...topics],
    }),
    verifyAuditChain: build.mutation<OutputOf<'audit.verifyChain'>, void>({
      query: () => call('audit.verifyChain', {}),
    }),

    searchProducts: build.query<OutputOf<'catalog.searchProducts'>, InputOf<'catalog.searchProducts'>>({
      query: (input) => call('catalog.searchProducts', input),
      providesTags: ['catalog', 'stock', 'session'],
    }),
    getProduct: build.query<OutputOf<'catalog.getProduct'>, InputOf<'catalog.getProduct'>>({
      query: (input) => call('catalog.getProduct', input),
      providesTags: ['catalog', 'stock', 'session'],
    }),

    getCurrentShift: build.query<OutputOf<'shifts.getCurrentShift'>, void>({
      query: () => call('shifts.getCurrentShift', {}),
      providesTags: ['shifts', 'session'],
    }),
    openShift: build.mutation<OutputOf<'shifts.openShift'>, InputOf<'shifts.openShift'>>({
      query: (input) => call('shifts.openShift', input),
      invalidatesTags: topicsOf('shifts.openShift'),
    }),
    recordCashMovement: build.mutation<OutputOf<'shifts.recordCashMovement'>, WithOverride<InputOf<'shifts.recordCashMovement'>>>({
      query: ({ input, override }) => call('shifts.recordCashMovement', input, override),
      invalidatesTags: topicsOf('shifts.recordCashMovement'),
    }),
    // A report is a snapshot taken when asked for, with a manager's credential when the role needs one: a
    // mutation, so it is never cached (nor is the credential kept in the store).
    getXReport: build.mutation<OutputOf<'shifts.getXReport'>, WithOverride<InputOf<'shifts.getXReport'>>>({
      query: ({ input, override }) => call('shifts.getXReport', input, override),
    }),
    printXReport: build.mutation<OutputOf<'printing.printXReport'>, WithOverride<InputOf<'printing.printXReport'>>>({
      query: ({ input, override }) => call('printing.printXReport', input, override),
    }),
    closeShift: build.mutation<OutputOf<'shifts.closeShift'>, InputOf<'shifts.closeShift'>>({
      query: (input) => call('shifts.closeShift', input),
      invalidatesTags: topicsOf('shifts.closeShift'),
    }),

    // A scan is looked up afresh every time (stock moves): a mutation, never a cached query.
    lookupScan: build.mutation<OutputOf<'sales.lookupScan'>, InputOf<'sales.lookupScan'>>({
      query: (input) => call('sales.lookupScan', input),
    }),
    priceCart: build.query<OutputOf<'sales.priceCart'>, InputOf<'sales.priceCart'>>({
      query: (input) => call('sales.priceCart', input),
      providesTags: ['catalog', 'stock', 'sales', 'settings', 'session'],
    }),
    authorizeDiscount: build.mutation<OutputOf<'sales.authorizeDiscount'>, WithOverride<InputOf<'sales.authorizeDiscount'>>>({
      query: ({ input, override }) => call('sales.authorizeDiscount', input, override),
      invalidatesTags: topicsOf('sales.authorizeDiscount'),
    }),
    completeSale: build.mutation<OutputOf<'sales.completeSale'>, InputOf<'sales.completeSale'>>({
      query: (input) => call('sales.completeSale', input),
      invalidatesTags: topicsOf('sales.completeSale'),
    }),
    findByReceipt: build.mutation<OutputOf<'sales.findByReceipt'>, InputOf<'sales.findByReceipt'>>({
      query: (input) => call('sales.findByReceipt', input),
    }),
    getSale: build.query<OutputOf<'sales.getSale'>, InputOf<'sales.getSale'>>({
      query: (input) => call('sales.getSale', input),
      providesTags: ['sales', 'session'],
    }),
    listSales: build.query<OutputOf<'sales.listSales'>, InputOf<'sales.listSales'>>({
      query: (input) => call('sales.listSales', input),
      providesTags: ['sales', 'session'],
    }),
    returnItems: build.mutation<OutputOf<'sales.returnItems'>, WithOverride<InputOf<'sales.returnItems'>>>({
      query: ({ input, override }) => call('sales.returnItems', input, override),
      invalidatesTags: topicsOf('sales.returnItems'),
    }),
    voidSale: build.mutation<OutputOf<'sales.voidSale'>, WithOverride<InputOf<'sales.voidSale'>>>({
      query: ({ input, override }) => call('sales.voidSale', input, override),
      invalidatesTags: topicsOf('sales.voidSale'),
    }),
    listExchangeRates: build.query<OutputOf<'sales.listExchangeRates'>, void>({
      query: () => call('sales.listExchangeRates', {}),
      providesTags: ['sales', 'settings', 'session'],
    }),
    setExchangeRate: build.mutation<OutputOf<'sales.setExchangeRate'>, WithOverride<InputOf<'sales.setExchangeRate'>>>({
      query: ({ input, override }) => call('sales.setExchangeRate', input, override),
      invalidatesTags: topicsOf('sales.setExchangeRate'),
    }),
    getStoreCredit: build.mutation<OutputOf<'sales.getStoreCredit'>, InputOf<'sales.getStoreCredit'>>({
      query: (input) => call('sales.getStoreCredit', input),
    }),
  }),
});

export const {
  useGetSetupStatusQuery,
  useInitializeMutation,
  useLoadDemoMutation,
  useGetSessionQuery,
  useLoginMutation,
  usePinLoginMutation,
  useUnlockMutation,
  useLockMutation,
  useKeepAliveMutation,
  useLogoutMutation,
  useListUsersQuery,
  useCreateUserMutation,
  useUpdateUserMutation,
  useSetPasswordMutation,
  useSetPinMutation,
  useGetSettingsQuery,
  useUpdateSettingsMutation,
  useListAuditEntriesQuery,
  useVerifyAuditChainMutation,
  useSearchProductsQuery,
  useGetProductQuery,
  useGetCurrentShiftQuery,
  useOpenShiftMutation,
  useCloseShiftMutation,
  useLookupScanMutation,
  usePriceCartQuery,
  useCompleteSaleMutation,
  useFindByReceiptMutation,
  useGetSaleQuery,
  useListSalesQuery,
  useListExchangeRatesQuery,
  useGetStoreCreditMutation,
} = api;
