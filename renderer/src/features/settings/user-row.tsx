import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role, type User } from '@mortar/main/contract';
import { useSetPasswordMutation, useSetPinMutation, useUpdateUserMutation } from '../../app/api.js';
import { errorWords, fieldIssues, fieldWords } from '../../app/api-error.js';
import { formatDateTime } from '../../format/dates.js';

type Editing = 'none' | 'password' | 'pin';

export function UserRow({ user, isSelf, now }: { user: User; isSelf: boolean; now: number }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<Editing>('none');
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [updateUser, updating] = useUpdateUserMutation();
  const [setPassword, settingPassword] = useSetPasswordMutation();
  const [setPin, settingPin] = useSetPinMutation();
  const secretRef = useRef<HTMLInputElement>(null);
  const busy = updating.isLoading || settingPassword.isLoading || settingPin.isLoading;

  useEffect(() => {
    if (editing !== 'none') secretRef.current?.focus();
  }, [editing]);

  const report = (result: { error?: unknown }, done: string) => {
    if (result.error) {
      const issue = Object.entries(fieldIssues(result.error))[0];
      setMessage({ ok: false, text: issue ? fieldWords(t, issue[0], issue[1]) : errorWords(t, result.error) });
      return false;
    }
    setMessage({ ok: true, text: done });
    return true;
  };

  const changeRole = async (role: Role) => {
    report(await updateUser({ id: user.id, role }), t('users.roleChanged', { name: user.displayName, role: t(`roles.${role}`) }));
  };
  const toggleActive = async () => {
    const active = !user.active;
    report(
      await updateUser({ id: user.id, active }),
      t(active ? 'users.reactivated' : 'users.deactivated', { name: user.displayName }),
    );
  };
  const saveSecret = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const ok =
      editing === 'password'
        ? report(await setPassword({ id: user.id, password: secret }), t('users.passwordSet', { name: user.displayName }))
        : report(await setPin({ id: user.id, pin: secret }), t('users.pinSet', { name: user.displayName }));
    if (ok) {
      setEditing('none');
      setSecret('');
    }
  };
  const removePin = async () => {
    report(await setPin({ id: user.id, pin: null }), t('users.pinRemoved', { name: user.displayName }));
  };
  const startEditing = (what: Editing) => {
    setSecret('');
    setMessage(null);
    setEditing(what);
  };

  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  const roleId = `user-role-${user.id}`;
  return (
    <tr data-testid="user-row" data-username={user.username} className={user.active ? undefined : 'inactive'}>
      <td>
        <strong>{user.displayName}</strong>
        <div className="muted">
          {user.username}
          {isSelf ? ` · ${t('users.you')}` : ''}
        </div>
      </td>
      <td>
        <label htmlFor={roleId} className="visually-hidden">
          {t('users.roleOf', { name: user.displayName })}
        </label>
        <select id={roleId} data-testid="user-row-role" value={user.role} disabled={busy}
          onChange={(e) => void changeRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {user.active ? t('users.active') : t('users.inactive')}
        {locked && user.lockedUntil !== null ? (
          <div className="badge badge-danger">{t('users.lockedUntil', { time: formatDateTime(user.lockedUntil, i18n.language) })}</div>
        ) : null}
        <div className="muted">{user.hasPin ? t('users.hasPin') : t('users.noPin')}</div>
      </td>
      <td>
        <div className="row-actions">
        {editing === 'none' ? (
          <>
            <button type="button" data-testid="user-row-toggle-active" onClick={() => void toggleActive()} disabled={busy}>
              {user.active ? t('users.deactivate') : t('users.reactivate')}
            </button>
            <button type="button" data-testid="user-row-set-password" onClick={() => startEditing('password')}>
              {t('users.setPassword')}
            </button>
            <button type="button" data-testid="user-row-set-pin" onClick={() => startEditing('pin')}>
              {user.hasPin ? t('users.changePin') : t('users.setPin')}
            </button>
            {user.hasPin ? (
              <button type="button" data-testid="user-row-remove-pin" onClick={() => void removePin()} disabled={busy}>
                {t('users.removePin')}
              </button>
            ) : null}
          </>
        ) : (
          <form className="inline-form" onSubmit={(e) => void saveSecret(e)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setEditing('none');
              }
            }}>
            <label htmlFor={`user-secret-${user.id}`} className="visually-hidden">
              {editing === 'password' ? t('users.newPassword') : t('users.newPin')}
            </label>
            <input id={`user-secret-${user.id}`} data-testid="user-row-secret" ref={secretRef} type="password"
              inputMode={editing === 'pin' ? 'numeric' : undefined} autoComplete="new-password" value={secret}
              placeholder={editing === 'password' ? t('users.newPassword') : t('users.newPin')}
              onChange={(e) => setSecret(e.target.value)} />
            <button type="submit" className="primary" data-testid="user-row-save" disabled={busy}>
              {t('common.save')}
            </button>
            <button type="button" onClick={() => setEditing('none')}>
              {t('common.cancel')}
            </button>
          </form>
        )}
        {message ? (
          <p className={message.ok ? 'row-message ok' : 'row-message error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        ) : null}
        </div>
      </td>
    </tr>
  );
}
