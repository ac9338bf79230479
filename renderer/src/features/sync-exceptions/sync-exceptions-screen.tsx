// Reports → Sync exceptions: what broke a rule once other tills' and branches' facts were merged (DESIGN.md
// "Sync": a manager sees them, nothing is silently fixed). The open ones come newest first; a manager
// acknowledges one by writing what was done about it. Keyboard: Tab reaches each Acknowledge button, the note
// takes the focus, Ctrl+Enter acknowledges and Esc cancels.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { exceptionStates, type ExceptionState, type SessionInfo, type SyncException } from '@mortar/main/contract';
import { asErrorLike, errorWords } from '../../app/api-error.js';
import { useAppSelector } from '../../app/hooks.js';
import { formatDateTime } from '../../format/dates.js';
import { SelectField } from '../../ui/field.js';
import { useGetSyncStatusQuery } from '../sync/sync-api.js';
import { ExceptionFacts, kindTitle } from './exception-facts.js';
import { useAcknowledgeSyncExceptionMutation, useListSyncExceptionsQuery } from './sync-exceptions-api.js';

export const NOTE_MIN = 3;
export const NOTE_MAX = 500;

export function SyncExceptionsScreen({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  if (!session.permissions.includes('audit.read')) {
    return (
      <section className="panel" aria-labelledby="sync-exceptions-title">
        <h2 id="sync-exceptions-title">{t('syncExceptions.title')}</h2>
        <p className="banner banner-info" data-testid="sync-exceptions-not-allowed">
          {t('syncExceptions.notAllowed', { role: t(`roles.${session.user.role}`) })}
        </p>
      </section>
    );
  }
  return <SyncExceptionList />;
}

type Message = { ok: boolean; text: string } | null;

function SyncExceptionList() {
  const { t, i18n } = useTranslation();
  const focusRequest = useAppSelector((s) => s.navigation.focusRequest);
  const [state, setState] = useState<ExceptionState>('open');
  const list = useListSyncExceptionsQuery({ state });
  // The top bar polls the status (a background read); when its count moves, a pull found or someone settled one.
  const { data: status } = useGetSyncStatusQuery();
  const openCount = status?.openExceptions;
  const { refetch } = list;
  const seenCount = useRef(openCount);
  useEffect(() => {
    if (seenCount.current !== undefined && openCount !== undefined && seenCount.current !== openCount) void refetch();
    seenCount.current = openCount;
  }, [openCount, refetch]);

  const [ackId, setAckId] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const filterRef = useRef<HTMLDivElement>(null);
  useEffect(() => filterRef.current?.querySelector('select')?.focus(), [focusRequest]);

  const items = list.data ?? [];
  const none = state === 'open' ? t('syncExceptions.noneOpen') : state === 'acknowledged' ? t('syncExceptions.noneAcknowledged') : t('syncExceptions.none');
  const when = (at: number) => formatDateTime(at, i18n.language);

  return (
    <section className="panel" aria-labelledby="sync-exceptions-title" data-testid="sync-exceptions">
      <header className="panel-head">
        <h2 id="sync-exceptions-title" ref={headingRef} tabIndex={-1}>
          {t('syncExceptions.title')}
        </h2>
        <div ref={filterRef}>
          <SelectField id="sync-exceptions-state" testId="sync-exceptions-state" label={t('syncExceptions.show')} value={state}
            options={exceptionStates.map((s) => ({ value: s, label: t(`syncExceptions.state.${s}`) }))}
            onChange={(v) => {
              setState(v as ExceptionState);
              setAckId(null);
              setMessage(null);
            }} />
        </div>
      </header>
      <p>{t('syncExceptions.intro')}</p>
      {message ? (
        <p className={message.ok ? 'banner banner-ok' : 'banner banner-error'} role={message.ok ? 'status' : 'alert'} data-testid="sync-exceptions-message">
          {message.text}
        </p>
      ) : null}
      {list.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, list.error)}
        </p>
      ) : items.length === 0 ? (
        <p className="empty" data-testid={list.isLoading ? 'sync-exceptions-loading' : 'sync-exceptions-none'}>
          {list.isLoading ? t('common.loading') : none}
        </p>
      ) : (
        <ul className="results" aria-label={t('syncExceptions.listLabel')}>
          {items.map((e) => (
            <li key={e.id} className="result" data-testid={`sync-exception-${e.id}`}>
              <span className="result-name">{kindTitle(t, e.kind)}</span>
              <span className="result-sub">
                {[t('syncExceptions.found', { at: when(e.detectedAt) }), t('syncExceptions.where', { branch: e.branchName ?? e.branchId }),
                  e.productName || e.sku ? t('syncExceptions.product', { product: [e.productName, e.sku].filter(Boolean).join(' · ') }) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <ExceptionFacts exception={e} />
              {e.acknowledged ? (
                <p className="result-sub" data-testid={`sync-exception-ack-${e.id}`}>
                  {t('syncExceptions.acknowledged', { at: when(e.acknowledged.at), name: e.acknowledged.byName, note: e.acknowledged.note })}
                </p>
              ) : ackId === e.id ? (
                <AcknowledgeForm exception={e}
                  onCancel={() => setAckId(null)}
                  onDone={(text, ok) => {
                    setAckId(null);
                    setMessage({ ok, text });
                    headingRef.current?.focus();
                  }} />
              ) : (
                <button type="button" data-testid={`sync-exception-acknowledge-${e.id}`}
                  aria-label={t('syncExceptions.acknowledgeOne', { what: kindTitle(t, e.kind) })}
                  onClick={() => {
                    setMessage(null);
                    setAckId(e.id);
                  }}>
                  {t('syncExceptions.acknowledge')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type AcknowledgeFormProps = {
  exception: SyncException;
  onCancel: () => void;
  /** The form closes: acknowledged now (ok), or already acknowledged by someone else (the list refreshes to show it). */
  onDone: (text: string, ok: boolean) => void;
};

function AcknowledgeForm({ exception, onCancel, onDone }: AcknowledgeFormProps) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [acknowledge, ack] = useAcknowledgeSyncExceptionMutation();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => noteRef.current?.focus(), []);
  const id = `sync-exception-note-${exception.id}`;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (ack.isLoading) return;
    const trimmed = note.trim();
    // The core checks the same; saying it here spares a round trip and keeps the words in the user's language.
    if (trimmed.length < NOTE_MIN) return setProblem(t('syncExceptions.noteTooShort'));
    if (trimmed.length > NOTE_MAX) return setProblem(t('syncExceptions.noteTooLong'));
    const result = await acknowledge({ id: exception.id, note: trimmed });
    if ('error' in result && result.error) {
      const err = asErrorLike(result.error);
      const d = err?.code === 'sync.alreadyAcknowledged' && typeof err.details === 'object' && err.details !== null ? (err.details as { byName?: unknown; at?: unknown; note?: unknown }) : null;
      // Someone else settled it first: nothing here is left to do, and the refreshed list shows their words.
      if (d && typeof d.byName === 'string' && typeof d.at === 'number') {
        return onDone(t('syncExceptions.alreadyAcknowledged', { name: d.byName, at: formatDateTime(d.at, i18n.language), note: typeof d.note === 'string' ? d.note : '' }), false);
      }
      setProblem(errorWords(t, result.error));
      noteRef.current?.focus();
      return;
    }
    onDone(t('syncExceptions.done', { what: kindTitle(t, exception.kind) }), true);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && e.ctrlKey) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid={`sync-exception-form-${exception.id}`}>
      <div className={problem ? 'field field-invalid' : 'field'}>
        <label htmlFor={id}>{t('syncExceptions.note')}</label>
        <textarea id={id} ref={noteRef} data-testid="sync-exception-note" rows={3} value={note} aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : `${id}-hint`} onKeyDown={onKeyDown}
          onChange={(e) => {
            setNote(e.target.value);
            setProblem(null);
          }} />
        {problem ? (
          <p className="field-error" id={`${id}-error`} role="alert" data-testid="sync-exception-note-error">
            {problem}
          </p>
        ) : (
          <p className="field-hint" id={`${id}-hint`}>
            {t('syncExceptions.noteHint')}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={ack.isLoading} data-testid="sync-exception-confirm">
          {t('syncExceptions.confirm')}
        </button>
        <button type="button" onClick={onCancel} data-testid="sync-exception-cancel">
          {t('syncExceptions.cancel')}
        </button>
      </div>
    </form>
  );
}
