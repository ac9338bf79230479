import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useGetSetupStatusQuery, useLoginMutation, usePinLoginMutation } from '../../app/api.js';
import { errorCode, errorWords } from '../../app/api-error.js';
import { useAppSelector } from '../../app/hooks.js';
import { Kbd } from '../../ui/field.js';

type Mode = 'password' | 'pin';

export function LoginScreen() {
  const { t } = useTranslation();
  const sessionLost = useAppSelector((s) => s.connection.sessionLost);
  const { data: status } = useGetSetupStatusQuery();
  const [mode, setMode] = useState<Mode>('password');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [login, loginState] = useLoginMutation();
  const [pinLogin, pinState] = usePinLoginMutation();
  const usernameRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const busy = loginState.isLoading || pinState.isLoading;

  useEffect(() => {
    (username ? secretRef : usernameRef).current?.focus();
    // Only when the mode changes: typing must not move the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        switchMode();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  function switchMode() {
    setMode((m) => (m === 'password' ? 'pin' : 'password'));
    setSecret('');
    setError(null);
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !secret) {
      setError(t(mode === 'pin' ? 'login.needUsernameAndPin' : 'login.needUsernameAndPassword'));
      (username.trim() ? secretRef : usernameRef).current?.focus();
      return;
    }
    setError(null);
    const result =
      mode === 'pin' ? await pinLogin({ username: username.trim(), pin: secret }) : await login({ username: username.trim(), password: secret });
    if ('error' in result) {
      const code = errorCode(result.error);
      setError(
        code === 'auth.invalidCredentials'
          ? t(mode === 'pin' ? 'login.invalidPin' : 'login.invalidPassword')
          : errorWords(t, result.error),
      );
      setSecret('');
      secretRef.current?.focus();
    }
  };

  return (
    <main className="screen screen-centered">
      <form className="card login" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <h1>{status?.pharmacy?.name ?? t('app.name')}</h1>
        <p className="lead">
          {t('login.title')}
          {status?.pharmacy ? ` · ${status.pharmacy.terminalName}` : ''}
        </p>
        {sessionLost ? (
          <p className="banner banner-warning" role="status" data-testid="login-session-lost">
            {t('login.sessionLost')}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="login-username">{t('login.username')}</label>
          <input id="login-username" data-testid="login-username" ref={usernameRef} value={username}
            autoComplete="username" autoCapitalize="none" spellCheck={false}
            onChange={(e) => setUsername(e.target.value)} />
        </div>
        {mode === 'password' ? (
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input id="login-password" data-testid="login-password" ref={secretRef} type="password" value={secret}
              autoComplete="current-password" onChange={(e) => setSecret(e.target.value)} />
          </div>
        ) : (
          <div className="field">
            <label htmlFor="login-pin">{t('login.pin')}</label>
            <input id="login-pin" data-testid="login-pin" ref={secretRef} type="password" inputMode="numeric" value={secret}
              autoComplete="off" maxLength={8} onChange={(e) => setSecret(e.target.value.replace(/\D/g, ''))} />
          </div>
        )}
        {error ? (
          <p className="banner banner-error" role="alert" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
            {t('login.submit')} <Kbd>Enter</Kbd>
          </button>
          <button type="button" data-testid="login-mode-pin" aria-pressed={mode === 'pin'} onClick={switchMode}>
            {mode === 'pin' ? t('login.usePassword') : t('login.usePin')} <Kbd>Alt+P</Kbd>
          </button>
        </div>
      </form>
    </main>
  );
}
