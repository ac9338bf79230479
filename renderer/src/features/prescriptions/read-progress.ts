// How far the core has got reading a page, from its progress notices: keyed by the id the screen chose for
// the read, so a second window reading its own page never shows this one's progress.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { CallProgress } from '@mortar/main/contract';

export type ReadProgressState = Record<string, { stage: string; fraction: number }>;

export const readProgressSlice = createSlice({
  name: 'readProgress',
  initialState: (): ReadProgressState => ({}),
  reducers: {
    progressNoticed(state, action: PayloadAction<CallProgress>) {
      const { requestId, stage, fraction } = action.payload;
      state[requestId] = { stage, fraction };
    },
    progressForgotten(state, action: PayloadAction<string>) {
      delete state[action.payload];
    },
  },
});

export const { progressNoticed, progressForgotten } = readProgressSlice.actions;
