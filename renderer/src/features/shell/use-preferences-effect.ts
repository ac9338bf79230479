import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { GS_SUBSTITUTE_KEY, LANGUAGE_KEY, THEME_KEY } from './preferences-slice.js';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function prefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Applies the chosen theme and language to the document and keeps them for the next start. */
export function usePreferencesEffect(): void {
  const { theme, language, gsSubstitute } = useAppSelector((s) => s.preferences);
  const { i18n } = useTranslation();
  const [systemDark, setSystemDark] = useState(prefersDark);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const changed = () => setSystemDark(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);

  useEffect(() => {
    const effective = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
    document.documentElement.dataset.theme = effective;
    storage()?.setItem(THEME_KEY, theme);
  }, [theme, systemDark]);

  useEffect(() => {
    if (language === null) return;
    storage()?.setItem(LANGUAGE_KEY, language);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);

  useEffect(() => {
    if (gsSubstitute === undefined) return;
    if (gsSubstitute === null) storage()?.removeItem(GS_SUBSTITUTE_KEY);
    else storage()?.setItem(GS_SUBSTITUTE_KEY, gsSubstitute);
  }, [gsSubstitute]);

  useEffect(() => {
    const onChange = (lng: string) => {
      document.documentElement.lang = lng;
    };
    document.documentElement.lang = i18n.language;
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [i18n]);
}
