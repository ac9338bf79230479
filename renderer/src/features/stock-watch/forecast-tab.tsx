// Inventory → Forecast: pick a product and see its daily demand, the forecast with its interval, how well the chosen
// method did in the backtest beside the seasonal-naive baseline, and where stock, the reorder point and the
// order-up-to level stand. The chart has a table beside it for screen readers and for reading exact figures.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductForecast } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { ForecastChart } from './forecast-chart.js';
import { ProductPicker } from './product-picker.js';
import { useSwProductForecastQuery } from './stock-watch-api.js';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const units = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

function ForecastTable({ data }: { data: ProductForecast }) {
  const { t } = useTranslation();
  const history = data.history.slice(-56);
  return (
    <table className="table" data-testid="forecast-table" aria-label={t('stockWatch.forecast.tableTitle', { name: data.name })}>
      <thead>
        <tr>
          <th scope="col">{t('stockWatch.forecast.date')}</th>
          <th scope="col">{t('stockWatch.forecast.actual')}</th>
          <th scope="col">{t('stockWatch.forecast.mean')}</th>
          <th scope="col">{t('stockWatch.forecast.interval', { level: Math.round(data.intervalLevel * 100) })}</th>
          <th scope="col">{t('stockWatch.forecast.baseline')}</th>
          <th scope="col">{t('stockWatch.forecast.projected')}</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h) => (
          <tr key={h.date}>
            <th scope="row">{h.date}</th>
            <td>{h.quantity}</td>
            <td />
            <td />
            <td />
            <td />
          </tr>
        ))}
        {data.forecast.map((p, i) => (
          <tr key={p.date} data-testid={`forecast-row-${p.date}`}>
            <th scope="row">{p.date}</th>
            <td />
            <td>{units(p.mean)}</td>
            <td>
              {units(p.lower)} – {units(p.upper)}
            </td>
            <td>{units(data.baseline[i]?.quantity ?? 0)}</td>
            <td>{data.projection[i]?.onHand ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ForecastView({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const forecast = useSwProductForecastQuery({ productId });
  const data = forecast.data;
  if (forecast.error) {
    return (
      <p className="banner banner-error" role="alert" data-testid="forecast-error">
        {errorWords(t, forecast.error)}
      </p>
    );
  }
  if (!data) return <p className="empty">{t('stockWatch.forecast.working')}</p>;
  const method = t(`stockWatch.forecast.methods.${data.method}`, { defaultValue: data.method });
  return (
    <section className="panel" aria-labelledby="forecast-title" data-testid="forecast-view">
      <header className="panel-head">
        <h3 id="forecast-title">{data.name}</h3>
        <div className="actions">
          <button type="button" aria-pressed={asTable} data-testid="forecast-as-table" onClick={() => setAsTable((v) => !v)}>
            {asTable ? t('stockWatch.forecast.showChart') : t('stockWatch.forecast.showTable')}
          </button>
        </div>
      </header>
      <dl className="facts" data-testid="forecast-facts">
        <dt>{t('stockWatch.forecast.method')}</dt>
        <dd data-testid="forecast-method">
          {method} ({t(`stockWatch.forecast.classes.${data.classification}`, { defaultValue: data.classification })})
        </dd>
        <dt>{t('stockWatch.forecast.methodError')}</dt>
        <dd data-testid="forecast-method-error">{t('stockWatch.forecast.errorPair', { mase: ratio(data.methodError.mase), wape: percent(data.methodError.wape) })}</dd>
        <dt>{t('stockWatch.forecast.baselineError')}</dt>
        <dd data-testid="forecast-baseline-error">{t('stockWatch.forecast.errorPair', { mase: ratio(data.baselineError.mase), wape: percent(data.baselineError.wape) })}</dd>
        <dt>{t('stockWatch.forecast.onHand')}</dt>
        <dd data-testid="forecast-on-hand">
          {data.onHand} {data.unit}
          {data.onOrder > 0 ? ` · ${t('stockWatch.forecast.onOrder', { count: data.onOrder })}` : ''}
        </dd>
        <dt>{t('stockWatch.forecast.reorderPoint')}</dt>
        <dd data-testid="forecast-rop">{data.reorderPoint}</dd>
        <dt>{t('stockWatch.forecast.orderUpTo')}</dt>
        <dd data-testid="forecast-out">{data.orderUpToLevel}</dd>
        <dt>{t('stockWatch.forecast.policy')}</dt>
        <dd>
          {t('stockWatch.forecast.policyText', {
            lead: data.leadTimeDays,
            supplier: data.supplierName ?? t('stockWatch.forecast.noSupplier'),
            review: data.reviewPeriodDays,
            level: (data.serviceLevel * 100).toFixed(0),
          })}
        </dd>
      </dl>
      {asTable ? <ForecastTable data={data} /> : <ForecastChart data={data} />}
      <p className="field-hint">{t('stockWatch.forecast.legend')}</p>
    </section>
  );
}

export function ForecastTab() {
  const { t } = useTranslation();
  const [product, setProduct] = useState<{ id: string; name: string } | null>(null);
  return (
    <div className="stock-watch forecast-tab" data-testid="forecast-tab">
      <ProductPicker id="forecast-product" testId="forecast-product" label={t('stockWatch.forecast.product')} onPick={(hit) => setProduct({ id: hit.id, name: hit.name })} />
      {product ? <ForecastView key={product.id} productId={product.id} /> : <p className="empty">{t('stockWatch.forecast.choose')}</p>}
    </div>
  );
}
