// The review: the page beside the fields read from it, each with how sure the reading was and a frame on the
// page where it came from; the pharmacist corrects what is wrong, picks the patient and saves the draft.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Prescription, PrescriptionReadingOut } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { PageImage } from './page-image.js';
import { PatientPicker, type ChosenPatient } from './patient-picker.js';
import { useSaveRxMutation } from './prescriptions-api.js';
import { formOf, problemsOf, saveInputOf, type ItemForm, type ReviewForm } from './review-form.js';
import { SigPreview } from './sig-preview.js';

export type ReviewProps = {
  reading: PrescriptionReadingOut;
  imageUrl: string;
  onSaved: (prescription: Prescription) => void;
  onCancel: () => void;
};

const LOW_CONFIDENCE = 0.6;

function Confidence({ reading, field }: { reading: PrescriptionReadingOut; field: string }) {
  const { t } = useTranslation();
  const f = reading.fields[field];
  if (!f) return <span className="badge badge-warning" data-testid="rx-confidence">{t('prescriptions.review.notRead')}</span>;
  const percent = Math.round(f.confidence * 100);
  return (
    <span className={f.confidence < LOW_CONFIDENCE ? 'badge badge-warning' : 'badge'} data-testid="rx-confidence">
      {t('prescriptions.review.confidence', { percent })}
      {f.confidence < LOW_CONFIDENCE ? ` · ${t('prescriptions.review.lowConfidence')}` : ''}
    </span>
  );
}

