import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { useKeepAliveMutation, useLockMutation, useLogoutMutation } from '../../app/api.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { AuditLog } from '../audit/audit-log.js';
import { LockScreen } from '../auth/lock-screen.js';
import { useAutoLock } from '../auth/use-auto-lock.js';
import { CheckoutScreen } from '../checkout/checkout-screen.js';
import { InventoryScreen } from '../inventory/inventory-screen.js';
import { ExpiryAlertsBadge } from '../stock-watch/expiry-alerts-panel.js';
import { CustomersScreen } from '../patients/customers-screen.js';
import { PrescriptionsScreen } from '../prescriptions/prescriptions-screen.js';
import { SettingsScreen } from '../settings/settings-screen.js';
import { SyncExceptionsNavItem } from '../sync-exceptions/sync-exceptions-nav.js';
import { SyncExceptionsScreen } from '../sync-exceptions/sync-exceptions-screen.js';
import { useGlobalKeys } from './global-keys.js';
import { searchRequested, sectionChosen, sections, type Section } from './navigation-slice.js';
import { TopBar } from './top-bar.js';

function SectionView({ section, session }: { section: Section; session: SessionInfo }) {
  switch (section) {
    case 'checkout':
      return <CheckoutScreen session={session} />;
    case 'prescriptions':
      return <PrescriptionsScreen session={session} />;
    case 'customers':
      return <CustomersScreen session={session} />;
    case 'inventory':
      return <InventoryScreen session={session} />;
    case 'reports':
      return <AuditLog session={session} />;
    case 'settings':
      return <SettingsScreen session={session} />;
  }
}

export function AppFrame({ session, bridgeKind }: { session: SessionInfo; bridgeKind: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const section = useAppSelector((s) => s.navigation.section);
  const page = useAppSelector((s) => s.navigation.page);
  const [lock] = useLockMutation();
  const [keepAlive] = useKeepAliveMutation();
  const [logout] = useLogoutMutation();
  const locked = session.locked;

  const lockNow = useCallback(() => void lock(), [lock]);
  const keys = useMemo(
    () => ({
      chooseSection: (s: Section) => dispatch(sectionChosen(s)),
      lock: lockNow,
      logout: () => void logout(),
      focusSearch: () => dispatch(searchRequested()),
    }),
    [dispatch, lockNow, logout],
  );
  useGlobalKeys(!locked, keys);
  const reportActivity = useCallback(() => void keepAlive(), [keepAlive]);
  useAutoLock({ enabled: !locked, idleMs: session.autoLockMs, onIdle: lockNow, onActive: reportActivity });

  // After an unlock the cashier carries on where they were: focus goes back to what had it before the lock.
  const lastFocus = useRef<HTMLElement | null>(null);
  const wasLocked = useRef(locked);
  useEffect(() => {
    if (wasLocked.current && !locked) {
      const target = lastFocus.current;
      if (target?.isConnected) target.focus();
      else dispatch(sectionChosen(section));
    }
    wasLocked.current = locked;
  }, [locked, dispatch, section]);

  return (
    <>
      <div className="frame" inert={locked} aria-hidden={locked || undefined}
        onFocus={(e) => {
          if (e.target instanceof HTMLElement) lastFocus.current = e.target;
        }}>
        <TopBar session={session} bridgeKind={bridgeKind} onLock={lockNow} onLogout={() => void logout()} />
        <nav className="sidebar" aria-label={t('nav.label')}>
          <ul>
            {sections.map((s, i) => (
              <li key={s}>
                <button type="button" data-testid={`nav-${s}`} aria-current={s === section && (page ?? null) === null ? 'page' : undefined}
                  className={s === section && (page ?? null) === null ? 'nav-item active' : 'nav-item'} onClick={() => dispatch(sectionChosen(s))}>
                  <span className="nav-key">F{i + 1}</span>
                  <span className="nav-label">{t(`nav.${s}`)}</span>
                  {s === 'inventory' && session.permissions.includes('stock.read') ? <ExpiryAlertsBadge /> : null}
                </button>
              </li>
            ))}
            {session.permissions.includes('audit.read') ? (
              <li>
                <SyncExceptionsNavItem />
              </li>
            ) : null}
          </ul>
        </nav>
        <main className="content" id="main">
          {page === 'syncExceptions' ? <SyncExceptionsScreen session={session} /> : <SectionView section={section} session={session} />}
        </main>
      </div>
      {locked ? <LockScreen session={session} /> : null}
    </>
  );
}
