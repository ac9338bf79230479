import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { App } from './app/app.js';
import { chooseBridge } from './app/bridge.js';
import { createAppStore } from './app/store.js';
import { languageOf, loadPreferences } from './features/shell/preferences-slice.js';
import { createI18n } from './i18n/i18n.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/checkout.css';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const preferences = loadPreferences(storage());
const i18n = createI18n(preferences.language ?? languageOf(navigator.language) ?? 'en');
const bridge = chooseBridge(window);
const store = createAppStore(bridge, { preferences });
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Provider store={store}>
      <I18nextProvider i18n={i18n}>
        <App bridge={bridge} />
      </I18nextProvider>
    </Provider>
  </StrictMode>,
);
