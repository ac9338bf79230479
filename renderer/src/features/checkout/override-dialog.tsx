import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorWords } from '../../app/api-error.js';
import { Kbd, TextField } from '../../ui/field.js';
import type { OverrideControl } from './use-override.js';

/** A manager's credential for one call: username, PIN or password, and the reason that goes into the audit log. */
export function OverrideDialog({ control }: { control: OverrideControl }) {
  const { request } = control;
  if (!request) return null;
  // A fresh form per request: a refused credential is never left filled in.
  return <OverrideForm control={control} key={request.attempt} />;
}

function OverrideForm({ control }: { control: OverrideControl }) {
  const { t } = useTranslation();
  const request = control.request;
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [reason, setReason] = useState(request?.defaultReason ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);
  if (!request) return null;

  const permission = request.permission
    ? t(`permissions.${request.permission}`, { defaultValue: request.permission })
    : t('override.thisAction');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !secret) return setProblem(t('override.needCredential'));
    if (reason.trim().length < 3) return setProblem(t('override.needReason'));
    control.answer({ username: username.trim(), secret, reason: reason.trim() });
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      control.answer(null);
    }
  };

  return (
    <div className="modal-backdrop">
      <form className="modal card" role="dialog" aria-modal="true" aria-labelledby="override-title" data-testid="override-dialog"
        onSubmit={submit} onKeyDown={onKey}>
        <h2 id="override-title">{t('override.title')}</h2>
        <p className="lead">{t('override.lead', { permission })}</p>
        {request.rejected ? (
          <p className="banner banner-error" role="alert" data-testid="override-error">
            {errorWords(t, request.rejected)}
          </p>
        ) : null}
        {problem ? (
          <p className="banner banner-error" role="alert">
            {problem}
          </p>
        ) : null}
        <TextField id="override-username" testId="override-username" label={t('override.username')} value={username}
          onChange={setUsername} inputRef={first} autoComplete="off" />
        <TextField id="override-secret" testId="override-secret" label={t('override.secret')} value={secret}
          onChange={setSecret} type="password" autoComplete="off" />
        <TextField id="override-reason" testId="override-reason" label={t('override.reason')} value={reason} onChange={setReason}
          maxLength={500} />
        <div className="actions">
          <button type="submit" className="primary" data-testid="override-submit">
            {t('override.submit')} <Kbd>Enter</Kbd>
          </button>
          <button type="button" data-testid="override-cancel" onClick={() => control.answer(null)}>
            {t('common.cancel')} <Kbd>Esc</Kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
