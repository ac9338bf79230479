// An X report (the open shift so far) or a Z report (the closed shift with its count), exactly as the core
// built it: every figure here is the core's, none is summed on screen.
import { useTranslation } from 'react-i18next';
import type { ShiftReport } from '@mortar/main/contract';
import { formatDateTime } from '../../format/dates.js';
import { formatMoney } from '../../format/money.js';

function signed(minor: number, currency: string, locale: string): string {
  const text = formatMoney(minor, currency, locale);
  return minor > 0 ? `+${text}` : text;
}

export function ShiftReportView({ report }: { report: ShiftReport }) {
  const { t, i18n } = useTranslation();
  const money = (minor: number, currency = report.currency) => formatMoney(minor, currency, i18n.language);
  const tender = (kind: string) => t(`checkout.tenders.${kind}`, { defaultValue: kind });
  return (
    <article className="shift-report" data-testid={report.kind === 'Z' ? 'z-report' : 'x-report'} data-kind={report.kind}>
      <p className="muted">
        {t('shift.report.period', {
          terminal: report.terminalName,
          opened: formatDateTime(report.openedAt, i18n.language),
          openedBy: report.openedBy.displayName,
        })}
        {report.closedAt !== null
          ? ` ${t('shift.report.closed', { closed: formatDateTime(report.closedAt, i18n.language), closedBy: report.closedBy?.displayName ?? '' })}`
          : ''}
      </p>
      {report.count ? (
        <div className={report.count.overShortMinor === 0 ? 'banner banner-ok' : 'banner banner-warning'} data-testid="z-over-short">
          <strong>
            {report.count.overShortMinor === 0
              ? t('shift.report.balanced')
              : report.count.overShortMinor > 0
                ? t('shift.report.over', { amount: money(report.count.overShortMinor) })
                : t('shift.report.short', { amount: money(-report.count.overShortMinor) })}
          </strong>
          <span>
            {' '}
            {t('shift.report.countedExpected', { counted: money(report.count.countedMinor), expected: money(report.cash.expectedMinor) })}
          </span>
        </div>
      ) : null}
      <div className="report-grid">
        <section>
          <h3>{t('shift.report.sales')}</h3>
          <dl className="facts">
            <dt>{t('shift.report.salesCount')}</dt>
            <dd className="num" data-testid="report-sales-count">
              {report.sales.count}
            </dd>
            <dt>{t('shift.report.gross')}</dt>
            <dd className="num">{money(report.sales.grossMinor)}</dd>
            <dt>{t('shift.report.discounts')}</dt>
            <dd className="num">{money(report.discounts.totalMinor)}</dd>
            <dt>{t('shift.report.returns', { count: report.returns.count })}</dt>
            <dd className="num">{money(report.returns.refundMinor)}</dd>
            <dt>{t('shift.report.voids', { count: report.voids.count })}</dt>
            <dd className="num">{money(report.voids.grossMinor)}</dd>
            <dt>{t('shift.report.netSales')}</dt>
            <dd className="num" data-testid="report-net-sales">
              {money(report.netSalesMinor)}
            </dd>
          </dl>
        </section>
        <section>
          <h3>{t('shift.report.byTender')}</h3>
          <table className="table">
            <tbody>
              {report.byTender.map((r) => (
                <tr key={`${r.kind}-${r.currency}`}>
                  <td>
                    {tender(r.kind)} ({r.count})
                  </td>
                  <td className="num">
                    {money(r.amountMinor, r.currency)}
                    {r.currency !== report.currency ? ` = ${money(r.baseAmountMinor)}` : ''}
                  </td>
                </tr>
              ))}
              <tr>
                <td>{t('shift.report.changeGiven')}</td>
                <td className="num">{money(report.changeGivenMinor)}</td>
              </tr>
            </tbody>
          </table>
          <h3>{t('shift.report.byTaxRate')}</h3>
          <table className="table">
            <tbody>
              {report.byTaxRate.map((r) => (
                <tr key={r.key}>
                  <td>{r.ratePercent !== null ? `${r.name} ${r.ratePercent} %` : r.name}</td>
                  <td className="num">{money(r.netMinor)}</td>
                  <td className="num">{money(r.taxMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>{t('shift.report.cash')}</h3>
          <dl className="facts">
            <dt>{t('shift.report.float')}</dt>
            <dd className="num">{money(report.cash.floatMinor)}</dd>
            <dt>{t('shift.report.cashSales')}</dt>
            <dd className="num">{money(report.cash.salesMinor)}</dd>
            <dt>{t('shift.report.cashRefunds')}</dt>
            <dd className="num">{money(-report.cash.refundsMinor)}</dd>
            <dt>{t('shift.report.cashVoids')}</dt>
            <dd className="num">{money(-report.cash.voidsMinor)}</dd>
            <dt>{t('shift.report.cashIn')}</dt>
            <dd className="num">{money(report.cash.movementsInMinor)}</dd>
            <dt>{t('shift.report.cashOut')}</dt>
            <dd className="num">{money(-report.cash.movementsOutMinor)}</dd>
            <dt>{t('shift.report.expected')}</dt>
            <dd className="num" data-testid="report-expected-cash">
              {money(report.cash.expectedMinor)}
            </dd>
          </dl>
          {report.foreignCash.length > 0 ? (
            <table className="table">
              <tbody>
                {report.foreignCash.map((f) => (
                  <tr key={f.currency}>
                    <td>{f.currency}</td>
                    <td className="num">{money(f.expectedMinor, f.currency)}</td>
                    <td className="num">
                      {f.overShortMinor !== null ? signed(f.overShortMinor, f.currency, i18n.language) : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {report.cashMovements.items.length > 0 ? (
            <ul className="movements">
              {report.cashMovements.items.map((m) => (
                <li key={m.id}>
                  {m.direction === 'in' ? t('shift.movement.in') : t('shift.movement.out')} {money(m.amountMinor, m.currency)} —{' '}
                  {m.reason} ({m.actorName})
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>
      <p className="muted">{t('shift.report.generated', { at: formatDateTime(report.generatedAt, i18n.language) })}</p>
    </article>
  );
}
