// Choosing the patient a prescription is for: found by the name read from the page (or typed), or created from
// that name and birth date. Nothing is chosen for the pharmacist.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorWords } from '../../app/api-error.js';
import { useCreateRxPatientMutation, useSearchRxPatientsQuery } from './prescriptions-api.js';

export type ChosenPatient = { id: string; name: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function PatientPicker({ readName, readBirthDate, chosen, onChoose }: {
  readName: string;
  readBirthDate: string;
  chosen: ChosenPatient | null;
  onChoose: (patient: ChosenPatient | null) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(readName);
  const [message, setMessage] = useState<string | null>(null);
  const name = query.trim();
  const search = useSearchRxPatientsQuery({ name, limit: 10 }, { skip: name.length < 2 || chosen !== null });
  const [createPatient, creating] = useCreateRxPatientMutation();

  if (chosen !== null) {
    return (
      <div className="rx-patient" data-testid="rx-patient-chosen">
        <strong>{t('prescriptions.patient.chosen', { name: chosen.name })}</strong>{' '}
        <button type="button" onClick={() => onChoose(null)}>{t('prescriptions.patient.change')}</button>
      </div>
    );
  }

  const create = async () => {
    setMessage(null);
    if (name.length < 2) {
      setMessage(t('prescriptions.patient.nameTooShort'));
      return;
    }
    const birth = readBirthDate.trim();
    if (birth !== '' && !ISO_DATE.test(birth)) {
      setMessage(t('prescriptions.review.needBirthDate'));
      return;
    }
    const result = await createPatient({ name, birthDate: birth === '' ? null : birth });
    if ('error' in result && result.error) setMessage(errorWords(t, result.error));
    else if ('data' in result && result.data) onChoose({ id: result.data.id, name: result.data.name });
  };

  const found = search.data?.patients ?? [];
  return (
    <fieldset className="rx-patient" data-testid="rx-patient">
      <legend>{t('prescriptions.patient.title')}</legend>
      <label className="field">
        <span>{t('prescriptions.patient.search')}</span>
        <input value={query} data-testid="rx-patient-search" onChange={(e) => setQuery(e.target.value)} />
      </label>
      {found.length > 0 ? (
        <ul className="results">
          {found.map((p) => (
            <li key={p.id} className="result">
              <span className="result-name">{p.name}</span>{' '}
              <button type="button" data-testid="rx-patient-pick" onClick={() => onChoose({ id: p.id, name: p.name })}>
                {t('prescriptions.patient.pick')}
              </button>
            </li>
          ))}
        </ul>
      ) : search.isSuccess ? (
        <p className="muted">{t('prescriptions.patient.noMatch')}</p>
      ) : null}
      <button type="button" data-testid="rx-patient-create" disabled={creating.isLoading} onClick={() => void create()}>
        {t('prescriptions.patient.create', { name })}
      </button>
      {message ? <p className="banner banner-error" role="alert">{message}</p> : null}
    </fieldset>
  );
}
