// The Prescriptions section (F2): its tabs, those the user's role may use, in the keyboard tab pattern.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { useAppSelector } from '../../app/hooks.js';
import { prescriptionsTabs, type PrescriptionsTab } from './prescriptions-tabs.js';

export function visibleTabs(session: SessionInfo, tabs: readonly PrescriptionsTab[] = prescriptionsTabs): PrescriptionsTab[] {
  return tabs.filter((tab) => tab.permission === undefined || session.permissions.includes(tab.permission));
}

export function PrescriptionsScreen({ session, tabs = prescriptionsTabs }: { session: SessionInfo; tabs?: readonly PrescriptionsTab[] }) {
  const { t } = useTranslation();
  const shown = visibleTabs(session, tabs);
  const [chosen, setChosen] = useState<string | null>(null);
  const current = shown.find((tab) => tab.id === chosen) ?? shown[0];
  const focusRequest = useAppSelector((s) => s.navigation.focusRequest);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  useEffect(() => {
    if (current) tabRefs.current[current.id]?.focus();
  }, [focusRequest]); // eslint-disable-line react-hooks/exhaustive-deps

  // The tab pattern: arrows move between tabs and show them at once.
  const onTabKey = (e: KeyboardEvent) => {
    if (!current) return;
    const i = shown.indexOf(current);
    const n = shown.length;
    const next =
      e.key === 'ArrowRight' ? shown[(i + 1) % n]
      : e.key === 'ArrowLeft' ? shown[(i + n - 1) % n]
      : e.key === 'Home' ? shown[0]
      : e.key === 'End' ? shown[n - 1]
      : undefined;
    if (!next) return;
    e.preventDefault();
    setChosen(next.id);
    tabRefs.current[next.id]?.focus();
  };

  return (
    <section className="prescriptions" aria-labelledby="prescriptions-title" data-testid="prescriptions">
      <h2 id="prescriptions-title">{t('prescriptions.title')}</h2>
      {current === undefined ? (
        <p className="banner banner-info" data-testid="prescriptions-no-access">
          {t('prescriptions.noAccess')}
        </p>
      ) : (
        <>
          <div role="tablist" aria-label={t('prescriptions.title')} className="tabs" onKeyDown={onTabKey}>
            {shown.map((tab) => (
              <button key={tab.id} type="button" role="tab" id={`rx-tab-${tab.id}`} aria-controls={`rx-panel-${tab.id}`}
                aria-selected={tab.id === current.id} tabIndex={tab.id === current.id ? 0 : -1} data-testid={`rx-tab-${tab.id}`}
                ref={(el) => {
                  tabRefs.current[tab.id] = el;
                }}
                onClick={() => setChosen(tab.id)}>
                {t(tab.labelKey)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`rx-panel-${current.id}`} aria-labelledby={`rx-tab-${current.id}`}>
            {current.render({ session })}
          </div>
        </>
      )}
    </section>
  );
}
