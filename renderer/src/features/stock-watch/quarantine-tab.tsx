// Inventory → Quarantine: every lot held off sale, why and since when, whether it has expired and which recall holds
// it. Checked stock goes back on sale by a pharmacist's release with a reason; expired or recalled stock can only
// leave by write-off, return to the supplier or destruction (the core refuses a release of it too).
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { formatMoney } from '../../format/money.js';
import { allowedActions, LotActionForm, type LotAction } from './lot-actions.js';
import { useSwQuarantineQuery } from './stock-watch-api.js';

export function QuarantineTab({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const list = useSwQuarantineQuery({ limit: 1000 });
  const [open, setOpen] = useState<{ lotId: string; action: LotAction } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const lots = list.data?.lots ?? [];
  const money = (minor: number | null) => (minor === null || !list.data ? '—' : formatMoney(minor, list.data.currency, i18n.language));

  return (
    <section className="panel stock-watch" aria-labelledby="quarantine-title" data-testid="quarantine-tab">
      <header className="panel-head">
        <h3 id="quarantine-title">{t('stockWatch.quarantine.title')}</h3>
      </header>
      {message ? (
        <p className="banner banner-ok" role="status" data-testid="quarantine-message">
          {message}
        </p>
      ) : null}
      {list.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, list.error)}
        </p>
      ) : lots.length === 0 ? (
        <p className="empty" data-testid={list.isLoading ? 'quarantine-loading' : 'quarantine-none'}>
          {list.isLoading ? t('common.loading') : t('stockWatch.quarantine.none')}
        </p>
      ) : (
        <table className="table" data-testid="quarantine-table" aria-labelledby="quarantine-title">
          <thead>
            <tr>
              <th scope="col">{t('stockWatch.columns.product')}</th>
              <th scope="col">{t('stockWatch.columns.batch')}</th>
              <th scope="col">{t('stockWatch.columns.expiry')}</th>
              <th scope="col">{t('stockWatch.columns.onHand')}</th>
              <th scope="col">{t('stockWatch.columns.value')}</th>
              <th scope="col">{t('stockWatch.columns.reason')}</th>
              <th scope="col">{t('stockWatch.columns.state')}</th>
              <th scope="col">{t('stockWatch.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {lots.map((l) => {
              // A release of expired or recalled stock would be refused: it is not offered.
              const offered: LotAction[] = l.expired || l.recallId ? ['writeOff', 'supplierReturn', 'destruction'] : ['release', 'writeOff', 'supplierReturn', 'destruction'];
              const actions = allowedActions(session, offered);
              return (
                <Fragment key={l.lotId}>
                  <tr data-testid={`quarantine-row-${l.batch}`}>
                    <th scope="row">{l.name}</th>
                    <td>{l.batch}</td>
                    <td>{l.expiry}</td>
                    <td>{l.onHand}</td>
                    <td>{money(l.valueMinor)}</td>
                    <td>{l.reason ?? '—'}</td>
                    <td>
                      {l.recallClass ? <span className="badge badge-danger">{t('stockWatch.quarantine.recalled', { class: l.recallClass })}</span> : null}
                      {l.expired ? <span className="badge badge-danger">{t('stockWatch.quarantine.expired')}</span> : null}
                    </td>
                    <td className="row-actions">
                      {actions.map((a) => (
                        <button key={a} type="button" className="ghost" data-testid={`quarantine-${a}-${l.batch}`}
                          aria-label={t(`stockWatch.actions.${a}For`, { batch: l.batch, name: l.name })}
                          onClick={() => {
                            setMessage(null);
                            setOpen({ lotId: l.lotId, action: a });
                          }}>
                          {t(`stockWatch.actions.${a}`)}
                        </button>
                      ))}
                    </td>
                  </tr>
                  {open?.lotId === l.lotId ? (
                    <tr>
                      <td colSpan={8}>
                        <LotActionForm lot={{ lotId: l.lotId, name: l.name, batch: l.batch, onHand: l.onHand }} action={open.action} onCancel={() => setOpen(null)}
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
    </section>
  );
}
