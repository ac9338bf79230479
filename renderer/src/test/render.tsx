import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { createAppStore, type AppStore } from '../app/store.js';
import { createI18n } from '../i18n/i18n.js';
import type { FakeBridge } from './fake-bridge.js';

export type Rendered = RenderResult & { store: AppStore };

/** Renders inside the real store and i18n, talking to the given fake bridge. */
export function renderWith(ui: ReactElement, bridge: FakeBridge, language: 'en' | 'de' = 'en'): Rendered {
  const store = createAppStore(bridge, { preferences: { theme: 'light', language } });
  const i18n = createI18n(language);
  const result = render(
    <Provider store={store}>
      <I18nextProvider i18n={i18n}>{ui}</I18nextProvider>
    </Provider>,
  );
  return { ...result, store };
}

export { cleanup };
