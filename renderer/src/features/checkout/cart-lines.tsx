import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CartDiscount, PricedCart } from '@mortar/main/contract';
import { useAppDispatch } from '../../app/hooks.js';
import { formatCalendarDate } from '../../format/dates.js';
import { formatMoney } from '../../format/money.js';
import { lineSelected, type CartLineState } from './cart-slice.js';

export function discountText(discount: CartDiscount | null, currency: string): string | null {
  if (!discount) return null;
  return 'percent' in discount ? `${discount.percent} %` : `${discount.amount} ${currency}`;
}

/** The cart's lines; every amount is the core's (`priced`), shown only when it belongs to these very lines. */
export function CartLines({ lines, selected, priced }: { lines: CartLineState[]; selected: number; priced: PricedCart | undefined }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const body = useRef<HTMLTableSectionElement>(null);
  const money = (minor: number) => (priced ? formatMoney(minor, priced.currency, i18n.language) : '…');

  useEffect(() => {
    body.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, lines.length]);

  if (lines.length === 0) {
    return (
      <p className="empty cart-empty" data-testid="cart-empty">
        {t('checkout.emptyCart')}
      </p>
    );
  }
  return (
    <table className="table cart-lines" aria-label={t('checkout.linesLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('checkout.line.product')}</th>
          <th scope="col">{t('checkout.line.batch')}</th>
          <th scope="col" className="num">
            {t('checkout.line.quantity')}
          </th>
          <th scope="col" className="num">
            {t('checkout.line.unitPrice')}
          </th>
          <th scope="col" className="num">
            {t('checkout.line.discount')}
          </th>
          <th scope="col" className="num">
            {t('checkout.line.amount')}
          </th>
        </tr>
      </thead>
      <tbody ref={body}>
        {lines.map((line, i) => {
          const p = priced?.lines[i];
          const discount = p ? p.lineDiscountMinor + p.basketDiscountMinor : 0;
          return (
            <tr key={line.key} data-testid="cart-line" aria-selected={i === selected} className={i === selected ? 'selected' : undefined}
              onClick={() => dispatch(lineSelected(i))}>
              <td>
                <span className="line-name" data-testid="cart-line-name">
                  {p ? [p.name, p.strength && !p.name.includes(p.strength) ? p.strength : null].filter(Boolean).join(' ') : line.name}
                </span>
                {line.discount ? (
                  <span className="badge" data-testid="cart-line-discount-set">
                    {t('checkout.line.discountSet', { discount: discountText(line.discount, priced?.currency ?? '') })}
                  </span>
                ) : null}
              </td>
              <td data-testid="cart-line-batch">
                {p?.batch ?? line.batch}
                <span className="muted"> · {formatCalendarDate(p?.expiry ?? line.expiry, i18n.language)}</span>
                {line.lotSource === 'scanned' ? <span className="badge">{t('checkout.line.scannedBatch')}</span> : null}
                {line.dispense !== null ? <span className="badge legal-rx" data-testid="cart-line-dispensed">{t('prescriptions.till.dispensed')}</span> : null}
              </td>
              <td className="num" data-testid="cart-line-quantity">
                {line.unit === 'pack' ? line.quantity : t('checkout.line.units', { count: line.quantity })}
              </td>
              <td className="num">{p ? money(p.unitPriceMinor) : '…'}</td>
              <td className="num">{discount > 0 ? `−${money(discount)}` : ''}</td>
              <td className="num" data-testid="cart-line-amount">
                {p ? money(p.grossMinor) : '…'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function rateLabel(row: PricedCart['breakdown'][number], t: (k: string, o?: Record<string, unknown>) => string): string {
  if (row.kind === 'exempt') return t('checkout.totals.exempt');
  return `${row.name}${row.ratePercent !== null ? ` ${row.ratePercent} %` : ''}`;
}

/** The totals as the core worked them out: before and after discounts, the tax by rate, and what is due. */
export function Totals({ priced }: { priced: PricedCart | undefined }) {
  const { t, i18n } = useTranslation();
  if (!priced) return null;
  const money = (minor: number) => formatMoney(minor, priced.currency, i18n.language);
  const { totals } = priced;
  const discounts = totals.lineDiscountMinor + totals.basketDiscountMinor;
  return (
    <div className="totals" data-testid="cart-totals">
      <dl className="facts">
        <dt>{t('checkout.totals.items')}</dt>
        <dd className="num">{money(totals.extendedMinor)}</dd>
        {discounts > 0 ? (
          <>
            <dt>{t('checkout.totals.discounts')}</dt>
            <dd className="num" data-testid="cart-discounts">
              −{money(discounts)}
            </dd>
          </>
        ) : null}
        <dt>{priced.pricing === 'inclusive' ? t('checkout.totals.netIncluded') : t('checkout.totals.net')}</dt>
        <dd className="num">{money(totals.netMinor)}</dd>
      </dl>
      {priced.breakdown.length > 0 ? (
        <table className="table tax-breakdown" aria-label={t('checkout.totals.taxBreakdown')}>
          <thead>
            <tr>
              <th scope="col">{t('checkout.totals.rate')}</th>
              <th scope="col" className="num">
                {t('checkout.totals.base')}
              </th>
              <th scope="col" className="num">
                {t('checkout.totals.tax')}
              </th>
            </tr>
          </thead>
          <tbody>
            {priced.breakdown.map((row) => (
              <tr key={row.key} data-testid="cart-tax-row">
                <td>{rateLabel(row, t)}</td>
                <td className="num">{money(row.baseMinor)}</td>
                <td className="num">{money(row.taxMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="grand-total">
        <span>{t('checkout.totals.total')}</span>
        <span className="num" data-testid="cart-total">
          {money(totals.grossMinor)}
        </span>
      </p>
    </div>
  );
}
