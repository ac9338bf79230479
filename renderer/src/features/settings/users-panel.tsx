import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, User } from '@mortar/main/contract';
import { useListUsersQuery } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { Kbd } from '../../ui/field.js';
import { UserForm } from './user-form.js';
import { UserRow } from './user-row.js';

export function UsersPanel({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  if (!session.permissions.includes('users.manage')) {
    return (
      <p className="banner banner-info" data-testid="users-not-allowed">
        {t('users.notAllowed', { role: t(`roles.${session.user.role}`) })}
      </p>
    );
  }
  return <UsersList session={session} />;
}

function UsersList({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useListUsersQuery({ includeInactive });
  const addRef = useRef<HTMLButtonElement>(null);
  const [now] = useState(() => Date.now());

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        setNotice(null);
        setAdding(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // When the form closes, the next keystroke belongs to the "add" button again.
  const wasAdding = useRef(false);
  useEffect(() => {
    if (wasAdding.current && !adding) addRef.current?.focus();
    wasAdding.current = adding;
  }, [adding]);

  const created = (user: User) => {
    setAdding(false);
    setNotice(t('users.created', { name: user.displayName, role: t(`roles.${user.role}`) }));
  };
  const cancelled = () => setAdding(false);

  return (
    <div className="users">
      <div className="toolbar">
        <button type="button" className="primary" ref={addRef} data-testid="users-add" disabled={adding}
          onClick={() => {
            setNotice(null);
            setAdding(true);
          }}>
          {t('users.add')} <Kbd>Alt+N</Kbd>
        </button>
        <label className="check">
          <input type="checkbox" data-testid="users-include-inactive" checked={includeInactive}
            onChange={(e) => setIncludeInactive(e.target.checked)} />
          <span>{t('users.showInactive')}</span>
        </label>
      </div>
      {notice ? (
        <p className="banner banner-ok" role="status" data-testid="users-notice">
          {notice}
        </p>
      ) : null}
      {adding ? <UserForm onCreated={created} onCancel={cancelled} /> : null}
      {list.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, list.error)}
        </p>
      ) : null}
      <table className="table users-table" aria-busy={list.isFetching}>
        <thead>
          <tr>
            <th scope="col">{t('users.person')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((u) => (
            <UserRow key={u.id} user={u} isSelf={u.id === session.user.id} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
