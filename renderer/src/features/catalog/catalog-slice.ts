import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** The browser's place survives a section switch or a lock: the cashier comes back to where they were. */
export type CatalogState = { query: string; selected: number; openProductId: string | null };

export const catalogSlice = createSlice({
  name: 'catalog',
  initialState: (): CatalogState => ({ query: '', selected: 0, openProductId: null }),
  reducers: {
    queryTyped(state, action: PayloadAction<string>) {
      state.query = action.payload;
      state.selected = 0;
    },
    selectionMoved(state, action: PayloadAction<{ by: number; count: number }>) {
      const { by, count } = action.payload;
      if (count === 0) return;
      state.selected = Math.min(count - 1, Math.max(0, state.selected + by));
    },
    resultPointed(state, action: PayloadAction<number>) {
      state.selected = action.payload;
    },
    productOpened(state, action: PayloadAction<string>) {
      state.openProductId = action.payload;
    },
    productClosed(state) {
      state.openProductId = null;
    },
  },
});

export const { queryTyped, selectionMoved, resultPointed, productOpened, productClosed } = catalogSlice.actions;
