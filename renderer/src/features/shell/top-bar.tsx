import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { useGetSetupStatusQuery } from '../../app/api.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { Kbd } from '../../ui/field.js';
import { SyncIndicator } from '../sync/sync-indicator.js';
import { languageChosen, languages, themeChosen, toggledTheme, type Language } from './preferences-slice.js';

export type TopBarProps = { session: SessionInfo; bridgeKind: string; onLock: () => void; onLogout: () => void };

export function TopBar({ session, bridgeKind, onLock, onLogout }: TopBarProps) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const theme = useAppSelector((s) => s.preferences.theme);
  const connection = useAppSelector((s) => s.connection.status);
  const { data: status } = useGetSetupStatusQuery();
  const connectionLabel = bridgeKind === 'electron' ? t('connection.desktop') : t(`connection.${connection}`);
  return (
    <header className="topbar">
      <div className="topbar-place">
        <span className="brand" aria-hidden="true">
          ⚕
        </span>
        <span className="pharmacy-name">{status?.pharmacy?.name ?? t('app.name')}</span>
        <span className="terminal-name">{session.terminal.name}</span>
      </div>
      <div className="topbar-tools">
        <SyncIndicator />
        <span className={`connection connection-${connection}`} data-testid="connection-state">
          <span className="dot" aria-hidden="true" />
          {connectionLabel}
        </span>
        <span className="user" data-testid="topbar-user">
          <strong>{session.user.displayName}</strong>
          <span className="role">{t(`roles.${session.user.role}`)}</span>
        </span>
        <button type="button" className="ghost" data-testid="theme-toggle" onClick={() => dispatch(themeChosen(toggledTheme(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light')))}
          title={t('topbar.themeHint')}>
          {t('topbar.theme', { theme: t(`theme.${theme}`) })}
        </button>
        <label className="visually-hidden" htmlFor="language-select">
          {t('topbar.language')}
        </label>
        <select id="language-select" data-testid="language-select" className="ghost" value={i18n.language}
          onChange={(e) => dispatch(languageChosen(e.target.value as Language))}>
          {languages.map((l) => (
            <option key={l} value={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </select>
        <button type="button" data-testid="topbar-lock" onClick={onLock}>
          {t('topbar.lock')} <Kbd>Ctrl+L</Kbd>
        </button>
        <button type="button" data-testid="topbar-logout" onClick={onLogout}>
          {t('topbar.logout')} <Kbd>Ctrl+Shift+L</Kbd>
        </button>
      </div>
    </header>
  );
}
