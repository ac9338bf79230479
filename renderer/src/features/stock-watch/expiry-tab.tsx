// Inventory → Expiry: lots that have expired or expire within 30, 60 or 90 days, by batch and location, valued at
// cost, with the actions that take such stock off sale or out of the pharmacy. The alerts of lots that crossed a
// horizon sit on top.
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { formatMoney } from '../../format/money.js';
import { ExpiryAlertsPanel } from './expiry-alerts-panel.js';
import { allowedActions, LotActionForm, type LotAction } from './lot-actions.js';
import { useSwExpiryReportQuery } from './stock-watch-api.js';

export type ExpiryView = 'expired' | 30 | 60 | 90;
const views: ExpiryView[] = ['expired', 30, 60, 90];

export function ExpiryTab({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<ExpiryView>(30);
  const [open, setOpen] = useState<{ lotId: string; action: LotAction } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const report = useSwExpiryReportQuery({ horizonDays: view === 'expired' ? 30 : view, includeQuarantine: true, limit: 5000 });
  const data = report.data;
  const rows = (data?.rows ?? []).filter((r) => (view === 'expired' ? r.band === 'expired' : r.band !== 'expired'));
  const bands = view === 'expired' ? ['expired'] : (['within30', 'within60', 'within90'] as const).slice(0, view / 30);
  const totals = (data?.totals ?? []).filter((x) => (bands as readonly string[]).includes(x.band));
  const value = totals.reduce((n, x) => n + x.valueMinor, 0);
  const units = totals.reduce((n, x) => n + x.units, 0);
  const money = (minor: number | null) => (minor === null || !data ? '—' : formatMoney(minor, data.currency, i18n.language));

  return (
    <div className="stock-watch expiry-tab" data-testid="expiry-tab">
      <ExpiryAlertsPanel session={session} />
      <section className="panel" aria-labelledby="expiry-title">
        <header className="panel-head">
          <h3 id="expiry-title">{t('stockWatch.expiry.title')}</h3>
          <div className="toolbar" role="group" aria-label={t('stockWatch.expiry.views')}>
            {views.map((v) => (
              <button key={v} type="button" aria-pressed={view === v} className={view === v ? 'active' : 'ghost'} data-testid={`expiry-view-${v}`}
                onClick={() => {
                  setView(v);
                  setOpen(null);
                }}>
                {v === 'expired' ? t('stockWatch.expiry.expired') : t('stockWatch.expiry.within', { days: v })}
              </button>
            ))}
          </div>
        </header>
        <p data-testid="expiry-total">{t('stockWatch.expiry.total', { count: rows.length, units, value: money(value) })}</p>
        {message ? (
          <p className="banner banner-ok" role="status" data-testid="expiry-message">
            {message}
          </p>
        ) : null}
        {report.error ? (
          <p className="banner banner-error" role="alert">
            {errorWords(t, report.error)}
          </p>
        ) : rows.length === 0 ? (
          <p className="empty">{report.isLoading ? t('common.loading') : t('stockWatch.expiry.none')}</p>
        ) : (
          <table className="table" data-testid="expiry-table" aria-labelledby="expiry-title">
            <thead>
              <tr>
                <th scope="col">{t('stockWatch.columns.product')}</th>
                <th scope="col">{t('stockWatch.columns.batch')}</th>
                <th scope="col">{t('stockWatch.columns.expiry')}</th>
                <th scope="col">{t('stockWatch.columns.daysLeft')}</th>
                <th scope="col">{t('stockWatch.columns.location')}</th>
                <th scope="col">{t('stockWatch.columns.onHand')}</th>
                <th scope="col">{t('stockWatch.columns.value')}</th>
                <th scope="col">{t('stockWatch.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const actions = allowedActions(session, r.location === 'quarantine' ? ['writeOff', 'supplierReturn', 'destruction'] : ['quarantine', 'writeOff', 'supplierReturn', 'destruction']);
                const lot = { lotId: r.lotId, name: r.name, batch: r.batch, onHand: r.onHand };
                return (
                  <Fragment key={r.lotId}>
                    <tr data-testid={`expiry-row-${r.batch}`}>
                      <th scope="row">{r.name}</th>
                      <td>{r.batch}</td>
                      <td>{r.expiry}</td>
                      <td>{r.daysLeft < 0 ? t('stockWatch.expiry.ago', { count: -r.daysLeft }) : r.daysLeft}</td>
                      <td>{t(`stockWatch.locations.${r.location}`, { defaultValue: r.location })}</td>
                      <td>{r.onHand}</td>
                      <td>{money(r.valueMinor)}</td>
                      <td className="row-actions">
                        {actions.map((a) => (
                          <button key={a} type="button" className="ghost" data-testid={`expiry-${a}-${r.batch}`}
                            aria-label={t(`stockWatch.actions.${a}For`, { batch: r.batch, name: r.name })}
                            onClick={() => {
                              setMessage(null);
                              setOpen({ lotId: r.lotId, action: a });
                            }}>
                            {t(`stockWatch.actions.${a}`)}
                          </button>
                        ))}
                      </td>
                    </tr>
                    {open?.lotId === r.lotId ? (
                      <tr>
                        <td colSpan={8}>
                          <LotActionForm lot={lot} action={open.action} onCancel={() => setOpen(null)}
                            onDone={(text) => {
                              setOpen(null);
                              setMessage(text);
                            }} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        )}
        {data?.truncated ? <p className="field-hint">{t('stockWatch.expiry.truncated')}</p> : null}
      </section>
    </div>
  );
}
