// Dispensing a verified prescription: first expiry first out, or the batch of the pack in hand; a refill before
// it is due needs a reason. The answer carries the label of each item, and the prescription waits at the till.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { collectorIdTypes, type Collector, type Dispense, type Prescription } from '@mortar/main/contract';
import { asErrorLike, errorWords } from '../../app/api-error.js';
import { useDispenseRxMutation, usePrintRxLabelsMutation } from './prescriptions-api.js';

function newKey(): string {
  return `rx-${crypto.randomUUID()}`;
}

export function DispenseForm({ prescription }: { prescription: Prescription }) {
  const { t } = useTranslation();
  const [batches, setBatches] = useState<Record<number, string>>({});
  const [earlyReason, setEarlyReason] = useState<string | null>(null);
  // Asked for once the core says an item is a controlled medicine: who takes it away, with their document.
  const [collector, setCollector] = useState<Collector | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<Dispense | null>(null);
  // One key per attempt: a second press of the same attempt gets the first dispense back, never a second one.
  const [key, setKey] = useState(newKey);
  const [dispense, dispensing] = useDispenseRxMutation();

  const submit = async () => {
    setMessage(null);
    if (earlyReason !== null && earlyReason.trim().length < 3) {
      setMessage(t('prescriptions.dispense.needEarlyReason'));
      return;
    }
    if (collector !== null && (collector.name.trim().length < 2 || collector.idNumber.trim().length < 2)) {
      setMessage(t('prescriptions.dispense.needCollector'));
      return;
    }
    const lines = prescription.items.map((i) => {
      const batch = (batches[i.lineNo] ?? '').trim();
      return batch === '' ? { lineNo: i.lineNo } : { lineNo: i.lineNo, batch };
    });
    const result = await dispense({
      prescriptionId: prescription.id,
      idempotencyKey: key,
      lines,
      ...(earlyReason !== null ? { earlyRefillReason: earlyReason.trim() } : {}),
      ...(collector !== null ? { collector: { ...collector, name: collector.name.trim(), idNumber: collector.idNumber.trim() } } : {}),
    });
    if ('error' in result && result.error) {
      setKey(newKey());
      const code = asErrorLike(result.error)?.code;
      if (code === 'rx.refillTooEarly' && earlyReason === null) setEarlyReason('');
      if (code === 'controlled.collectorRequired' && collector === null) setCollector({ name: '', idType: 'passport', idNumber: '' });
      setMessage(errorWords(t, result.error));
    } else if ('data' in result && result.data) setDone(result.data);
  };

  if (done) {
    return (
      <section className="rx-dispensed" data-testid="rx-dispensed">
        <p className="banner banner-ok">{t('prescriptions.dispense.done', { name: done.actorName })}</p>
        {done.labels.map((l) => (
          <figure key={l.lineNo} className="rx-label">
            <figcaption>{t('prescriptions.dispense.label', { n: l.lineNo })}</figcaption>
            <pre data-testid="rx-label-text">{l.text}</pre>
          </figure>
        ))}
        <p className="muted">{t('prescriptions.dispense.toTill')}</p>
        {done.labelPrinting === 'noPrinter' || done.labelPrinting === 'failed' ? (
          <p className="banner banner-error" role="alert" data-testid="rx-labels-not-printed">
            {t(done.labelPrinting === 'failed' ? 'prescriptions.dispense.labelsFailed' : 'prescriptions.dispense.labelsNoPrinter')}
          </p>
        ) : null}
        <LabelPrintBar dispenseId={done.id} />
      </section>
    );
  }

  return (
    <form className="rx-dispense" data-testid="rx-dispense" onSubmit={(e) => {
      e.preventDefault();
      void submit();
    }}>
      <h4>{t('prescriptions.dispense.title')}</h4>
      {prescription.items.map((i) => (
        <label key={i.lineNo} className="field">
          <span>{t('prescriptions.dispense.batch', { drug: i.productName ?? i.ingredient })}</span>
          <input data-testid="rx-dispense-batch" value={batches[i.lineNo] ?? ''} placeholder={t('prescriptions.dispense.fefo')}
            onChange={(e) => setBatches((b) => ({ ...b, [i.lineNo]: e.target.value }))} />
        </label>
      ))}
      {earlyReason !== null ? (
        <label className="field">
          <span>{t('prescriptions.dispense.earlyReason')}</span>
          <input data-testid="rx-early-reason" value={earlyReason} onChange={(e) => setEarlyReason(e.target.value)} />
        </label>
      ) : null}
      {collector !== null ? (
        <fieldset className="rx-collector" data-testid="rx-collector">
          <legend>{t('prescriptions.dispense.collector')}</legend>
          <label className="field">
            <span>{t('prescriptions.dispense.collectorName')}</span>
            <input data-testid="rx-collector-name" value={collector.name} onChange={(e) => setCollector({ ...collector, name: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('prescriptions.dispense.collectorIdType')}</span>
            <select data-testid="rx-collector-id-type" value={collector.idType}
              onChange={(e) => setCollector({ ...collector, idType: e.target.value as Collector['idType'] })}>
              {collectorIdTypes.map((k) => (
                <option key={k} value={k}>{t(`prescriptions.dispense.idTypes.${k}`)}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('prescriptions.dispense.collectorIdNumber')}</span>
            <input data-testid="rx-collector-id-number" value={collector.idNumber} onChange={(e) => setCollector({ ...collector, idNumber: e.target.value })} />
          </label>
        </fieldset>
      ) : null}
      {message ? <p className="banner banner-error" role="alert" data-testid="rx-dispense-error">{message}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="rx-dispense-submit" disabled={dispensing.isLoading}>{t('prescriptions.dispense.submit')}</button>
      </div>
    </form>
  );
}

/** The labels were queued with the dispense; a spoilt or lost label is printed again from here. */
function LabelPrintBar({ dispenseId }: { dispenseId: string }) {
  const { t } = useTranslation();
  const [print, printing] = usePrintRxLabelsMutation();
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const onPrint = async () => {
    const result = await print({ dispenseId });
    setSaid('error' in result && result.error ? { ok: false, text: errorWords(t, result.error) } : { ok: true, text: t('prescriptions.dispense.labelsQueued') });
  };
  return (
    <div className="actions">
      <button type="button" data-testid="rx-print-labels" disabled={printing.isLoading} onClick={() => void onPrint()}>
        {t('prescriptions.dispense.printLabels')}
      </button>
      {said ? <p className={said.ok ? 'banner banner-ok' : 'banner banner-error'} role="status" data-testid="rx-print-labels-said">{said.text}</p> : null}
    </div>
  );
}
