// A saved prescription: what it says, with its signature (meaning, name and time) wherever it is shown.
import { useTranslation } from 'react-i18next';
import type { Prescription, SessionInfo } from '@mortar/main/contract';
import { RxSummary } from './rx-summary.js';

export function SavedPanel({ prescription, onDone }: { session: SessionInfo; prescription: Prescription; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel rx-saved" aria-labelledby="rx-saved-title" data-testid="rx-saved">
      <header className="panel-head">
        <h3 id="rx-saved-title">{t('prescriptions.saved.title')}</h3>
        <div className="actions">
          <button type="button" data-testid="rx-next" onClick={onDone}>{t('prescriptions.saved.next')}</button>
        </div>
      </header>
      <RxSummary prescription={prescription} />
    </section>
  );
}
