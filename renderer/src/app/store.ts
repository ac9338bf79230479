import { combineReducers, configureStore } from '@reduxjs/toolkit';
import { api, type ThunkExtra } from './api.js';
import type { UiBridge } from './bridge.js';
import { connectionSlice, transportChanged } from './connection-slice.js';
import { catalogSlice } from '../features/catalog/catalog-slice.js';
import { cartSlice } from '../features/checkout/cart-slice.js';
import { navigationSlice } from '../features/shell/navigation-slice.js';
import { preferencesSlice, type PreferencesState } from '../features/shell/preferences-slice.js';
import { setupSlice } from '../features/setup/setup-slice.js';
import { shiftSlice } from '../features/shifts/shift-slice.js';
import { progressNoticed, readProgressSlice } from '../features/prescriptions/read-progress.js';

const rootReducer = combineReducers({
  [api.reducerPath]: api.reducer,
  connection: connectionSlice.reducer,
  preferences: preferencesSlice.reducer,
  navigation: navigationSlice.reducer,
  setup: setupSlice.reducer,
  catalog: catalogSlice.reducer,
  cart: cartSlice.reducer,
  shift: shiftSlice.reducer,
  readProgress: readProgressSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export type AppStoreOptions = { preferences?: PreferencesState };

/** One store per window, wired to its bridge: change notices refresh queries, a dropped link ends the session. */
export function createAppStore(bridge: UiBridge, options: AppStoreOptions = {}) {
  const extra: ThunkExtra = { bridge };
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: {
      connection: { status: bridge.status, retryInMs: null, sessionLost: false },
      ...(options.preferences ? { preferences: options.preferences } : {}),
    },
    middleware: (getDefault) =>
      getDefault({
        thunk: { extraArgument: extra },
        // A catalog page is a few hundred rows: the development-only checks may take a little longer.
        immutableCheck: { warnAfter: 200 },
        serializableCheck: { warnAfter: 200 },
      }).concat(api.middleware),
  });
  bridge.onChange((notice) => {
    if (notice.progress) store.dispatch(progressNoticed(notice.progress));
    if (notice.topics.length > 0) store.dispatch(api.util.invalidateTags(notice.topics));
  });
  bridge.onConnection((event) => {
    store.dispatch(transportChanged(event));
    if (event.sessionLost && event.status !== 'open') store.dispatch(api.util.resetApiState());
  });
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
export type AppDispatch = AppStore['dispatch'];
