// A manager's review of a closed count: each lot's variance (counted − expected when counting started) at cost, a
// reason for every difference, then approval, which the core posts as stocktake movements.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { useSwApproveStocktakeMutation, useSwReviewStocktakeMutation } from './stock-watch-api.js';

type Review = OutputOf<'inventory.reviewStocktake'>;

type Props = { review: Review; onReviewed: (r: Review) => void; onApproved: (message: string) => void };

export function StocktakeReview({ review, onReviewed, onApproved }: Props) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saveReasons, saving] = useSwReviewStocktakeMutation();
  const [approve, approving] = useSwApproveStocktakeMutation();
  const differing = review.lines.filter((l) => l.variance !== 0);

  const submit = async () => {
    const given = Object.entries(reasons)
      .filter(([, r]) => r.trim() !== '')
      .map(([lotId, reason]) => ({ lotId, reason: reason.trim() }));
    if (given.length > 0) {
      const saved = await saveReasons({ stocktakeId: review.id, reasons: given });
      if ('error' in saved && saved.error) {
        setError(saved.error);
        return;
      }
      onReviewed(saved.data);
    }
    const result = await approve({ stocktakeId: review.id });
    if ('error' in result && result.error) {
      setError(result.error);
      return;
    }
    setError(null);
    onApproved(t('stockWatch.stocktake.approved', { count: result.data.corrections.length }));
  };

  return (
    <section aria-labelledby="stocktake-review-title" data-testid="stocktake-review">
      <h4 id="stocktake-review-title">{t('stockWatch.stocktake.reviewTitle')}</h4>
      <p data-testid="stocktake-variance-total">{t('stockWatch.stocktake.varianceTotal', { count: review.totalVarianceUnits, lots: differing.length })}</p>
      {differing.length === 0 ? (
        <p className="empty">{t('stockWatch.stocktake.noVariance')}</p>
      ) : (
        <table className="table" aria-labelledby="stocktake-review-title" data-testid="stocktake-variances">
          <thead>
            <tr>
              <th scope="col">{t('stockWatch.columns.product')}</th>
              <th scope="col">{t('stockWatch.columns.batch')}</th>
              <th scope="col">{t('stockWatch.columns.location')}</th>
              <th scope="col">{t('stockWatch.stocktake.expected')}</th>
              <th scope="col">{t('stockWatch.stocktake.counted')}</th>
              <th scope="col">{t('stockWatch.stocktake.variance')}</th>
              <th scope="col">{t('stockWatch.columns.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((l) => (
              <tr key={l.lotId} data-testid={`stocktake-variance-${l.batch}-${l.location}`}>
                <th scope="row">{l.name}</th>
                <td>{l.batch}</td>
                <td>{t(`stockWatch.locations.${l.location}`, { defaultValue: l.location })}</td>
                <td>{l.expected}</td>
                <td>{l.counted ?? 0}</td>
                <td>{l.variance > 0 ? `+${l.variance}` : l.variance}</td>
                <td>
                  <input aria-label={t('stockWatch.stocktake.reasonFor', { name: l.name, batch: l.batch })} data-testid={`stocktake-reason-${l.batch}-${l.location}`}
                    value={reasons[l.lotId] ?? l.reason ?? ''} onChange={(e) => setReasons((m) => ({ ...m, [l.lotId]: e.target.value }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error ? (
        <p className="banner banner-error" role="alert" data-testid="stocktake-review-error">
          {errorWords(t, error)}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" disabled={saving.isLoading || approving.isLoading} data-testid="stocktake-approve" onClick={() => void submit()}>
          {t('stockWatch.stocktake.approve')}
        </button>
      </div>
    </section>
  );
}
