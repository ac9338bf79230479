// Creating or changing a patient profile: the fields the pharmacist keeps, allergies and conditions as rows
// that can be added and removed from the keyboard. Bad input is named field by field and nothing is sent.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientProfile } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { localIsoDate } from '../../format/dates.js';
import { checkPatientForm, emptyForm, formOf, type FormProblems, type PatientForm } from './patient-form-model.js';
import { useCreatePatientMutation, useUpdatePatientMutation } from './patients-api.js';

export type PatientFormProps = {
  /** The profile being changed, or none for a new patient. */
  patient: PatientProfile | null;
  onSaved: (p: PatientProfile) => void;
  onCancel: () => void;
  now?: () => Date;
};

function Problem({ problems, field }: { problems: FormProblems; field: string }) {
  const { t } = useTranslation();
  const key = problems[field];
  return key ? (
    <span className="field-error" id={`patient-${field}-problem`} data-testid={`patient-problem-${field}`}>
      {t(key)}
    </span>
  ) : null;
}

export function PatientFormView({ patient, onSaved, onCancel, now = () => new Date() }: PatientFormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<PatientForm>(patient ? formOf(patient) : emptyForm);
  const [problems, setProblems] = useState<FormProblems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [create, creating] = useCreatePatientMutation();
  const [update, updating] = useUpdatePatientMutation();
  const busy = creating.isLoading || updating.isLoading;
  const set = (patch: Partial<PatientForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const checked = checkPatientForm(form, localIsoDate(now()));
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    const result = patient ? await update({ patientId: patient.id, ...checked.value }) : await create(checked.value);
    if ('error' in result && result.error) setFailure(errorWords(t, result.error));
    else if ('data' in result && result.data) onSaved(result.data);
  };

  const text = (field: 'name' | 'birthDate' | 'phone' | 'email' | 'address', type = 'text') => (
    <label className="field">
      <span>{t(`patients.fields.${field}`)}</span>
      <input type={type} value={form[field]} data-testid={`patient-input-${field}`} autoFocus={field === 'name'}
        placeholder={field === 'birthDate' ? t('patients.form.datePlaceholder') : undefined}
        aria-invalid={problems[field] ? true : undefined} aria-describedby={problems[field] ? `patient-${field}-problem` : undefined}
        onChange={(e) => set({ [field]: e.target.value })} />
      <Problem problems={problems} field={field} />
    </label>
  );

  return (
    <form className="panel patient-form" onSubmit={(e) => void submit(e)} data-testid="patient-form" noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}>
      <h3>{patient ? t('patients.form.editTitle', { name: patient.name }) : t('patients.form.newTitle')}</h3>
      {text('name')}
      {text('birthDate')}
      {text('phone', 'tel')}
      {text('email', 'email')}
      {text('address')}

      <fieldset>
        <legend>{t('patients.fields.allergies')}</legend>
        {form.allergies.map((a, i) => (
          <div className="row" key={i} data-testid="patient-allergy-row">
            <label className="field">
              <span>{t('patients.form.substance')}</span>
              <input value={a.substance} data-testid={`patient-allergy-substance-${i}`}
                aria-invalid={problems[`allergies.${i}.substance`] ? true : undefined}
                onChange={(e) => set({ allergies: form.allergies.map((x, j) => (j === i ? { ...x, substance: e.target.value } : x)) })} />
              <Problem problems={problems} field={`allergies.${i}.substance`} />
            </label>
            <label className="field">
              <span>{t('patients.form.kind')}</span>
              <select value={a.kind} data-testid={`patient-allergy-kind-${i}`}
                onChange={(e) => set({ allergies: form.allergies.map((x, j) => (j === i ? { ...x, kind: e.target.value === 'intolerance' ? 'intolerance' : 'allergy' } : x)) })}>
                <option value="allergy">{t('patients.kinds.allergy')}</option>
                <option value="intolerance">{t('patients.kinds.intolerance')}</option>
              </select>
            </label>
            <label className="field">
              <span>{t('patients.form.reaction')}</span>
              <input value={a.reaction} data-testid={`patient-allergy-reaction-${i}`}
                onChange={(e) => set({ allergies: form.allergies.map((x, j) => (j === i ? { ...x, reaction: e.target.value } : x)) })} />
            </label>
            <button type="button" className="ghost" aria-label={t('patients.form.removeAllergy', { substance: a.substance })}
              onClick={() => set({ allergies: form.allergies.filter((_, j) => j !== i) })}>
              {t('patients.form.remove')}
            </button>
          </div>
        ))}
        <button type="button" data-testid="patient-add-allergy" onClick={() => set({ allergies: [...form.allergies, { substance: '', kind: 'allergy', reaction: '' }] })}>
          {t('patients.form.addAllergy')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('patients.fields.conditions')}</legend>
        {form.conditions.map((c, i) => (
          <div className="row" key={i} data-testid="patient-condition-row">
            <label className="field">
              <span>{t('patients.form.condition')}</span>
              <input value={c.name} data-testid={`patient-condition-name-${i}`}
                aria-invalid={problems[`conditions.${i}.name`] ? true : undefined}
                onChange={(e) => set({ conditions: form.conditions.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
              <Problem problems={problems} field={`conditions.${i}.name`} />
            </label>
            <label className="field">
              <span>{t('patients.form.note')}</span>
              <input value={c.note} data-testid={`patient-condition-note-${i}`}
                onChange={(e) => set({ conditions: form.conditions.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)) })} />
            </label>
            <button type="button" className="ghost" aria-label={t('patients.form.removeCondition', { name: c.name })}
              onClick={() => set({ conditions: form.conditions.filter((_, j) => j !== i) })}>
              {t('patients.form.remove')}
            </button>
          </div>
        ))}
        <button type="button" data-testid="patient-add-condition" onClick={() => set({ conditions: [...form.conditions, { name: '', note: '' }] })}>
          {t('patients.form.addCondition')}
        </button>
      </fieldset>

      <label className="checkbox">
        <input type="checkbox" checked={form.reminderConsent} data-testid="patient-input-reminderConsent" onChange={(e) => set({ reminderConsent: e.target.checked })} />
        <span>{t('patients.fields.reminderConsent')}</span>
      </label>

      {failure ? (
        <p className="banner banner-error" role="alert" data-testid="patient-form-error">
          {failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="patient-save">
          {t('patients.form.save')}
        </button>
        <button type="button" className="ghost" onClick={onCancel} data-testid="patient-cancel">
          {t('patients.form.cancel')}
        </button>
      </div>
    </form>
  );
}
