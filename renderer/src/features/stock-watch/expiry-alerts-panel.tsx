// Expiry alerts: each lot that crossed a horizon (90/60/30 days, expired) since it was last seen, with a badge of
// how many are open; someone who can take stock off sale acknowledges them, one or all at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { useSwAcknowledgeAlertsMutation, useSwExpiryAlertsQuery } from './stock-watch-api.js';

/** Alerts are recorded by the core at login, after receipts and at midnight: a slow poll is enough. */
export const ALERT_POLL_MS = 5 * 60_000;

export function ExpiryAlertsBadge() {
  const { t } = useTranslation();
  const alerts = useSwExpiryAlertsQuery({ limit: 1 }, { pollingInterval: ALERT_POLL_MS });
  const open = alerts.data?.open ?? 0;
  if (open === 0) return null;
  return (
    <span className="badge badge-danger" data-testid="expiry-alerts-badge" aria-label={t('stockWatch.alerts.badge', { count: open })}>
      {open}
    </span>
  );
}

export function ExpiryAlertsPanel({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const alerts = useSwExpiryAlertsQuery({ limit: 200 }, { pollingInterval: ALERT_POLL_MS });
  const [acknowledge, ack] = useSwAcknowledgeAlertsMutation();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const canAck = session.permissions.includes('stock.quarantine');
  const list = alerts.data?.alerts ?? [];

  const run = async (ids: string[]) => {
    const result = await acknowledge({ alertIds: ids });
    setMessage('error' in result && result.error ? { ok: false, text: errorWords(t, result.error) } : { ok: true, text: t('stockWatch.alerts.acknowledged', { count: ids.length }) });
  };

  return (
    <section className="panel" aria-labelledby="expiry-alerts-title" data-testid="expiry-alerts">
      <header className="panel-head">
        <h3 id="expiry-alerts-title">
          {t('stockWatch.alerts.title')} <ExpiryAlertsBadge />
        </h3>
        {canAck && list.length > 1 ? (
          <div className="actions">
            <button type="button" disabled={ack.isLoading} data-testid="expiry-alerts-ack-all" onClick={() => void run(list.map((a) => a.id))}>
              {t('stockWatch.alerts.acknowledgeAll')}
            </button>
          </div>
        ) : null}
      </header>
      {message ? (
        <p className={message.ok ? 'banner banner-ok' : 'banner banner-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {alerts.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, alerts.error)}
        </p>
      ) : list.length === 0 ? (
        <p className="empty" data-testid={alerts.isLoading ? 'expiry-alerts-loading' : 'expiry-alerts-none'}>
          {alerts.isLoading ? t('common.loading') : t('stockWatch.alerts.none')}
        </p>
      ) : (
        <ul className="results" aria-label={t('stockWatch.alerts.title')}>
          {list.map((a) => (
            <li key={a.id} className="result" data-testid={`expiry-alert-${a.batch}`}>
              <span className="result-name">
                {t(`stockWatch.alerts.band.${a.band}`, { name: a.name, batch: a.batch, expiry: a.expiry })}
              </span>
              <span className="result-sub">
                {t('stockWatch.alerts.detail', { crossedOn: a.crossedOn, location: t(`stockWatch.locations.${a.location}`, { defaultValue: a.location }), count: a.onHandNow })}
              </span>
              {canAck ? (
                <button type="button" className="ghost" disabled={ack.isLoading} data-testid={`expiry-alert-ack-${a.batch}`}
                  aria-label={t('stockWatch.alerts.acknowledgeOne', { batch: a.batch, name: a.name })} onClick={() => void run([a.id])}>
                  {t('stockWatch.alerts.acknowledge')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
