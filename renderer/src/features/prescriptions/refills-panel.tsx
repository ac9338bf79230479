// The Refills tab: a pharmacist at any till of the branch finds the patient, sees their prescriptions with the
// fills made everywhere, chooses one and dispenses its refill with the same dispense form as a new prescription
// (batch, early-refill reason, collector, labels). The core decides; this screen only shows and asks.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Prescription } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { formatDateTime } from '../../format/dates.js';
import { DispenseForm } from './dispense-form.js';
import { PatientPicker, type ChosenPatient } from './patient-picker.js';
import { PatientRxList, type ListedRx } from './patient-rx-list.js';
import { useGetRxQuery } from './prescriptions-api.js';

/**
 * The prescription as the dispense form takes it, with only the items chosen from the list: an item with no
 * refills left or no product here would make the core refuse the whole dispense.
 */
export function withItems(prescription: Prescription, lineNos: readonly number[]): Prescription {
  return { ...prescription, items: prescription.items.filter((i) => lineNos.includes(i.lineNo)) };
}

function RefillDispense({ chosen, listedAt, patient, onBack }: { chosen: ListedRx; listedAt: number; patient: ChosenPatient; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const rx = useGetRxQuery({ prescriptionId: chosen.id });
  const ref = useRef<HTMLElement>(null);
  // The items are fixed when the prescription is chosen, so the form stays as it is while the list refreshes.
  const [lineNos] = useState(() => chosen.items.filter((i) => i.dispensable).map((i) => i.lineNo));
  const leftOut = chosen.items.filter((i) => !i.dispensable);
  // Said before the first press: the core will ask why an item is refilled before it is due.
  const early = chosen.items.filter((i) => i.dispensable && i.refillDueAt !== null && i.refillDueAt > listedAt);
  const loaded = rx.data !== undefined;

  // Keyboard first: once the form is there, the cursor waits in the first batch field (a scan of the pack lands there).
  useEffect(() => {
    if (loaded) ref.current?.querySelector<HTMLInputElement>('[data-testid="rx-dispense-batch"]')?.focus();
  }, [loaded]);

  return (
    <section className="panel rx-refill-dispense" aria-labelledby="rx-refill-dispense-title" data-testid="rx-refill-dispense" ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onBack();
        }
      }}>
      <header className="panel-head">
        <h3 id="rx-refill-dispense-title">{t('prescriptions.refills.dispensing', { rx: chosen.rxNumber, name: patient.name })}</h3>
        <div className="actions">
          <button type="button" data-testid="rx-refill-back" aria-keyshortcuts="Escape" onClick={onBack}>{t('prescriptions.refills.back')}</button>
        </div>
      </header>
      {leftOut.length > 0 ? (
        <p className="muted" data-testid="rx-refill-left-out">
          {t('prescriptions.refills.leftOut', {
            items: leftOut.map((i) => `${i.productName ?? i.ingredient} (${i.blockedBy === null ? '' : t(`prescriptions.refills.blockedBy.${i.blockedBy}`)})`).join(', '),
          })}
        </p>
      ) : null}
      {early.length > 0 ? (
        <p className="banner banner-warning" data-testid="rx-refill-early">
          {early
            .map((i) => t('prescriptions.refills.early', { drug: i.productName ?? i.ingredient, when: formatDateTime(i.refillDueAt ?? 0, i18n.language) }))
            .join(' ')}
        </p>
      ) : null}
      {rx.error ? (
        <p className="banner banner-error" role="alert" data-testid="rx-refill-error">
          {errorWords(t, rx.error)}
        </p>
      ) : null}
      {rx.data ? <DispenseForm prescription={withItems(rx.data, lineNos)} /> : rx.error ? null : <p className="muted" role="status">{t('prescriptions.refills.loading')}</p>}
    </section>
  );
}

export function RefillsPanel() {
  const { t } = useTranslation();
  const [patient, setPatient] = useState<ChosenPatient | null>(null);
  const [chosen, setChosen] = useState<{ rx: ListedRx; listedAt: number } | null>(null);
  // The prescription whose dispense was left: the list puts the cursor back on it.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const ref = useRef<HTMLElement>(null);

  // Keyboard first: the cursor waits in the patient search, except while it is on the section's tabs (their arrow
  // keys move between tabs; Tab from there lands in the search).
  useEffect(() => {
    if (patient !== null || document.activeElement?.getAttribute('role') === 'tab') return;
    ref.current?.querySelector<HTMLInputElement>('[data-testid="rx-patient-search"]')?.focus();
  }, [patient]);
  const back = () => {
    setReturnTo(chosen?.rx.id ?? null);
    setChosen(null);
  };

  return (
    <section className="panel rx-refills" aria-labelledby="rx-refills-title" data-testid="rx-refills" ref={ref}>
      <h3 id="rx-refills-title">{t('prescriptions.refills.title')}</h3>
      {patient === null ? <p className="muted">{t('prescriptions.refills.hint')}</p> : null}
      <PatientPicker readName="" readBirthDate="" chosen={patient}
        onChoose={(p) => {
          setChosen(null);
          setReturnTo(null);
          setPatient(p);
        }} />
      {patient !== null && chosen === null ? <PatientRxList patientId={patient.id} patientName={patient.name} focusRx={returnTo} onChoose={(rx, listedAt) => setChosen({ rx, listedAt })} /> : null}
      {patient !== null && chosen !== null ? <RefillDispense key={chosen.rx.id} chosen={chosen.rx} listedAt={chosen.listedAt} patient={patient} onBack={back} /> : null}
    </section>
  );
}
