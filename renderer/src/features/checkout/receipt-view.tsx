// The receipt as the core recorded the sale: every figure on it is the core's. The core returns the sale itself
// (not a printable receipt model), so this is an on-screen preview of that record; the core prints the paper
// receipt itself, and its state shows below the preview.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sale } from '@mortar/main/contract';
import { useAppDispatch } from '../../app/hooks.js';
import { formatCalendarDate, formatDateTime } from '../../format/dates.js';
import { formatMoney } from '../../format/money.js';
import { Kbd } from '../../ui/field.js';
import { ReceiptPrintBar } from '../printing/receipt-print-bar.js';
import { newSaleStarted } from './cart-slice.js';

export function SaleReceipt({ sale }: { sale: Sale }) {
  const { t, i18n } = useTranslation();
  const money = (minor: number, currency = sale.currency) => formatMoney(minor, currency, i18n.language);
  const { totals } = sale;
  const discounts = totals.lineDiscountMinor + totals.basketDiscountMinor;
  return (
    <article className="receipt" data-testid="receipt-preview" aria-label={t('receipt.label')}>
      <header className="receipt-head">
        <strong>{sale.pharmacy.name}</strong>
        <span>{sale.pharmacy.address}</span>
        <span>{t('receipt.taxId', { taxId: sale.pharmacy.taxId })}</span>
      </header>
      <p className="receipt-meta">
        <span data-testid="receipt-number">{t('receipt.number', { number: sale.receiptNo })}</span>
        <span data-testid="receipt-code">{sale.receiptCode}</span>
        <span>{formatDateTime(sale.at, i18n.language)}</span>
        <span>{t('receipt.servedBy', { name: sale.cashier.displayName, terminal: sale.terminalName })}</span>
      </p>
      <table className="receipt-lines">
        <tbody>
          {sale.lines.map((l) => (
            <tr key={l.lineNo} data-testid="receipt-line">
              <td>
                {l.quantity} × {l.name}
                <span className="receipt-batch">
                  {t('receipt.batch', { batch: l.batch, expiry: formatCalendarDate(l.expiry, i18n.language) })}
                </span>
              </td>
              <td className="num">{money(l.grossMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="receipt-totals">
        {discounts > 0 ? (
          <>
            <dt>{t('checkout.totals.discounts')}</dt>
            <dd className="num">−{money(discounts)}</dd>
          </>
        ) : null}
        {sale.breakdown.map((b) => (
          <div key={b.key} className="receipt-tax">
            <dt>{b.kind === 'exempt' ? t('checkout.totals.exempt') : `${b.name} ${b.ratePercent ?? ''} %`}</dt>
            <dd className="num">{money(b.taxMinor)}</dd>
          </div>
        ))}
        <dt className="receipt-total">{t('checkout.totals.total')}</dt>
        <dd className="num receipt-total" data-testid="receipt-total">
          {money(totals.grossMinor)}
        </dd>
        {totals.cashRoundingMinor !== 0 ? (
          <>
            <dt>{t('checkout.pay.cashRounding')}</dt>
            <dd className="num">{money(totals.cashRoundingMinor)}</dd>
          </>
        ) : null}
        {sale.payments.map((p, i) => (
          <div key={i} className="receipt-payment" data-testid="receipt-payment">
            <dt>
              {t(`checkout.tenders.${p.kind}`)}
              {p.reference ? ` ${p.reference}` : ''}
            </dt>
            <dd className="num">
              {money(p.amountMinor, p.currency)}
              {p.currency !== sale.currency ? ` (${t('receipt.atRate', { rate: p.rate ?? '', amount: money(p.baseAmountMinor) })})` : ''}
            </dd>
          </div>
        ))}
        <dt>{t('checkout.pay.change')}</dt>
        <dd className="num" data-testid="receipt-change">
          {money(totals.changeMinor)}
        </dd>
      </dl>
      {sale.voided ? <p className="banner banner-warning">{t('receipt.voided', { reason: sale.voided.reason })}</p> : null}
    </article>
  );
}

export function ReceiptView({ sale, active }: { sale: Sale & { replayed?: boolean }; active: boolean }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' || e.key === 'F12' || e.key === 'End') {
        e.preventDefault();
        dispatch(newSaleStarted());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, dispatch]);
  return (
    <section className="receipt-view panel" data-testid="receipt-view" aria-labelledby="receipt-title">
      <header className="panel-head">
        <h2 id="receipt-title">{sale.replayed ? t('receipt.alreadyDone') : t('receipt.done')}</h2>
        <div className="actions">
          <button type="button" ref={next} className="primary" data-testid="receipt-new-sale" onClick={() => dispatch(newSaleStarted())}>
            {t('receipt.newSale')} <Kbd>Enter</Kbd>
          </button>
        </div>
      </header>
      {sale.totals.changeMinor > 0 ? (
        <p className="change-callout" data-testid="receipt-change-callout">
          {t('receipt.giveChange')} <strong>{formatMoney(sale.totals.changeMinor, sale.currency, i18n.language)}</strong>
        </p>
      ) : null}
      <SaleReceipt sale={sale} />
      <ReceiptPrintBar saleId={sale.id} />
    </section>
  );
}
