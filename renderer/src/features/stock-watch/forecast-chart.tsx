// The forecast drawn as SVG (no chart library): above, daily demand (history as bars, the forecast as a line inside
// its shaded interval, the seasonal-naive baseline dotted); below, the stock the forecast leaves each day against
// the reorder point and the order-up-to level. Every number is the core's; this only places them.
import { useTranslation } from 'react-i18next';
import type { ProductForecast } from '@mortar/main/contract';

export const CHART = { width: 720, demandHeight: 200, stockHeight: 140, gap: 36, left: 48, right: 12, top: 12 } as const;

/** A scale from [0, max] onto [bottom, top] pixels; max 0 draws everything on the axis. */
export function scaleY(max: number, top: number, bottom: number): (v: number) => number {
  const span = bottom - top;
  return (v) => (max <= 0 ? bottom : bottom - (Math.max(0, Math.min(v, max)) / max) * span);
}

/** A round step for axis ticks: 1, 2 or 5 times a power of ten, about `ticks` of them up to `max`. */
export function niceStep(max: number, ticks = 4): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export function ForecastChart({ data, historyShown = 56 }: { data: ProductForecast; historyShown?: number }) {
  const { t } = useTranslation();
  const history = data.history.slice(-historyShown);
  const days = history.length + data.forecast.length;
  const innerWidth = CHART.width - CHART.left - CHART.right;
  const step = days > 0 ? innerWidth / days : innerWidth;
  const x = (i: number) => CHART.left + i * step;
  const at = (i: number) => x(i) + step / 2;

  // Demand panel.
  const dTop = CHART.top;
  const dBottom = dTop + CHART.demandHeight;
  const demandMax = Math.max(1, ...history.map((h) => h.quantity), ...data.forecast.map((p) => p.upper), ...data.baseline.map((b) => b.quantity));
  const dStep = niceStep(demandMax);
  const dMax = Math.ceil(demandMax / dStep) * dStep;
  const dy = scaleY(dMax, dTop, dBottom);
  const first = history.length;
  const band = [
    ...data.forecast.map((p, i) => `${at(first + i)},${dy(p.upper)}`),
    ...data.forecast.map((p, i) => `${at(first + i)},${dy(p.lower)}`).reverse(),
  ].join(' ');
  const meanLine = data.forecast.map((p, i) => `${at(first + i)},${dy(p.mean)}`).join(' ');
  const baseLine = data.baseline.map((b, i) => `${at(first + i)},${dy(b.quantity)}`).join(' ');

  // Stock panel: the forecast days only, from today's on-hand.
  const sTop = dBottom + CHART.gap;
  const sBottom = sTop + CHART.stockHeight;
  const stockValues = [data.onHand, data.reorderPoint, data.orderUpToLevel, ...data.projection.map((p) => p.onHand)];
  const stockMax = Math.max(1, ...stockValues);
  const sStep = niceStep(stockMax);
  const sMax = Math.ceil(stockMax / sStep) * sStep;
  const sy = scaleY(sMax, sTop, sBottom);
  const stockLine = [`${x(first)},${sy(data.onHand)}`, ...data.projection.map((p, i) => `${at(first + i)},${sy(p.onHand)}`)].join(' ');
  const right = CHART.width - CHART.right;
  const ticks = (max: number, s: number) => Array.from({ length: Math.floor(max / s) + 1 }, (_, i) => i * s);
  const height = sBottom + 28;

  return (
    <svg viewBox={`0 0 ${CHART.width} ${height}`} width="100%" role="img" aria-labelledby="forecast-chart-title forecast-chart-desc" data-testid="forecast-chart"
      className="forecast-chart">
      <title id="forecast-chart-title">{t('stockWatch.forecast.chartTitle', { name: data.name })}</title>
      <desc id="forecast-chart-desc">
        {t('stockWatch.forecast.chartDesc', { days: history.length, horizon: data.forecast.length, rop: data.reorderPoint, upTo: data.orderUpToLevel, onHand: data.onHand })}
      </desc>
      <g aria-hidden="true" fontSize="10" fill="currentColor">
        {ticks(dMax, dStep).map((v) => (
          <g key={`d${v}`}>
            <line x1={CHART.left} x2={right} y1={dy(v)} y2={dy(v)} stroke="currentColor" strokeOpacity="0.12" />
            <text x={CHART.left - 4} y={dy(v) + 3} textAnchor="end">
              {fmt(v)}
            </text>
          </g>
        ))}
        <text x={CHART.left + 4} y={dTop + 8} fontWeight="bold">
          {t('stockWatch.forecast.demandAxis', { unit: data.unit })}
        </text>
        {history.map((h, i) => (
          <rect key={h.date} data-testid="forecast-history-bar" x={x(i) + step * 0.15} width={step * 0.7} y={dy(h.quantity)} height={dBottom - dy(h.quantity)}
            fill="currentColor" fillOpacity="0.45" />
        ))}
        <polygon data-testid="forecast-interval" points={band} fill="#3b82f6" fillOpacity="0.2" />
        <polyline data-testid="forecast-mean" points={meanLine} fill="none" stroke="#2563eb" strokeWidth="2" />
        <polyline data-testid="forecast-baseline" points={baseLine} fill="none" stroke="#9333ea" strokeWidth="1.5" strokeDasharray="2 3" />
        <line x1={x(first)} x2={x(first)} y1={dTop} y2={sBottom} stroke="currentColor" strokeDasharray="4 3" strokeOpacity="0.6" />
        <text x={x(first) + 3} y={dBottom + 12}>
          {data.today}
        </text>

        {ticks(sMax, sStep).map((v) => (
          <g key={`s${v}`}>
            <line x1={CHART.left} x2={right} y1={sy(v)} y2={sy(v)} stroke="currentColor" strokeOpacity="0.12" />
            <text x={CHART.left - 4} y={sy(v) + 3} textAnchor="end">
              {fmt(v)}
            </text>
          </g>
        ))}
        <text x={CHART.left} y={sTop - 6} fontWeight="bold">
          {t('stockWatch.forecast.stockAxis', { unit: data.unit })}
        </text>
        <line data-testid="forecast-reorder-point" x1={CHART.left} x2={right} y1={sy(data.reorderPoint)} y2={sy(data.reorderPoint)} stroke="#dc2626" strokeWidth="1.5" />
        {/* Labels sit on the left, where the stock panel has no line to cross them (it starts today). */}
        <text x={CHART.left + 4} y={sy(data.reorderPoint) - 3} fill="#dc2626">
          {t('stockWatch.forecast.reorderPoint')} {data.reorderPoint}
        </text>
        <line data-testid="forecast-order-up-to" x1={CHART.left} x2={right} y1={sy(data.orderUpToLevel)} y2={sy(data.orderUpToLevel)} stroke="#16a34a" strokeDasharray="6 3" />
        <text x={CHART.left + 4} y={sy(data.orderUpToLevel) - 3} fill="#16a34a">
          {t('stockWatch.forecast.orderUpTo')} {data.orderUpToLevel}
        </text>
        <polyline data-testid="forecast-stock" points={stockLine} fill="none" stroke="currentColor" strokeWidth="2" />
        <circle cx={x(first)} cy={sy(data.onHand)} r="3" fill="currentColor" />
      </g>
    </svg>
  );
}
