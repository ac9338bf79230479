// The sync status over the bridge, as endpoints injected into the one API: the status refreshes when a pull
// announces what it changed (its topics), and every few seconds so "last synced" and "waiting" stay true.
import type { OutputOf } from '@mortar/main/contract';
import { api } from '../../app/api.js';

export const SYNC_STATUS_POLL_MS = 10_000;

export const syncApi = api.injectEndpoints({
  endpoints: (build) => ({
    getSyncStatus: build.query<OutputOf<'sync.status'>, void>({
      query: () => ({ op: 'sync.status', input: {} }),
      // `audit`: a manager acknowledging an exception changes the count of open ones.
      providesTags: ['stock', 'inventory', 'catalog', 'settings', 'sales', 'audit'],
    }),
    syncNow: build.mutation<OutputOf<'sync.now'>, void>({
      query: () => ({ op: 'sync.now', input: {} }),
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(syncApi.util.upsertQueryData('getSyncStatus', undefined, data));
        } catch {
          // The indicator shows the error through the mutation's own result.
        }
      },
    }),
  }),
});

export const { useGetSyncStatusQuery, useSyncNowMutation } = syncApi;
