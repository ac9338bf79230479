// Suggested orders (purchasing.order): the core forecasts demand and drafts an order per supplier up to each
// product's order-up-to level; the manager reviews why, edits the drafts and approves them.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf, SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { formatMoney } from '../../format/money.js';
import { useListSuppliersQuery, useSuggestPurchaseOrdersMutation } from './inventory-api.js';
import { OrderDetail } from './order-detail.js';

type Suggestion = OutputOf<'inventory.suggestPurchaseOrders'>;

export function SuggestedTab({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const suppliers = useListSuppliersQuery({ includeInactive: false });
  const [serviceLevel, setServiceLevel] = useState('95');
  const [reviewDays, setReviewDays] = useState('7');
  const [defaultSupplierId, setDefaultSupplierId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<Suggestion | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [suggest, suggesting] = useSuggestPurchaseOrdersMutation();

  const run = async (e: FormEvent) => {
    e.preventDefault();
    const level = Number(serviceLevel);
    if (!/^\d{2}(\.\d)?$/.test(serviceLevel.trim()) || level <= 50 || level >= 100) return setProblem(t('inventory.suggested.problems.serviceLevel'));
    if (!/^\d{1,2}$/.test(reviewDays.trim()) || Number(reviewDays) > 90) return setProblem(t('inventory.suggested.problems.reviewDays'));
    setProblem(null);
    const answer = await suggest({
      // Tenths of a percent as a fraction: 95 → 0.95, 97.5 → 0.975.
      serviceLevel: Number(serviceLevel) / 100,
      reviewPeriodDays: Number(reviewDays),
      ...(defaultSupplierId ? { defaultSupplierId } : {}),
    });
    if ('error' in answer) return setProblem(errorWords(t, answer.error));
    setResult(answer.data);
  };

  if (open) return <OrderDetail key={open} orderId={open} session={session} onClose={() => setOpen(null)} />;

  const ordered = (result?.products ?? []).filter((p) => p.packs > 0);
  const skipped = (result?.products ?? []).filter((p) => p.skipped !== null);
  return (
    <section className="panel suggested" aria-labelledby="suggested-title" data-testid="suggested">
      <header className="panel-head">
        <h3 id="suggested-title">{t('inventory.tabs.suggested')}</h3>
      </header>
      <p className="muted">{t('inventory.suggested.intro')}</p>
      <form className="inline-form" onSubmit={(e) => void run(e)} noValidate>
        <div className="field">
          <label htmlFor="suggest-service">{t('inventory.suggested.serviceLevel')}</label>
          <input id="suggest-service" data-testid="suggest-service" inputMode="decimal" size={5} value={serviceLevel} onChange={(e) => setServiceLevel(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="suggest-review">{t('inventory.suggested.reviewDays')}</label>
          <input id="suggest-review" data-testid="suggest-review" inputMode="numeric" size={3} value={reviewDays} onChange={(e) => setReviewDays(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="suggest-supplier">{t('inventory.suggested.defaultSupplier')}</label>
          <select id="suggest-supplier" data-testid="suggest-supplier" value={defaultSupplierId} onChange={(e) => setDefaultSupplierId(e.target.value)}>
            <option value="">{t('inventory.suggested.noDefault')}</option>
            {(suppliers.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary" data-testid="suggest-run" disabled={suggesting.isLoading}>
            {suggesting.isLoading ? t('inventory.suggested.running') : t('inventory.suggested.run')}
          </button>
        </div>
      </form>
      {problem ? (
        <p className="banner banner-error" role="alert" data-testid="suggest-error">
          {problem}
        </p>
      ) : null}
      {result ? (
        <>
          <p role="status" data-testid="suggest-summary">
            {t('inventory.suggested.summary', { orders: result.orders.length, products: ordered.length, skipped: skipped.length })}
            {result.truncated ? ` ${t('inventory.suggested.truncated')}` : ''}
          </p>
          <ul className="suggested-orders" aria-label={t('inventory.suggested.draftsLabel')}>
            {result.orders.map((o) => (
              <li key={o.id} data-testid="suggested-order">
                <button type="button" data-testid="suggested-open" onClick={() => setOpen(o.id)}>
                  {t('inventory.suggested.openDraft', { number: o.number, supplier: o.supplierName, lines: o.lines.length, total: formatMoney(o.totalMinor, o.currency, i18n.language) })}
                </button>
              </li>
            ))}
          </ul>
          <table className="table" aria-label={t('inventory.suggested.whyLabel')} data-testid="suggested-products">
            <thead>
              <tr>
                <th scope="col">{t('inventory.receiving.product')}</th>
                <th scope="col">{t('inventory.suggested.method')}</th>
                <th scope="col" className="num">{t('inventory.card.onHand')}</th>
                <th scope="col" className="num">{t('inventory.suggested.onOrder')}</th>
                <th scope="col" className="num">{t('inventory.suggested.reorderPoint')}</th>
                <th scope="col" className="num">{t('inventory.suggested.orderUpTo')}</th>
                <th scope="col" className="num">{t('inventory.orders.packs')}</th>
                <th scope="col">{t('inventory.suggested.note')}</th>
              </tr>
            </thead>
            <tbody>
              {result.products.map((p) => (
                <tr key={p.productId} data-testid="suggested-product">
                  <td>{p.name}</td>
                  <td>{p.method ?? '—'}</td>
                  <td className="num">{p.onHand}</td>
                  <td className="num">{p.onOrder}</td>
                  <td className="num">{p.reorderPoint ?? '—'}</td>
                  <td className="num">{p.orderUpToLevel ?? '—'}</td>
                  <td className="num">{p.packs}</td>
                  <td>{p.skipped ? t(`inventory.suggested.skipped.${p.skipped}`) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
