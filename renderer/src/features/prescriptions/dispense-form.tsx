// Dispensing a verified prescription: first expiry first out, or the batch of the pack in hand; a refill before
// it is due needs a reason. The answer carries the label of each item, and the prescription waits at the till.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dispense, Prescription } from '@mortar/main/contract';
import { asErrorLike, errorWords } from '../../app/api-error.js';
import { useDispenseRxMutation } from './prescriptions-api.js';

function newKey(): string {
  return `rx-${crypto.randomUUID()}`;
}

export function DispenseForm({ prescription }: { prescription: Prescription }) {
  const { t } = useTranslation();
  const [batches, setBatches] = useState<Record<number, string>>({});
  const [earlyReason, setEarlyReason] = useState<string | null>(null);
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
    const lines = prescription.items.map((i) => {
      const batch = (batches[i.lineNo] ?? '').trim();
      return batch === '' ? { lineNo: i.lineNo } : { lineNo: i.lineNo, batch };
    });
    const result = await dispense({
      prescriptionId: prescription.id,
      idempotencyKey: key,
      lines,
      ...(earlyReason !== null ? { earlyRefillReason: earlyReason.trim() } : {}),
    });
    if ('error' in result && result.error) {
      setKey(newKey());
      if (asErrorLike(result.error)?.code === 'rx.refillTooEarly' && earlyReason === null) setEarlyReason('');
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
      {message ? <p className="banner banner-error" role="alert" data-testid="rx-dispense-error">{message}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="rx-dispense-submit" disabled={dispensing.isLoading}>{t('prescriptions.dispense.submit')}</button>
      </div>
    </form>
  );
}
