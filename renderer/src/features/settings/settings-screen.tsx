import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { settingsTabChosen, settingsTabs, type SettingsTab } from '../shell/navigation-slice.js';
import { AppearancePanel } from './appearance-panel.js';
import { TerminalSettingsPanel } from './terminal-settings.js';
import { UsersPanel } from './users-panel.js';
import { PrintersPanel } from '../printing/printers-panel.js';
import { ScannersPanel } from '../scanning/scanners-panel.js';

export function SettingsScreen({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const tab = useAppSelector((s) => s.navigation.settingsTab);
  const focusRequest = useAppSelector((s) => s.navigation.focusRequest);
  const tabRefs = useRef<Partial<Record<SettingsTab, HTMLButtonElement | null>>>({});

  useEffect(() => tabRefs.current[tab]?.focus(), [focusRequest]); // eslint-disable-line react-hooks/exhaustive-deps

  // The tab pattern: arrows move between tabs and show them at once.
  const onTabKey = (e: KeyboardEvent) => {
    const i = settingsTabs.indexOf(tab);
    const next =
      e.key === 'ArrowRight' ? settingsTabs[(i + 1) % settingsTabs.length]
      : e.key === 'ArrowLeft' ? settingsTabs[(i + settingsTabs.length - 1) % settingsTabs.length]
      : e.key === 'Home' ? settingsTabs[0]
      : e.key === 'End' ? settingsTabs[settingsTabs.length - 1]
      : undefined;
    if (!next) return;
    e.preventDefault();
    dispatch(settingsTabChosen(next));
    tabRefs.current[next]?.focus();
  };

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('nav.settings')}</h2>
      <div role="tablist" aria-label={t('nav.settings')} className="tabs" onKeyDown={onTabKey}>
        {settingsTabs.map((name) => (
          <button key={name} type="button" role="tab" id={`settings-tab-${name}`} data-testid={`settings-tab-${name}`}
            aria-selected={tab === name} aria-controls={`settings-panel-${name}`} tabIndex={tab === name ? 0 : -1}
            ref={(el) => {
              tabRefs.current[name] = el;
            }}
            onClick={() => dispatch(settingsTabChosen(name))}>
            {t(`settings.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`settings-panel-${tab}`} aria-labelledby={`settings-tab-${tab}`}>
        {tab === 'users' ? <UsersPanel session={session} /> : null}
        {tab === 'terminal' ? <TerminalSettingsPanel session={session} /> : null}
        {tab === 'terminal' ? <PrintersPanel session={session} /> : null}
        {tab === 'terminal' ? <ScannersPanel session={session} /> : null}
        {tab === 'appearance' ? <AppearancePanel /> : null}
      </div>
    </section>
  );
}
