import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useGetSessionQuery, useGetSettingsQuery, useGetSetupStatusQuery } from './api.js';
import { errorWords } from './api-error.js';
import { useAppSelector } from './hooks.js';
import { LoginScreen } from '../features/auth/login-screen.js';
import { SetupScreen } from '../features/setup/setup-screen.js';
import { AppFrame } from '../features/shell/app-frame.js';
import { languageOf } from '../features/shell/preferences-slice.js';
import { usePreferencesEffect } from '../features/shell/use-preferences-effect.js';
import type { UiBridge } from './bridge.js';

export function App({ bridge }: { bridge: Pick<UiBridge, 'kind'> }) {
  const status = useAppSelector((s) => s.connection.status);
  usePreferencesEffect();
  return status === 'open' ? <SessionGate bridgeKind={bridge.kind} /> : <ConnectionScreen />;
}

function ConnectionScreen() {
  const { t } = useTranslation();
  const { status, retryInMs, sessionLost } = useAppSelector((s) => s.connection);
  return (
    <main className="screen screen-centered">
      <div className="card" role="status" aria-live="polite" data-testid="connection-screen">
        <h1>{t('app.name')}</h1>
        <p className="lead">
          <span className="spinner" aria-hidden="true" />
          {status === 'reconnecting' || sessionLost ? t('app.reconnecting') : t('app.connecting')}
        </p>
        {retryInMs !== null ? <p className="muted">{t('app.retryIn', { count: Math.ceil(retryInMs / 1000) })}</p> : null}
      </div>
    </main>
  );
}

function SessionGate({ bridgeKind }: { bridgeKind: string }) {
  const { t } = useTranslation();
  const setupStatus = useGetSetupStatusQuery();
  const session = useGetSessionQuery();
  const setupInProgress = useAppSelector((s) => s.setup.inProgress);
  const initialized = setupStatus.data?.initialized === true;
  const settings = useGetSettingsQuery(undefined, { skip: !initialized });
  useTerminalLanguage(settings.data?.locale ?? setupStatus.data?.pharmacy?.locale ?? null);

  const failed = setupStatus.error ?? session.error;
  if (failed && (!setupStatus.data || session.data === undefined)) {
    return (
      <main className="screen screen-centered">
        <div className="card" role="alert">
          <h1>{t('app.name')}</h1>
          <p className="banner banner-error">{t('app.loadFailed', { reason: errorWords(t, failed) })}</p>
          <div className="actions">
            <button type="button" className="primary" autoFocus
              onClick={() => {
                void setupStatus.refetch();
                void session.refetch();
              }}>
              {t('app.retry')}
            </button>
          </div>
        </div>
      </main>
    );
  }
  if (!setupStatus.data || session.data === undefined) {
    return (
      <main className="screen screen-centered">
        <p className="lead" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('app.loading')}
        </p>
      </main>
    );
  }
  if (!initialized || setupInProgress) return <SetupScreen />;
  if (!session.data) return <LoginScreen />;
  return <AppFrame session={session.data} bridgeKind={bridgeKind} />;
}

/** Until someone at this terminal picks a language, the terminal's configured one applies. */
function useTerminalLanguage(locale: string | null) {
  const { i18n } = useTranslation();
  const chosen = useAppSelector((s) => s.preferences.language);
  useEffect(() => {
    if (chosen !== null || !locale) return;
    const language = languageOf(locale);
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [chosen, locale, i18n]);
}
