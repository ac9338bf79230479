import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, TerminalSettings } from '@mortar/main/contract';
import { useGetSettingsQuery, useUpdateSettingsMutation } from '../../app/api.js';
import { errorWords, fieldIssues, fieldWords, type FieldIssues } from '../../app/api-error.js';
import { Kbd, SelectField, TextField } from '../../ui/field.js';
import { languageOf, languages } from '../shell/preferences-slice.js';

type Form = { autoLockMinutes: string; maxFailedLogins: string; lockoutMinutes: string; updateUrl: string; locale: string };

function toForm(s: TerminalSettings): Form {
  return {
    autoLockMinutes: String(s.autoLockMinutes),
    maxFailedLogins: String(s.maxFailedLogins),
    lockoutMinutes: String(s.lockoutMinutes),
    updateUrl: s.updateUrl ?? '',
    locale: languageOf(s.locale) ?? s.locale,
  };
}

/** A whole number as typed, or NaN so the core's schema names the field. */
function whole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
}

type Message = { ok: boolean; text: string } | null;

export function TerminalSettingsPanel({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const settings = useGetSettingsQuery();
  // Kept out here: a save changes the settings, which renews the form below.
  const [message, setMessage] = useState<Message>(null);
  if (settings.error) {
    return (
      <p className="banner banner-error" role="alert">
        {errorWords(t, settings.error)}
      </p>
    );
  }
  if (!settings.data) return <p className="muted">{t('common.loading')}</p>;
  return (
    <SettingsForm
      // A fresh form whenever the stored settings change underneath (another terminal, another tab).
      key={JSON.stringify(settings.data)}
      settings={settings.data}
      canManage={session.permissions.includes('settings.manage')}
      message={message}
      onMessage={setMessage}
    />
  );
}

type SettingsFormProps = {
  settings: TerminalSettings;
  canManage: boolean;
  message: Message;
  onMessage: (message: Message) => void;
};

function SettingsForm({ settings, canManage, message, onMessage: setMessage }: SettingsFormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(() => toForm(settings));
  const [issues, setIssues] = useState<FieldIssues>({});
  const [update, state] = useUpdateSettingsMutation();
  const set = (key: keyof Form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const issue = (key: keyof Form) => (issues[key] !== undefined ? fieldWords(t, key, issues[key] ?? '') : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canManage || state.isLoading) return;
    setMessage(null);
    const result = await update({
      autoLockMinutes: whole(form.autoLockMinutes),
      maxFailedLogins: whole(form.maxFailedLogins),
      lockoutMinutes: whole(form.lockoutMinutes),
      updateUrl: form.updateUrl.trim() === '' ? null : form.updateUrl.trim(),
      locale: form.locale,
    });
    if ('error' in result) {
      const found = fieldIssues(result.error);
      setIssues(found);
      setMessage({ ok: false, text: Object.keys(found).length > 0 ? t('settings.fixFields') : errorWords(t, result.error) });
      return;
    }
    setIssues({});
    setMessage({ ok: true, text: t('settings.saved') });
  };

  return (
    <form className="panel terminal-settings" onSubmit={(e) => void submit(e)} noValidate>
      {!canManage ? (
        <p className="banner banner-info" data-testid="terminal-not-allowed">
          {t('settings.readOnly')}
        </p>
      ) : null}
      <fieldset disabled={!canManage || state.isLoading}>
        <div className="grid-3">
          <TextField id="settings-autoLockMinutes" testId="settings-auto-lock" type="number" min={1} max={240}
            label={t('settings.autoLockMinutes')} value={form.autoLockMinutes} onChange={set('autoLockMinutes')}
            error={issue('autoLockMinutes')} />
          <TextField id="settings-maxFailedLogins" testId="settings-max-failed" type="number" min={3} max={20}
            label={t('settings.maxFailedLogins')} value={form.maxFailedLogins} onChange={set('maxFailedLogins')}
            error={issue('maxFailedLogins')} />
          <TextField id="settings-lockoutMinutes" testId="settings-lockout" type="number" min={1} max={1440}
            label={t('settings.lockoutMinutes')} value={form.lockoutMinutes} onChange={set('lockoutMinutes')}
            error={issue('lockoutMinutes')} />
        </div>
        <div className="grid-2">
          <TextField id="settings-updateUrl" testId="settings-update-url" type="url" label={t('settings.updateUrl')}
            value={form.updateUrl} onChange={set('updateUrl')} error={issue('updateUrl')} hint={t('settings.updateUrlHint')} />
          <SelectField id="settings-locale" testId="settings-language" label={t('settings.language')} value={form.locale}
            onChange={set('locale')} error={issue('locale')} hint={t('settings.languageHint')}
            options={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
        </div>
      </fieldset>
      {message ? (
        <p className={message.ok ? 'banner banner-ok' : 'banner banner-error'} role={message.ok ? 'status' : 'alert'}
          data-testid="settings-message">
          {message.text}
        </p>
      ) : null}
      {canManage ? (
        <div className="actions">
          <button type="submit" className="primary" data-testid="settings-save" disabled={state.isLoading}>
            {t('common.save')} <Kbd>Enter</Kbd>
          </button>
        </div>
      ) : null}
    </form>
  );
}
