import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { useLogoutMutation, useUnlockMutation } from '../../app/api.js';
import { errorCode, errorWords } from '../../app/api-error.js';
import { Kbd } from '../../ui/field.js';

export function LockScreen({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [unlock, unlockState] = useUnlockMutation();
  const [logout, logoutState] = useLogoutMutation();
  const secretRef = useRef<HTMLInputElement>(null);
  const busy = unlockState.isLoading || logoutState.isLoading;

  useEffect(() => secretRef.current?.focus(), []);

  const switchUser = () => {
    if (!busy) void logout();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        switchUser();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!secret) {
      setError(t('lock.needSecret'));
      secretRef.current?.focus();
      return;
    }
    setError(null);
    const result = await unlock({ secret });
    if ('error' in result) {
      setError(errorCode(result.error) === 'auth.invalidCredentials' ? t('lock.wrongSecret') : errorWords(t, result.error));
      setSecret('');
      secretRef.current?.focus();
    }
  };

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title" data-testid="lock-screen">
      <form className="card lock" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <svg className="lock-icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2"
          strokeLinecap="round" strokeLinejoin="round">
          <rect x="4" y="11" width="16" height="10" rx="2" />
          <path d="M8 11V7a4 4 0 0 1 8 0v4" />
        </svg>
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p className="lead" data-testid="lock-user">
          {t('lock.who', { name: session.user.displayName, role: t(`roles.${session.user.role}`) })}
        </p>
        {/* Lets password managers and the browser know whose secret this is. */}
        <input type="text" className="visually-hidden" autoComplete="username" value={session.user.username} readOnly
          tabIndex={-1} aria-hidden="true" />
        <div className="field">
          <label htmlFor="lock-secret">{session.user.hasPin ? t('lock.pinOrPassword') : t('lock.password')}</label>
          <input id="lock-secret" data-testid="lock-secret" ref={secretRef} type="password" value={secret}
            autoComplete="current-password" onChange={(e) => setSecret(e.target.value)} />
        </div>
        {error ? (
          <p className="banner banner-error" role="alert" data-testid="lock-error">
            {error}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" data-testid="lock-submit" disabled={busy}>
            {t('lock.unlock')} <Kbd>Enter</Kbd>
          </button>
          <button type="button" data-testid="lock-switch-user" onClick={switchUser} disabled={busy}>
            {t('lock.switchUser')} <Kbd>Alt+S</Kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
