// The sync state in the top bar: online or offline, when it last synced, what waits to be sent, and a
// "sync now" button. It never blocks the counter: a round runs in the core's background loop. It wears the
// connection indicator's look (layout.css), amber while offline. A new counter loading its snapshot says it
// is catching up and how far it got. The count of open exceptions is a way to them for those who may see them.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { OutputOf } from '@mortar/main/contract';
import { useGetSessionQuery } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { useAppDispatch } from '../../app/hooks.js';
import { syncExceptionsOpened } from '../shell/navigation-slice.js';
import { SYNC_STATUS_POLL_MS, useGetSyncStatusQuery, useSyncNowMutation } from './sync-api.js';

export type SyncIndicatorProps = { now?: () => number };

function ago(t: TFunction, at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return t('sync.justNow');
  if (minutes < 60) return t('sync.minutesAgo', { count: minutes });
  return t('sync.hoursAgo', { count: Math.floor(minutes / 60) });
}

/** How far the snapshot got, by log position (events are spread over the log, so this is close enough to show). */
export function catchUpPercent(c: NonNullable<OutputOf<'sync.status'>['catchUp']>): number | null {
  if (c.at === null) return null;
  if (c.at <= 0) return 100;
  return Math.min(100, Math.floor((c.through * 100) / c.at));
}

function label(t: TFunction, s: OutputOf<'sync.status'>, now: number): string {
  if (s.catchUp && s.online !== false) {
    const percent = catchUpPercent(s.catchUp);
    return percent === null ? t('sync.catchingUpStarting') : t('sync.catchingUp', { percent });
  }
  if (s.online === false) return t('sync.offline');
  if (s.lastSyncAt === null) return t('sync.never');
  return t('sync.online', { ago: ago(t, s.lastSyncAt, now) });
}

export function SyncIndicator({ now = Date.now }: SyncIndicatorProps) {
  const { t } = useTranslation();
  const { data: status } = useGetSyncStatusQuery(undefined, { pollingInterval: SYNC_STATUS_POLL_MS });
  const [syncNow, { isLoading, error }] = useSyncNowMutation();
  const { data: session } = useGetSessionQuery();
  const dispatch = useAppDispatch();
  if (!status) return null;
  const mayOpenExceptions = session?.permissions.includes('audit.read') === true;
  if (!status.enrolled) {
    return (
      <span className="connection connection-connecting sync sync-off" data-testid="sync-state" title={t('sync.notEnrolledHint')}>
        <span className="dot" aria-hidden="true" />
        {t('sync.notEnrolled')}
      </span>
    );
  }
  const state = status.online === false ? 'offline' : 'online';
  const details = [
    status.catchUp ? t('sync.catchingUpHint', { count: status.catchUp.events }) : null,
    status.lastError && status.online === false ? t('sync.lastError', { message: status.lastError.message }) : null,
    status.openExceptions > 0 && !mayOpenExceptions ? t('sync.exceptions', { count: status.openExceptions }) : null,
    error ? errorWords(t, error) : null,
  ].filter((d): d is string => d !== null);
  return (
    <span className={`connection sync sync-${state}${state === 'offline' ? ' connection-reconnecting' : ''}`} data-testid="sync-state" title={details.join('\n') || undefined}>
      <span className="dot" aria-hidden="true" />
      <span data-testid="sync-label">{label(t, status, now())}</span>
      {status.pending > 0 && (
        <span className="sync-waiting" data-testid="sync-waiting">
          {' · '}
          {t('sync.waiting', { count: status.pending })}
        </span>
      )}
      {status.openExceptions > 0 && mayOpenExceptions ? (
        <button type="button" className="ghost sync-exceptions" data-testid="sync-open-exceptions" onClick={() => dispatch(syncExceptionsOpened())}>
          {t('sync.exceptions', { count: status.openExceptions })}
        </button>
      ) : null}
      <button type="button" className="ghost" data-testid="sync-now" disabled={isLoading} onClick={() => void syncNow()}>
        {isLoading ? t('sync.syncing') : t('sync.now')}
      </button>
      {error && (
        <span role="alert" className="visually-hidden">
          {errorWords(t, error)}
        </span>
      )}
    </span>
  );
}
