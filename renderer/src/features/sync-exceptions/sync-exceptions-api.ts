// The sync exceptions over the bridge, injected into the one API. Acknowledging announces the `audit` topic,
// so the list and the top bar's count refresh; a pull that merged new facts announces its own topics. The
// list is never polled: a poll would count as someone working at the counter and keep it from locking.
import type { InputOf, OutputOf } from '@mortar/main/contract';
import { operations } from '@mortar/main/contract';
import { api } from '../../app/api.js';

/** Every topic a pull can announce (whatever it merged may have raised an exception), and acknowledgements. */
const exceptionTopics = ['audit', 'stock', 'inventory', 'catalog', 'settings', 'sales', 'rx', 'patients'] as const;

export const syncExceptionsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listSyncExceptions: build.query<OutputOf<'sync.listExceptions'>, InputOf<'sync.listExceptions'>>({
      query: (input) => ({ op: 'sync.listExceptions', input }),
      providesTags: [...exceptionTopics],
    }),
    acknowledgeSyncException: build.mutation<OutputOf<'sync.acknowledgeException'>, InputOf<'sync.acknowledgeException'>>({
      query: (input) => ({ op: 'sync.acknowledgeException', input }),
      invalidatesTags: [...operations['sync.acknowledgeException'].topics],
    }),
  }),
});

export const { useListSyncExceptionsQuery, useAcknowledgeSyncExceptionMutation } = syncExceptionsApi;
