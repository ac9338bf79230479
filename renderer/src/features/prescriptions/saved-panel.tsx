// A saved prescription taken on: a draft is checked and signed, a verified one dispensed. Its signature
// (meaning, name and time) shows with it wherever it is shown.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Prescription, SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { CheckPanel } from './check-panel.js';
import { DispenseForm } from './dispense-form.js';
import { useCheckRxQuery } from './prescriptions-api.js';
import { RxSummary } from './rx-summary.js';
import { SignForm } from './sign-form.js';

export function SavedPanel({ session, prescription, onDone }: { session: SessionInfo; prescription: Prescription; onDone: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(prescription);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const draft = current.status === 'draft';
  const check = useCheckRxQuery({ prescriptionId: current.id }, { skip: !draft });
  const canSign = session.permissions.includes('rx.verify');
  return (
    <section className="panel rx-saved" aria-labelledby="rx-saved-title" data-testid="rx-saved">
      <header className="panel-head">
        <h3 id="rx-saved-title">{t(draft ? 'prescriptions.saved.title' : 'prescriptions.saved.verifiedTitle')}</h3>
        <div className="actions">
          <button type="button" data-testid="rx-next" onClick={onDone}>{t('prescriptions.saved.next')}</button>
        </div>
      </header>
      <RxSummary prescription={current} />
      {draft && check.error ? <p className="banner banner-error" role="alert">{errorWords(t, check.error)}</p> : null}
      {draft && check.data ? (
        <>
          <CheckPanel report={check.data} reasons={reasons} onReason={(id, reason) => setReasons((r) => ({ ...r, [id]: reason }))} />
          {canSign ? <SignForm session={session} prescription={current} report={check.data} reasons={reasons} onSigned={setCurrent} /> : null}
        </>
      ) : null}
      {!draft && canSign ? <DispenseForm prescription={current} /> : null}
    </section>
  );
}
