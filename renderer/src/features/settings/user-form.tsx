import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role, type User } from '@mortar/main/contract';
import { useCreateUserMutation } from '../../app/api.js';
import { errorCode, errorWords, fieldIssues, fieldWords, type FieldIssues } from '../../app/api-error.js';
import { Kbd, SelectField, TextField } from '../../ui/field.js';

type Form = { username: string; displayName: string; role: Role; password: string; pin: string };
const empty: Form = { username: '', displayName: '', role: 'cashier', password: '', pin: '' };

/** Codes that belong to one field rather than to the whole form. */
const fieldOfCode: Record<string, keyof Form> = { 'users.usernameTaken': 'username', 'users.weakPassword': 'password' };

export function UserForm({ onCreated, onCancel }: { onCreated: (user: User) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(empty);
  const [issues, setIssues] = useState<FieldIssues>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [create, state] = useCreateUserMutation();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const issue = (key: keyof Form) => (issues[key] !== undefined ? issues[key] : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (state.isLoading) return;
    setGeneral(null);
    const result = await create({
      username: form.username,
      displayName: form.displayName,
      role: form.role,
      password: form.password,
      ...(form.pin ? { pin: form.pin } : {}),
    });
    if ('error' in result) {
      const found: FieldIssues = {};
      for (const [path, message] of Object.entries(fieldIssues(result.error))) found[path] = fieldWords(t, path, message);
      const code = errorCode(result.error);
      const field = code ? fieldOfCode[code] : undefined;
      if (field) found[field] = errorWords(t, result.error);
      setIssues(found);
      if (Object.keys(found).length === 0) setGeneral(errorWords(t, result.error));
      const firstBad = (['username', 'displayName', 'role', 'password', 'pin'] as const).find((k) => k in found);
      if (firstBad) document.getElementById(`user-form-${firstBad}`)?.focus();
      return;
    }
    onCreated(result.data);
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <form className="panel user-form" onSubmit={(e) => void submit(e)} onKeyDown={onKey} noValidate aria-labelledby="user-form-title">
      <h3 id="user-form-title">{t('users.addTitle')}</h3>
      <div className="grid-3">
        <TextField id="user-form-username" testId="user-form-username" label={t('users.username')} inputRef={first}
          value={form.username} onChange={set('username')} error={issue('username')} />
        <TextField id="user-form-displayName" testId="user-form-display-name" label={t('users.displayName')}
          value={form.displayName} onChange={set('displayName')} error={issue('displayName')} />
        <SelectField id="user-form-role" testId="user-form-role" label={t('users.role')} value={form.role}
          onChange={(v) => set('role')(v as Role)} error={issue('role')}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        <TextField id="user-form-password" testId="user-form-password" label={t('users.password')} type="password"
          autoComplete="new-password" value={form.password} onChange={set('password')} error={issue('password')}
          hint={t('fieldErrors.password')} />
        <TextField id="user-form-pin" testId="user-form-pin" label={t('users.pinOptional')} type="password" inputMode="numeric"
          value={form.pin} onChange={set('pin')} error={issue('pin')} hint={t('fieldErrors.pin')} maxLength={8} />
      </div>
      {general ? (
        <p className="banner banner-error" role="alert">
          {general}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="user-form-submit" disabled={state.isLoading}>
          {t('users.create')} <Kbd>Enter</Kbd>
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')} <Kbd>Esc</Kbd>
        </button>
      </div>
    </form>
  );
}
