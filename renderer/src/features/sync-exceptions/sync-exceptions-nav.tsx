// The sidebar's way to the sync exceptions, under Reports, for those who may read them (audit.read), with the
// count of open ones that the top bar's status already fetches.
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { syncExceptionsOpened } from '../shell/navigation-slice.js';
import { useGetSyncStatusQuery } from '../sync/sync-api.js';

export function SyncExceptionsNavItem() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const current = useAppSelector((s) => s.navigation.page === 'syncExceptions');
  const { data: status } = useGetSyncStatusQuery();
  const open = status?.openExceptions ?? 0;
  return (
    <button type="button" data-testid="nav-sync-exceptions" aria-current={current ? 'page' : undefined}
      className={current ? 'nav-item nav-sub active' : 'nav-item nav-sub'} onClick={() => dispatch(syncExceptionsOpened())}>
      <span className="nav-key" aria-hidden="true" />
      <span className="nav-label">{t('syncExceptions.nav')}</span>
      {open > 0 ? (
        <span className="badge badge-danger" data-testid="nav-sync-exceptions-count" aria-label={t('syncExceptions.navCount', { count: open })}>
          {open}
        </span>
      ) : null}
    </button>
  );
}
