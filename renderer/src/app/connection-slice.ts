import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConnectionEvent, ConnectionStatus } from './bridge.js';
import { api } from './api.js';

export type ConnectionState = {
  status: ConnectionStatus;
  retryInMs: number | null;
  /** The session ended because the connection dropped: the login screen says so until someone logs in. */
  sessionLost: boolean;
};

const initialState: ConnectionState = { status: 'connecting', retryInMs: null, sessionLost: false };

export const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {
    transportChanged(state, action: PayloadAction<ConnectionEvent>) {
      state.status = action.payload.status;
      state.retryInMs = action.payload.retryInMs ?? null;
      if (action.payload.sessionLost) state.sessionLost = true;
    },
  },
  extraReducers: (builder) => {
    const started = (state: ConnectionState) => {
      state.sessionLost = false;
    };
    builder
      .addMatcher(api.endpoints.login.matchFulfilled, started)
      .addMatcher(api.endpoints.pinLogin.matchFulfilled, started)
      .addMatcher(api.endpoints.initialize.matchFulfilled, started);
  },
});

export const { transportChanged } = connectionSlice.actions;
