// One patient opened from the search: the clinical profile and the medication history for a pharmacist (each
// opening is a read the core writes to the access log), and the access log itself for whoever may audit.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientProfile, SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { formatCalendarDate, formatDateTime } from '../../format/dates.js';
import { PatientFormView } from './patient-form.js';
import { useGetPatientQuery, usePatientAccessLogQuery, usePatientHistoryQuery } from './patients-api.js';

function Details({ p }: { p: PatientProfile }) {
  const { t, i18n } = useTranslation();
  const none = t('patients.none');
  return (
    <dl className="details" data-testid="patient-details">
      <dt>{t('patients.fields.birthDate')}</dt>
      <dd data-testid="patient-birthDate">{p.birthDate ? formatCalendarDate(p.birthDate, i18n.language) : none}</dd>
      <dt>{t('patients.fields.phone')}</dt>
      <dd>{p.phone ?? none}</dd>
      <dt>{t('patients.fields.email')}</dt>
      <dd>{p.email ?? none}</dd>
      <dt>{t('patients.fields.address')}</dt>
      <dd>{p.address ?? none}</dd>
      <dt>{t('patients.fields.allergies')}</dt>
      <dd data-testid="patient-allergies">
        {p.allergies.length === 0
          ? t('patients.noAllergies')
          : p.allergies.map((a) => `${a.substance} (${t(`patients.kinds.${a.kind}`)}${a.reaction ? `: ${a.reaction}` : ''})`).join('; ')}
      </dd>
      <dt>{t('patients.fields.conditions')}</dt>
      <dd data-testid="patient-conditions">{p.conditions.length === 0 ? none : p.conditions.map((c) => (c.note ? `${c.name} (${c.note})` : c.name)).join('; ')}</dd>
      <dt>{t('patients.fields.reminderConsent')}</dt>
      <dd data-testid="patient-consent">
        {p.reminderConsent
          ? p.reminderConsentAt
            ? t('patients.consentGivenAt', { at: formatDateTime(p.reminderConsentAt, i18n.language) })
            : t('patients.yes')
          : t('patients.no')}
      </dd>
    </dl>
  );
}

function History({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const history = usePatientHistoryQuery({ patientId }, { refetchOnMountOrArgChange: true });
  const medicines = history.currentData?.medicines ?? [];
  return (
    <section aria-labelledby="patient-history-title" data-testid="patient-history">
      <h4 id="patient-history-title">{t('patients.history.title')}</h4>
      {history.error ? <p className="banner banner-error" role="alert">{errorWords(t, history.error)}</p> : null}
      {history.currentData && medicines.length === 0 ? <p className="muted">{t('patients.history.empty')}</p> : null}
      {medicines.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('patients.history.date')}</th>
              <th scope="col">{t('patients.history.medicine')}</th>
              <th scope="col">{t('patients.history.quantity')}</th>
              <th scope="col">{t('patients.history.directions')}</th>
              <th scope="col">{t('patients.history.fill')}</th>
              <th scope="col">{t('patients.history.batch')}</th>
              <th scope="col">{t('patients.history.status')}</th>
            </tr>
          </thead>
          <tbody>
            {medicines.map((m) => (
              <tr key={`${m.dispenseId}-${m.lineNo}`} data-testid="patient-history-row">
                <td>{formatDateTime(m.at, i18n.language)}</td>
                <td>{m.productName}</td>
                <td>{m.quantity}</td>
                <td>{m.sig}</td>
                <td>{m.fillNo}</td>
                <td>{`${m.batch} · ${formatCalendarDate(m.expiry, i18n.language)}`}</td>
                <td>{m.active ? t('patients.history.active') : t('patients.history.finished')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function AccessLog({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const log = usePatientAccessLogQuery({ patientId }, { refetchOnMountOrArgChange: true });
  const entries = log.currentData?.entries ?? [];
  return (
    <section aria-labelledby="patient-access-title" data-testid="patient-access-log">
      <h4 id="patient-access-title">{t('patients.access.title')}</h4>
      {log.error ? <p className="banner banner-error" role="alert">{errorWords(t, log.error)}</p> : null}
      {log.currentData && entries.length === 0 ? <p className="muted">{t('patients.access.empty')}</p> : null}
      {entries.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('patients.access.at')}</th>
              <th scope="col">{t('patients.access.who')}</th>
              <th scope="col">{t('patients.access.role')}</th>
              <th scope="col">{t('patients.access.what')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="patient-access-row">
                <td>{formatDateTime(e.at, i18n.language)}</td>
                <td>{e.actorName}</td>
                <td>{t(`roles.${e.actorRole}`, { defaultValue: e.actorRole })}</td>
                <td>{t(`patients.access.ops.${e.op}`, { defaultValue: e.op })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ClinicalProfile({ patientId, canAudit, onClose }: { patientId: string; canAudit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const profile = useGetPatientQuery({ patientId }, { refetchOnMountOrArgChange: true });
  const p = profile.currentData;
  if (editing && p) return <PatientFormView patient={p} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />;
  return (
    <section className="panel patient-profile" aria-labelledby="patient-title" data-testid="patient-profile">
      <header className="panel-head">
        <h3 id="patient-title">{p ? p.name : t('patients.loading')}</h3>
        <div className="actions">
          {p ? (
            <button type="button" data-testid="patient-edit" onClick={() => setEditing(true)}>
              {t('patients.edit')}
            </button>
          ) : null}
          {canAudit ? (
            <button type="button" data-testid="patient-show-access" aria-pressed={showLog} onClick={() => setShowLog((v) => !v)}>
              {t('patients.access.show')}
            </button>
          ) : null}
          <button type="button" className="ghost" data-testid="patient-close" onClick={onClose}>
            {t('patients.close')}
          </button>
        </div>
      </header>
      {profile.error ? <p className="banner banner-error" role="alert">{errorWords(t, profile.error)}</p> : null}
      {p ? <Details p={p} /> : null}
      {p ? <History patientId={patientId} /> : null}
      {showLog ? <AccessLog patientId={patientId} /> : null}
    </section>
  );
}

/** What the user's role may open for a patient: the clinical profile, the access log, or both. */
export function PatientPanel({ session, patient, onClose }: { session: SessionInfo; patient: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const canClinical = session.permissions.includes('patients.readClinical');
  const canAudit = session.permissions.includes('audit.read');
  if (canClinical) return <ClinicalProfile patientId={patient.id} canAudit={canAudit} onClose={onClose} />;
  return (
    <section className="panel patient-profile" aria-labelledby="patient-title" data-testid="patient-audit-only">
      <header className="panel-head">
        <h3 id="patient-title">{patient.name}</h3>
        <div className="actions">
          <button type="button" className="ghost" data-testid="patient-close" onClick={onClose}>
            {t('patients.close')}
          </button>
        </div>
      </header>
      <AccessLog patientId={patient.id} />
    </section>
  );
}
