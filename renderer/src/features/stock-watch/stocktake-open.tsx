// The counts not yet approved, so that a count is taken up again after a restart, on another terminal or by the
// manager who reviews it; each line says how far counting has got (never what the ledger expects).
import { useTranslation } from 'react-i18next';
import { errorWords } from '../../app/api-error.js';
import { formatDateTime } from '../../format/dates.js';
import { setCurrentStocktake } from './current-stocktake.js';
import { useSwStocktakesQuery } from './stock-watch-api.js';

export function StocktakeOpen() {
  const { t, i18n } = useTranslation();
  const open = useSwStocktakesQuery();
  if (open.error) {
    return (
      <p className="banner banner-error" role="alert">
        {errorWords(t, open.error)}
      </p>
    );
  }
  const stocktakes = open.data?.stocktakes ?? [];
  if (stocktakes.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="stocktake-open-title" data-testid="stocktake-open">
      <h3 id="stocktake-open-title">{t('stockWatch.stocktake.openTitle')}</h3>
      <table className="table" aria-labelledby="stocktake-open-title">
        <thead>
          <tr>
            <th scope="col">{t('stockWatch.stocktake.scope')}</th>
            <th scope="col">{t('stockWatch.stocktake.openStarted')}</th>
            <th scope="col">{t('stockWatch.stocktake.openBy')}</th>
            <th scope="col">{t('stockWatch.stocktake.openProgress')}</th>
            <th scope="col">{t('stockWatch.stocktake.openState')}</th>
            <th scope="col">{t('stockWatch.stocktake.openNote')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('stockWatch.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {stocktakes.map((st) => {
            const scope = t(`stockWatch.stocktake.scopes.${st.scope}`);
            const at = formatDateTime(st.startedAt, i18n.language);
            return (
              <tr key={st.id} data-testid={`stocktake-open-${st.id}`}>
                <th scope="row">{scope}</th>
                <td>{at}</td>
                <td>{st.startedBy ?? '—'}</td>
                <td>{t('stockWatch.stocktake.openProgressValue', { counted: st.counted, total: st.lines })}</td>
                <td>{t(`stockWatch.stocktake.status.${st.status}`)}</td>
                <td>{st.note ?? ''}</td>
                <td>
                  <button type="button" data-testid="stocktake-carry-on" aria-label={t('stockWatch.stocktake.carryOnLabel', { scope, at })}
                    onClick={() => setCurrentStocktake(st.id)}>
                    {t('stockWatch.stocktake.carryOn')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
