// The Customers section (F4). Anyone at the counter may find a patient by name or birth date and see whether
// a prescription is ready; only a role with clinical access opens, creates or changes a profile, and only a
// role that audits sees who read it. What a role cannot do is not offered (the core refuses it anyway).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientProfile, PatientSummary, SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { useAppSelector } from '../../app/hooks.js';
import { PatientFormView } from './patient-form.js';
import { PatientPanel } from './patient-profile.js';
import { useSearchPatientsQuery } from './patients-api.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What was typed, as a search: a birth date (YYYY-MM-DD) or words of a name; null while it is too short. */
export function searchOf(text: string): { name?: string; birthDate?: string } | null {
  const q = text.trim();
  if (ISO_DATE.test(q)) return { birthDate: q };
  return q.length >= 2 ? { name: q } : null;
}

type View = { kind: 'search' } | { kind: 'new' } | { kind: 'open'; patient: { id: string; name: string } };

export function CustomersScreen({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const canClinical = session.permissions.includes('patients.readClinical');
  const canAudit = session.permissions.includes('audit.read');
  const canOpen = canClinical || canAudit;
  const [text, setText] = useState('');
  const [view, setView] = useState<View>({ kind: 'search' });
  const searchBox = useRef<HTMLInputElement | null>(null);
  const focusRequest = useAppSelector((s) => s.navigation.focusRequest);
  const query = searchOf(text);
  const search = useSearchPatientsQuery({ ...(query ?? {}), limit: 20 }, { skip: query === null });
  const found: PatientSummary[] = query === null ? [] : (search.currentData?.patients ?? []);

  useEffect(() => {
    if (view.kind === 'search') searchBox.current?.focus();
  }, [focusRequest, view.kind]);

  const open = (p: PatientSummary | PatientProfile) => setView({ kind: 'open', patient: { id: p.id, name: p.name } });

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const first = found[0];
    if (e.key === 'Enter' && canOpen && first) {
      e.preventDefault();
      open(first);
    } else if (e.key === 'Insert' && canClinical) {
      e.preventDefault();
      setView({ kind: 'new' });
    }
  };

  return (
    <section className="customers" aria-labelledby="customers-title" data-testid="customers">
      <h2 id="customers-title">{t('patients.title')}</h2>
      {view.kind === 'new' ? (
        <PatientFormView patient={null} onSaved={(p) => open(p)} onCancel={() => setView({ kind: 'search' })} />
      ) : view.kind === 'open' ? (
        <PatientPanel session={session} patient={view.patient} onClose={() => setView({ kind: 'search' })} />
      ) : (
        <div className="panel">
          <div className="row">
            <label className="field grow">
              <span>{t('patients.search.label')}</span>
              <input ref={searchBox} value={text} data-testid="patients-search" placeholder={t('patients.search.placeholder')}
                aria-describedby="patients-search-hint" onChange={(e) => setText(e.target.value)} onKeyDown={onSearchKey} />
            </label>
            {canClinical ? (
              <button type="button" data-testid="patients-new" aria-keyshortcuts="Insert" onClick={() => setView({ kind: 'new' })}>
                {t('patients.new')}
              </button>
            ) : null}
          </div>
          <p id="patients-search-hint" className="muted">
            {canOpen ? t('patients.search.hint') : t('patients.search.hintCashier')}
          </p>
          {search.error ? <p className="banner banner-error" role="alert">{errorWords(t, search.error)}</p> : null}
          {query !== null && search.currentData && found.length === 0 ? (
            <p className="muted" data-testid="patients-none">{t('patients.search.none')}</p>
          ) : null}
          {found.length > 0 ? (
            <ul className="results" aria-label={t('patients.search.results')} data-testid="patients-results">
              {found.map((p) => (
                <li key={p.id} className="result" data-testid="patients-result">
                  {canOpen ? (
                    <button type="button" className="link" data-testid="patients-open" onClick={() => open(p)}>
                      {p.name}
                    </button>
                  ) : (
                    <span className="result-name">{p.name}</span>
                  )}{' '}
                  {p.prescriptionReady ? (
                    <span className="badge badge-ok" data-testid="patients-ready">{t('patients.ready')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </section>
  );
}
