// The clinical checks of a draft, most severe first, each with its reason and advice; a major or
// contraindicated finding takes the pharmacist's reason before the prescription can be signed, and any other
// may be answered with one, which the signature then records beside it.
import { useTranslation } from 'react-i18next';
import type { CheckReport } from '@mortar/main/contract';

const RANK: Record<string, number> = { contraindicated: 0, major: 1, moderate: 2, minor: 3 };

export function rankedAlerts(report: CheckReport): CheckReport['alerts'] {
  return [...report.alerts].sort((a, b) => (RANK[a.severity] ?? 9) - (RANK[b.severity] ?? 9));
}

export function CheckPanel({ report, reasons, onReason }: { report: CheckReport; reasons: Record<string, string>; onReason: (alertId: string, reason: string) => void }) {
  const { t } = useTranslation();
  const alerts = rankedAlerts(report);
  return (
    <section className="rx-checks" aria-labelledby="rx-checks-title" data-testid="rx-checks">
      <h4 id="rx-checks-title">{t('prescriptions.check.title')}</h4>
      {alerts.length === 0 ? <p className="banner banner-ok" data-testid="rx-no-alerts">{t('prescriptions.check.none')}</p> : null}
      <ol className="rx-alerts">
        {alerts.map((a) => (
          <li key={a.id} className={a.requiresOverride ? 'banner banner-error' : 'banner banner-warning'} data-testid="rx-alert" data-severity={a.severity}>
            <strong>{t(`prescriptions.check.severity.${a.severity}`)}</strong> · {t(`prescriptions.check.kind.${a.kind}`)}: {a.ingredients.join(' + ')}
            <p>{a.reason}</p>
            <p>
              <em>{t('prescriptions.check.advice')}</em> {a.advice}
            </p>
            <label className="field">
              <span>{t(a.requiresOverride ? 'prescriptions.check.overrideReason' : 'prescriptions.check.noteReason')}</span>
              <textarea data-testid={a.requiresOverride ? 'rx-override-reason' : 'rx-note-reason'} value={reasons[a.id] ?? ''} onChange={(e) => onReason(a.id, e.target.value)} />
            </label>
          </li>
        ))}
      </ol>
      {report.unrecognised.ingredients.length > 0 ? (
        <p className="banner banner-warning" data-testid="rx-unrecognised">{t('prescriptions.check.unrecognised', { names: report.unrecognised.ingredients.join(', ') })}</p>
      ) : null}
      {report.doseProblems.map((d) => (
        <p key={`${d.ingredient}-${d.code}`} className="banner banner-warning">{t('prescriptions.check.doseUnchecked', { ingredient: d.ingredient })}</p>
      ))}
    </section>
  );
}
