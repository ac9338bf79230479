// Which shift tool is open over the checkout, and the Z report just produced: it stays on screen after the
// shift has closed, until the cashier has read it, before the gate asks for the next shift's float.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ShiftReport } from '@mortar/main/contract';
import { api } from '../../app/api.js';

export type ShiftPanel = 'cashMovement' | 'xReport' | 'close' | 'rates' | 'history';

export type ShiftUiState = { panel: ShiftPanel | null; zReport: ShiftReport | null };

export const shiftSlice = createSlice({
  name: 'shift',
  initialState: (): ShiftUiState => ({ panel: null, zReport: null }),
  reducers: {
    panelOpened(state, action: PayloadAction<ShiftPanel>) {
      state.panel = action.payload;
    },
    panelClosed(state) {
      state.panel = null;
    },
    shiftClosed(state, action: PayloadAction<ShiftReport>) {
      state.panel = null;
      state.zReport = action.payload;
    },
    zReportDismissed(state) {
      state.zReport = null;
    },
  },
  extraReducers: (builder) => builder.addMatcher(api.util.resetApiState.match, () => ({ panel: null, zReport: null })),
});

export const { panelOpened, panelClosed, shiftClosed, zReportDismissed } = shiftSlice.actions;
