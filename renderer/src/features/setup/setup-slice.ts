import { createSlice } from '@reduxjs/toolkit';

/**
 * First run spans two calls (initialize, then the optional demo load); the setup screen stays up until both
 * are done, although the core already reports the terminal as set up after the first.
 */
export type SetupState = { inProgress: boolean };

export const setupSlice = createSlice({
  name: 'setup',
  initialState: (): SetupState => ({ inProgress: false }),
  reducers: {
    setupSubmitted(state) {
      state.inProgress = true;
    },
    setupFinished(state) {
      state.inProgress = false;
    },
    setupAbandoned(state) {
      state.inProgress = false;
    },
  },
});

export const { setupSubmitted, setupFinished, setupAbandoned } = setupSlice.actions;