function Field({ label, field, value, onChange, onFocus, reading, children }: {
  label: string;
  field: string;
  value: string;
  onChange: (v: string) => void;
  onFocus: (field: string) => void;
  reading: PrescriptionReadingOut;
  children?: ReactNode;
}) {
  const id = useId();
  const notes = reading.warnings.filter((w) => w.field === field);
  return (
    <div className="field rx-field" data-testid={`rx-field-${field}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} data-testid={`rx-input-${field}`} onFocus={() => onFocus(field)} onChange={(e) => onChange(e.target.value)} />
      <Confidence reading={reading} field={field} />
      {notes.map((w, i) => (
        <p key={i} className="field-hint" data-testid="rx-field-warning">{w.message}</p>
      ))}
      {children}
    </div>
  );
}

export function ReviewPanel({ reading, imageUrl, onSaved, onCancel }: ReviewProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<ReviewForm>(() => formOf(reading));
  const [active, setActive] = useState<string | null>(null);
  const [patient, setPatient] = useState<ChosenPatient | null>(null);
  const [message, setMessage] = useState<string[]>([]);
  const [save, saving] = useSaveRxMutation();

  const set = (patch: Partial<ReviewForm>) => setForm((f) => ({ ...f, ...patch }));
  const setItem = (n: number, patch: Partial<ItemForm>) =>
    setForm((f) => ({ ...f, items: f.items.map((item, i) => (i === n ? { ...item, ...patch } : item)) }));
  const field = (label: string, name: string, value: string, onChange: (v: string) => void) => (
    <Field label={label} field={name} value={value} onChange={onChange} onFocus={setActive} reading={reading} />
  );

  const submit = async () => {
    const problems = problemsOf(form, patient?.id ?? null);
    if (problems.length > 0) {
      setMessage(problems.map((p) => t(`prescriptions.review.${p.key}`, { n: p.n })));
      return;
    }
    setMessage([]);
    const result = await save(saveInputOf(reading, form, patient?.id as string));
    if ('error' in result && result.error) setMessage([errorWords(t, result.error)]);
    else if ('data' in result && result.data) onSaved(result.data);
  };

  return (
    <section className="panel rx-review" aria-labelledby="rx-review-title" data-testid="rx-review">
      <header className="panel-head">
        <h3 id="rx-review-title">{t('prescriptions.review.title')}</h3>
        <div className="actions">
          <button type="button" onClick={onCancel}>{t('prescriptions.review.startOver')}</button>
        </div>
      </header>
      <div className="rx-review-body" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '1rem', alignItems: 'start' }}>
        <PageImage reading={reading} imageUrl={imageUrl} activeField={active} />
        <form onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}>
          {field(t('prescriptions.review.patientName'), 'patient.name', form.patientName, (v) => set({ patientName: v }))}
          {field(t('prescriptions.review.birthDate'), 'patient.birthDate', form.birthDate, (v) => set({ birthDate: v }))}
          <PatientPicker readName={form.patientName} readBirthDate={form.birthDate} chosen={patient} onChoose={setPatient} />
          {field(t('prescriptions.review.prescriberName'), 'prescriber.name', form.prescriberName, (v) => set({ prescriberName: v }))}
          {field(t('prescriptions.review.npi'), 'prescriber.npi', form.npi, (v) => set({ npi: v }))}
          {field(t('prescriptions.review.dea'), 'prescriber.dea', form.dea, (v) => set({ dea: v }))}
          {field(t('prescriptions.review.writtenDate'), 'writtenDate', form.writtenDate, (v) => set({ writtenDate: v }))}
          {form.items.map((item, n) => {
            const read = reading.items[n];
            const at = `items.${n}`;
            return (
              <fieldset key={n} className="rx-item" data-testid="rx-item">
                <legend>{t('prescriptions.review.item', { n: n + 1 })}</legend>
                <Field label={t('prescriptions.review.ingredient')} field={`${at}.medication`} value={item.ingredient} onFocus={setActive} reading={reading}
                  onChange={(v) => setItem(n, { ingredient: v, productId: v.trim() === (read?.medication.ingredient ?? '') ? (read?.medication.productId ?? null) : null })}>
                  {read ? <p className="muted">{t('prescriptions.review.asWritten', { text: read.written })}</p> : null}
                  {read && read.medication.ingredient === null && read.candidates.length > 0 ? (
                    <div role="radiogroup" aria-label={t('prescriptions.review.candidates')} data-testid="rx-candidates">
                      <p>{t('prescriptions.review.candidates')}</p>
                      {read.candidates.map((c) => (
                        <label key={c.ingredient} className="choice">
                          <input type="radio" name={`${at}-candidate`} checked={item.ingredient === c.ingredient}
                            onChange={() => setItem(n, { ingredient: c.ingredient, productId: c.productId })} />
                          {t('prescriptions.review.candidate', { ingredient: c.ingredient, percent: Math.round(c.confidence * 100), via: c.via })}
                        </label>
                      ))}
                    </div>
                  ) : null}
                  {item.productId === null ? <p className="field-hint" data-testid="rx-no-product">{t('prescriptions.review.noProduct')}</p> : null}
                </Field>
                {field(t('prescriptions.review.strength'), `${at}.strength`, item.strength, (v) => setItem(n, { strength: v }))}
                {field(t('prescriptions.review.form'), `${at}.form`, item.form, (v) => setItem(n, { form: v }))}
                {field(t('prescriptions.review.quantity'), `${at}.quantity`, item.quantity, (v) => setItem(n, { quantity: v }))}
                {field(t('prescriptions.review.refills'), `${at}.refills`, item.refills, (v) => setItem(n, { refills: v }))}
                <Field label={t('prescriptions.review.sig')} field={`${at}.sig`} value={item.sig} onFocus={setActive} reading={reading}
                  onChange={(v) => setItem(n, { sig: v })}>
                  <SigPreview sig={item.sig} form={item.form} />
                </Field>
              </fieldset>
            );
          })}
          {message.length > 0 ? (
            <div className="banner banner-error" role="alert" data-testid="rx-review-error">
              {message.map((m) => <p key={m}>{m}</p>)}
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" data-testid="rx-save" disabled={saving.isLoading}>
              {saving.isLoading ? t('prescriptions.review.saving') : t('prescriptions.review.save')}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
