// The controlled-drug register's endpoints, injected into the one RTK Query api; a dispense or any stock
// change (topics rx and stock) refreshes an open register.
import type { InputOf, OperationName, OutputOf } from '@mortar/main/contract';
import { api, type Call } from '../../app/api.js';

function call<N extends OperationName>(op: N, input: InputOf<N>): Call {
  return { op, input };
}

export const controlledRegisterApi = api.injectEndpoints({
  endpoints: (build) => ({
    listControlledProducts: build.query<OutputOf<'rx.listControlledProducts'>, void>({
      query: () => call('rx.listControlledProducts', {}),
      providesTags: ['rx', 'stock', 'catalog'],
    }),
    controlledRegister: build.query<OutputOf<'rx.controlledRegister'>, InputOf<'rx.controlledRegister'>>({
      query: (input) => call('rx.controlledRegister', input),
      providesTags: ['rx', 'stock'],
    }),
  }),
});

export const { useListControlledProductsQuery, useControlledRegisterQuery } = controlledRegisterApi;
