// The electronic signature (21 CFR 11.200): the pharmacist gives their password or PIN again, and sees the
// meaning, their name and the time it will carry; each major or contraindicated finding needs its reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckReport, Prescription, SessionInfo } from '@mortar/main/contract';
import { asErrorLike, errorWords, minutesUntil } from '../../app/api-error.js';
import { useVerifyRxMutation } from './prescriptions-api.js';

const MIN_REASON = 3;

export function SignForm({ session, prescription, report, reasons, onSigned }: {
  session: SessionInfo;
  prescription: Prescription;
  report: CheckReport;
  reasons: Record<string, string>;
  onSigned: (p: Prescription) => void;
}) {
  const { t, i18n } = useTranslation();
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [verify, verifying] = useVerifyRxMutation();
  const needing = report.alerts.filter((a) => a.requiresOverride);

  const sign = async () => {
    setMessage(null);
    const missing = needing.filter((a) => (reasons[a.id] ?? '').trim().length < MIN_REASON);
    if (missing.length > 0) {
      setMessage(t('prescriptions.sign.needReasons', { count: missing.length }));
      return;
    }
    if (secret === '') {
      setMessage(t('prescriptions.sign.needSecret'));
      return;
    }
    const acknowledgements = report.alerts
      .filter((a) => a.requiresOverride || (reasons[a.id] ?? '').trim().length >= MIN_REASON)
      .map((a) => ({ alertId: a.id, reason: (reasons[a.id] ?? '').trim() }));
    const result = await verify({ prescriptionId: prescription.id, secret, acknowledgements });
    setSecret('');
    if ('error' in result && result.error) {
      const e = asErrorLike(result.error);
      const until = (e?.details as { until?: unknown } | undefined)?.until;
      setMessage(e?.code === 'rx.signingLocked' ? t('prescriptions.sign.locked', { count: minutesUntil(until, Date.now()) }) : errorWords(t, result.error));
    } else if ('data' in result && result.data) onSigned(result.data);
  };

  return (
    <form className="rx-sign" data-testid="rx-sign" onSubmit={(e) => {
      e.preventDefault();
      void sign();
    }}>
      <h4>{t('prescriptions.sign.title')}</h4>
      <p data-testid="rx-sign-meaning">
        {t('prescriptions.sign.statement', { meaning: t('prescriptions.signature.meaning.verified'), name: session.user.displayName, when: new Date().toLocaleString(i18n.language) })}
      </p>
      <label className="field">
        <span>{t('prescriptions.sign.secret')}</span>
        <input type="password" autoComplete="current-password" data-testid="rx-sign-secret" value={secret} onChange={(e) => setSecret(e.target.value)} />
      </label>
      {message ? <p className="banner banner-error" role="alert" data-testid="rx-sign-error">{message}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="rx-sign-submit" disabled={verifying.isLoading}>{t('prescriptions.sign.submit')}</button>
      </div>
    </form>
  );
}
