import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { gsSubstitutes, type GsSubstitute } from '../checkout/wedge-detector.js';

export const themeChoices = ['light', 'dark', 'system'] as const;
export type ThemeChoice = (typeof themeChoices)[number];
export const languages = ['en', 'de'] as const;
export type Language = (typeof languages)[number];

export type PreferencesState = {
  theme: ThemeChoice;
  /** Null until someone at this terminal picks one; then the terminal's configured language applies. */
  language: Language | null;
  /** The character this terminal's keyboard-wedge scanner sends for GS, when it cannot send character 29. */
  gsSubstitute?: GsSubstitute | null;
};

export const THEME_KEY = 'mortar.theme';
export const LANGUAGE_KEY = 'mortar.language';
export const GS_SUBSTITUTE_KEY = 'mortar.gsSubstitute';

export function isGsSubstitute(value: unknown): value is GsSubstitute {
  return typeof value === 'string' && (gsSubstitutes as readonly string[]).includes(value);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language part of a locale tag ('de-AT' → 'de'), or null when we do not speak it. */
export function languageOf(locale: string | null | undefined): Language | null {
  const base = locale?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : null;
}

export function loadPreferences(storage: Pick<Storage, 'getItem'> | null): PreferencesState {
  const theme = storage?.getItem(THEME_KEY);
  const language = storage?.getItem(LANGUAGE_KEY);
  const gsSubstitute = storage?.getItem(GS_SUBSTITUTE_KEY);
  return {
    theme: (themeChoices as readonly (string | null | undefined)[]).includes(theme) ? (theme as ThemeChoice) : 'system',
    language: isLanguage(language) ? language : null,
    gsSubstitute: isGsSubstitute(gsSubstitute) ? gsSubstitute : null,
  };
}

export const preferencesSlice = createSlice({
  name: 'preferences',
  initialState: (): PreferencesState => ({ theme: 'system', language: null, gsSubstitute: null }),
  reducers: {
    themeChosen(state, action: PayloadAction<ThemeChoice>) {
      state.theme = action.payload;
    },
    languageChosen(state, action: PayloadAction<Language>) {
      state.language = action.payload;
    },
    gsSubstituteChosen(state, action: PayloadAction<GsSubstitute | null>) {
      state.gsSubstitute = action.payload;
    },
  },
});

export const { themeChosen, languageChosen, gsSubstituteChosen } = preferencesSlice.actions;

/** The top bar's toggle flips what the screen shows now; "system" is chosen in Settings → Appearance. */
export function toggledTheme(shown: 'light' | 'dark'): ThemeChoice {
  return shown === 'dark' ? 'light' : 'dark';
}
