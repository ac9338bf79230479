import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useGetProductQuery } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { formatCalendarDate, isExpired, localIsoDate } from '../../format/dates.js';
import { formatMoney } from '../../format/money.js';
import { Kbd } from '../../ui/field.js';

export function ProductDetail({ id, onClose, today }: { id: string; onClose: () => void; today?: string }) {
  const { t, i18n } = useTranslation();
  const { data: product, error, isFetching } = useGetProductQuery({ id });
  const panel = useRef<HTMLElement>(null);
  const day = today ?? localIsoDate(new Date());
  const loaded = product?.id === id;

  useEffect(() => {
    if (loaded) panel.current?.focus();
  }, [loaded, id]);

  const onKey = (e: KeyboardEvent) => {
    // Escape, or simply typing, goes back to the search: the cashier never has to reach for the mouse.
    if (e.key === 'Escape' || (e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey && e.key !== ' ')) {
      if (e.key === 'Escape') e.preventDefault();
      onClose();
    }
  };

  if (error && !loaded) {
    return (
      <section className="panel product" data-testid="product-detail" tabIndex={-1} ref={panel} onKeyDown={onKey}>
        <p className="banner banner-error" role="alert">
          {errorWords(t, error)}
        </p>
      </section>
    );
  }
  if (!product || !loaded) {
    return (
      <section className="panel product" aria-busy="true">
        <p className="muted">{isFetching ? t('common.loading') : ''}</p>
      </section>
    );
  }

  const legal = [t(`legalCategories.${product.legalCategory}`), product.schedule ? t('product.schedule', { schedule: product.schedule }) : null]
    .filter(Boolean)
    .join(' · ');

  return (
    <section className="panel product" data-testid="product-detail" tabIndex={-1} ref={panel} onKeyDown={onKey}
      aria-labelledby="product-title">
      <header className="product-head">
        <div>
          <h2 id="product-title">{product.name}</h2>
          <p className="muted">
            {[product.brand, product.strength, product.form, product.route, t('catalog.pack', { count: product.packSize })]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
        <div className="product-price" data-testid="product-price">
          {formatMoney(product.priceMinor, product.currency, i18n.language)}
        </div>
      </header>
      <dl className="facts">
        <dt>{t('product.sku')}</dt>
        <dd>{product.sku}</dd>
        <dt>{t('product.gtins')}</dt>
        <dd data-testid="product-gtins">{product.gtins.length > 0 ? product.gtins.join(', ') : t('product.none')}</dd>
        <dt>{t('product.ingredients')}</dt>
        <dd>
          {product.ingredients.length > 0
            ? product.ingredients.map((i) => (i.strength ? `${i.name} ${i.strength}` : i.name)).join(', ')
            : t('product.none')}
        </dd>
        <dt>{t('product.legalCategory')}</dt>
        <dd>
          <span className={`badge legal-${product.legalCategory}`}>{legal}</span>
        </dd>
        <dt>{t('product.taxCategory')}</dt>
        <dd>{t(`taxCategories.${product.taxCategory}`)}</dd>
        <dt>{t('product.onHand')}</dt>
        <dd>{t('product.units', { count: product.onHand, unit: product.unit })}</dd>
        {!product.active ? (
          <>
            <dt>{t('product.status')}</dt>
            <dd>{t('product.inactive')}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t('product.lots')}</h3>
      {product.lots.length === 0 ? (
        <p className="empty">{t('product.noLots')}</p>
      ) : (
        <table className="table lots">
          <thead>
            <tr>
              <th scope="col">{t('product.batch')}</th>
              <th scope="col">{t('product.expiry')}</th>
              <th scope="col">{t('product.location')}</th>
              <th scope="col" className="num">
                {t('product.lotOnHand')}
              </th>
            </tr>
          </thead>
          <tbody>
            {product.lots.map((lot) => {
              const expired = isExpired(lot.expiry, day);
              return (
                <tr key={lot.lotId} className={expired ? 'expired' : undefined} data-testid="product-lot">
                  <td>{lot.batch}</td>
                  <td>
                    {formatCalendarDate(lot.expiry, i18n.language)}
                    {expired ? <span className="badge badge-danger">{t('product.expired')}</span> : null}
                  </td>
                  <td>{t(`locations.${lot.location}`, { defaultValue: lot.location })}</td>
                  <td className="num">{lot.onHand}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="key-help">
        <Kbd>Esc</Kbd> {t('catalog.keys.back')}
      </p>
    </section>
  );
}
