// The directions as the core understands them, shown under the field while it is typed: plain words when
// understood, and what was not understood said in so many words (it is kept as written, never guessed).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParseRxSigQuery } from './prescriptions-api.js';

/** The text after the typing has paused, so each keystroke does not ask the core. */
function useSettled(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function SigPreview({ sig, form }: { sig: string; form: string }) {
  const { t } = useTranslation();
  const text = useSettled(sig.trim());
  const parsed = useParseRxSigQuery({ sig: text, form: form.trim() === '' ? null : form.trim() }, { skip: text === '' });
  const r = parsed.data;
  if (text === '' || !r) return null;
  return (
    <div className="rx-sig" data-testid="rx-sig-preview" aria-live="polite">
      {r.understood ? (
        <p data-testid="rx-sig-understood">{t('prescriptions.sig.understood', { directions: r.directions })}</p>
      ) : (
        <p className="field-error" data-testid="rx-sig-not-understood">{t('prescriptions.sig.notUnderstood')}</p>
      )}
      {r.unparsed.length > 0 ? (
        <p className="field-hint" data-testid="rx-sig-unparsed">{t('prescriptions.sig.unparsed', { words: r.unparsed.join(' · ') })}</p>
      ) : null}
      {r.notes.map((n) => (
        <p key={`${n.code}-${n.message}`} className="field-hint">{n.message}</p>
      ))}
    </div>
  );
}
