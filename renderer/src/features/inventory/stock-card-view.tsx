// The stock card of a product or one of its batches: on-hand by batch, expiry and location, then every
// movement newest first with who, when, why, its document and the running balance, a page at a time.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorWords } from '../../app/api-error.js';
import { formatCalendarDate, formatDateTime, isExpired, localIsoDate } from '../../format/dates.js';
import { useStockCardQuery } from './inventory-api.js';

/** Wide tables scroll inside their panel instead of pushing the section off the screen. */
const scrollX = { overflowX: 'auto' } as const;

export const STOCK_CARD_PAGE = 50;

export type StockCardViewProps = { productId: string; onClose?: () => void; now?: () => Date };

export function StockCardView({ productId, onClose, now = () => new Date() }: StockCardViewProps) {
  const { t, i18n } = useTranslation();
  const [batch, setBatch] = useState<string | null>(null);
  // Cursors of the pages shown so far: the newest page has none; "Older" pushes the next one.
  const [cursors, setCursors] = useState<number[]>([]);
  const beforeSeq = cursors.at(-1);
  const card = useStockCardQuery({
    productId,
    limit: STOCK_CARD_PAGE,
    ...(batch ? { batch } : {}),
    ...(beforeSeq !== undefined ? { beforeSeq } : {}),
  });
  const data = card.currentData;
  const today = localIsoDate(now());

  const chooseBatch = (b: string | null) => {
    setBatch(b);
    setCursors([]);
  };

  return (
    <section className="panel stock-card" aria-labelledby="stock-card-title" data-testid="stock-card">
      <header className="panel-head">
        <h3 id="stock-card-title">
          {data ? t('inventory.card.title', { name: data.product.name }) : t('inventory.card.loading')}
          {batch ? ` · ${t('inventory.card.batchScope', { batch })}` : ''}
        </h3>
        <div className="actions">
          {batch ? (
            <button type="button" data-testid="stock-card-all-batches" onClick={() => chooseBatch(null)}>
              {t('inventory.card.allBatches')}
            </button>
          ) : null}
          {onClose ? (
            <button type="button" className="ghost" data-testid="stock-card-close" onClick={onClose}>
              {t('inventory.card.close')}
            </button>
          ) : null}
        </div>
      </header>
      {card.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, card.error)}
        </p>
      ) : null}
      {data ? (
        <>
          <p data-testid="stock-card-totals">
            {t('inventory.card.totals', { onHand: data.onHand, sellable: data.sellable, packSize: data.product.packSize })}
          </p>
          <table className="table lots" aria-label={t('inventory.card.lotsLabel')} data-testid="stock-card-lots">
            <thead>
              <tr>
                <th scope="col">{t('inventory.card.batch')}</th>
                <th scope="col">{t('inventory.card.expiry')}</th>
                <th scope="col">{t('inventory.card.location')}</th>
                <th scope="col" className="num">
                  {t('inventory.card.onHand')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.lots.length === 0 ? (
                <tr>
                  <td colSpan={4} className="empty">
                    {t('inventory.card.noStock')}
                  </td>
                </tr>
              ) : null}
              {data.lots.map((lot) => (
                <tr key={lot.lotId} data-testid="stock-card-lot" data-batch={lot.batch} data-location={lot.location} data-on-hand={lot.onHand}>
                  <td>
                    {batch ? (
                      lot.batch
                    ) : (
                      <button type="button" className="ghost" aria-label={t('inventory.card.openBatch', { batch: lot.batch })} onClick={() => chooseBatch(lot.batch)}>
                        {lot.batch}
                      </button>
                    )}
                  </td>
                  <td>
                    {formatCalendarDate(lot.expiry, i18n.language)}{' '}
                    {isExpired(lot.expiry, today) ? <span className="badge badge-danger">{t('inventory.card.expired')}</span> : null}
                  </td>
                  <td>
                    {t(`locations.${lot.location}`, { defaultValue: lot.location })}
                    {lot.sellable ? null : <span className="badge">{t('inventory.card.notSellable')}</span>}
                  </td>
                  <td className="num">{lot.onHand}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="table-scroll" style={scrollX}>
            <table className="table movements" aria-label={t('inventory.card.movementsLabel')} data-testid="stock-card-movements">
              <thead>
                <tr>
                  <th scope="col">{t('inventory.card.when')}</th>
                  <th scope="col">{t('inventory.card.kind')}</th>
                  <th scope="col" className="num">
                    {t('inventory.card.quantity')}
                  </th>
                  <th scope="col" className="num">
                    {t('inventory.card.balance')}
                  </th>
                  <th scope="col">{t('inventory.card.batch')}</th>
                  <th scope="col">{t('inventory.card.location')}</th>
                  <th scope="col">{t('inventory.card.who')}</th>
                  <th scope="col">{t('inventory.card.why')}</th>
                  <th scope="col">{t('inventory.card.document')}</th>
                </tr>
              </thead>
              <tbody>
                {data.movements.length === 0 ? (
                  <tr>
                    <td colSpan={9} className="empty">
                      {t('inventory.card.noMovements')}
                    </td>
                  </tr>
                ) : null}
                {data.movements.map((m) => (
                  <tr key={m.id} data-testid="stock-card-movement">
                    <td>{formatDateTime(m.at, i18n.language)}</td>
                    <td>{t(`inventory.kinds.${m.kind}`, { defaultValue: m.kind })}</td>
                    <td className="num">{m.quantity > 0 ? `+${m.quantity}` : m.quantity}</td>
                    <td className="num">{m.balance}</td>
                    <td>{m.batch}</td>
                    <td>{t(`locations.${m.location}`, { defaultValue: m.location })}</td>
                    <td>{m.actorName ?? t('inventory.card.system')}</td>
                    <td>{m.reason ?? ''}</td>
                    <td>
                      {m.documentType ? t(`inventory.documents.${m.documentType}`, { defaultValue: m.documentType }) : ''}
                      {m.documentLabel ? ` ${m.documentLabel}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <button type="button" data-testid="stock-card-newer" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
              {t('inventory.card.newer')}
            </button>
            <button type="button" data-testid="stock-card-older" disabled={data.nextBeforeSeq === null}
              onClick={() => {
                const next = data.nextBeforeSeq;
                if (next !== null) setCursors((c) => [...c, next]);
              }}>
              {t('inventory.card.older')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
