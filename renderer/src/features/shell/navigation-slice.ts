import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** The sections of the frame, in the order of their function keys F1–F6. */
export const sections = ['checkout', 'prescriptions', 'inventory', 'customers', 'reports', 'settings'] as const;
export type Section = (typeof sections)[number];

export const settingsTabs = ['users', 'terminal', 'appearance'] as const;
export type SettingsTab = (typeof settingsTabs)[number];

export type NavigationState = {
  section: Section;
  settingsTab: SettingsTab;
  /** Bumped whenever a section is (re)entered by key, so it puts the focus where the next keystroke goes. */
  focusRequest: number;
  /** Bumped by "/": the catalog search is wanted, whichever tab of the Inventory section was open. */
  searchRequest: number;
  /** A page shown in place of its section's own screen (the sync exceptions, under Reports); null: the section's. */
  page?: Page | null;
};

/** Pages reached from the sidebar or the top bar rather than by a function key. */
export const pages = ['syncExceptions'] as const;
export type Page = (typeof pages)[number];

export const navigationSlice = createSlice({
  name: 'navigation',
  initialState: (): NavigationState => ({ section: 'inventory', settingsTab: 'users', focusRequest: 0, searchRequest: 0 }),
  reducers: {
    sectionChosen(state, action: PayloadAction<Section>) {
      state.page = null;
      state.section = action.payload;
      state.focusRequest++;
    },
    searchRequested(state) {
      state.page = null;
      state.section = 'inventory';
      state.focusRequest++;
      state.searchRequest++;
    },
    settingsTabChosen(state, action: PayloadAction<SettingsTab>) {
      state.settingsTab = action.payload;
    },
    /** The sync exceptions, a manager's page under Reports: from the sidebar or the top bar's count. */
    syncExceptionsOpened(state) {
      state.section = 'reports';
      state.page = 'syncExceptions';
      state.focusRequest++;
    },
  },
});

export const { sectionChosen, searchRequested, settingsTabChosen } = navigationSlice.actions;
export const { syncExceptionsOpened } = navigationSlice.actions;
