import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '@mortar/main/contract';
import { useInitializeMutation, useLoadDemoMutation } from '../../app/api.js';
import { errorWords, fieldIssues, fieldWords, type FieldIssues } from '../../app/api-error.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { SelectField, TextField } from '../../ui/field.js';
import { languageChosen, languages, type Language } from '../shell/preferences-slice.js';
import { currencyOptions, defaultCurrency } from './currencies.js';
import { setupAbandoned, setupFinished, setupSubmitted } from './setup-slice.js';

type Form = {
  name: string;
  address: string;
  taxId: string;
  baseCurrency: string;
  terminalName: string;
  username: string;
  displayName: string;
  password: string;
  passwordRepeat: string;
  pin: string;
  loadDemo: boolean;
};

type Phase = 'editing' | 'initializing' | 'loadingDemo' | 'demoFailed' | 'done';

export function SetupScreen() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const language = (useAppSelector((s) => s.preferences.language) ?? i18n.language) as Language;
  const [form, setForm] = useState<Form>(() => ({
    name: '',
    address: '',
    taxId: '',
    baseCurrency: defaultCurrency(navigator.language),
    terminalName: t('setup.defaultTerminalName'),
    username: '',
    displayName: '',
    password: '',
    passwordRepeat: '',
    pin: '',
    loadDemo: false,
  }));
  const [issues, setIssues] = useState<FieldIssues>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('editing');
  const [progress, setProgress] = useState('');
  const [initialize] = useInitializeMutation();
  const [loadDemo] = useLoadDemoMutation();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const issue = (path: string) => (issues[path] !== undefined ? fieldWords(t, path, issues[path] ?? '') : undefined);
  const busy = phase === 'initializing' || phase === 'loadingDemo';

  // The first field to fix takes the focus once the form is enabled again after the answer.
  const [focusField, setFocusField] = useState<{ key: string } | null>(null);
  useEffect(() => {
    if (focusField) document.getElementById(`setup-${focusField.key.replace('.', '-')}`)?.focus();
  }, [focusField]);
  const focusFirstIssue = (found: FieldIssues) => {
    const order = ['pharmacy.name', 'pharmacy.address', 'pharmacy.taxId', 'pharmacy.baseCurrency', 'pharmacy.terminalName',
      'admin.username', 'admin.displayName', 'admin.password', 'admin.passwordRepeat', 'admin.pin'];
    const key = order.find((k) => k in found);
    if (key) setFocusField({ key });
  };

  const runDemo = async () => {
    setPhase('loadingDemo');
    setProgress(t('setup.progress.loadingDemo'));
    const demo = await loadDemo();
    if ('error' in demo) {
      setPhase('demoFailed');
      setProgress('');
      setGeneral(t('setup.demoFailed', { reason: errorWords(t, demo.error) }));
      return;
    }
    setPhase('done');
    setProgress(t('setup.progress.demoLoaded', { products: demo.data.products, lots: demo.data.lots }));
    dispatch(setupFinished());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setGeneral(null);
    if (form.password !== form.passwordRepeat) {
      const found = { 'admin.passwordRepeat': t('fieldErrors.passwordRepeat') };
      setIssues(found);
      focusFirstIssue(found);
      return;
    }
    const input: InputOf<'setup.initialize'> = {
      pharmacy: {
        name: form.name,
        address: form.address,
        taxId: form.taxId,
        baseCurrency: form.baseCurrency,
        locale: language,
        terminalName: form.terminalName,
      },
      admin: {
        username: form.username,
        displayName: form.displayName,
        password: form.password,
        ...(form.pin ? { pin: form.pin } : {}),
      },
    };
    setIssues({});
    dispatch(setupSubmitted());
    setPhase('initializing');
    setProgress(t('setup.progress.initializing'));
    const result = await initialize(input);
    if ('error' in result) {
      dispatch(setupAbandoned());
      setPhase('editing');
      setProgress('');
      const found = fieldIssues(result.error);
      setIssues(found);
      setGeneral(Object.keys(found).length > 0 ? t('setup.fixFields') : errorWords(t, result.error));
      focusFirstIssue(found);
      return;
    }
    if (form.loadDemo) await runDemo();
    else {
      setPhase('done');
      dispatch(setupFinished());
    }
  };

  const currencies = currencyOptions(i18n.language);

  return (
    <main className="screen screen-centered">
      <form className="card card-wide setup" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <h1>{t('setup.title')}</h1>
        <p className="lead">{t('setup.intro')}</p>
        <fieldset disabled={busy || phase === 'demoFailed'}>
          <legend>{t('setup.pharmacy')}</legend>
          <div className="grid-2">
            <TextField id="setup-pharmacy-name" testId="setup-pharmacy-name" label={t('setup.fields.name')}
              value={form.name} onChange={set('name')} error={issue('pharmacy.name')} inputRef={first} />
            <TextField id="setup-pharmacy-taxId" testId="setup-tax-id" label={t('setup.fields.taxId')}
              value={form.taxId} onChange={set('taxId')} error={issue('pharmacy.taxId')} />
          </div>
          <TextField id="setup-pharmacy-address" testId="setup-address" label={t('setup.fields.address')} multiline
            value={form.address} onChange={set('address')} error={issue('pharmacy.address')} />
          <div className="grid-3">
            <SelectField id="setup-pharmacy-baseCurrency" testId="setup-currency" label={t('setup.fields.currency')}
              value={form.baseCurrency} onChange={set('baseCurrency')} options={currencies}
              error={issue('pharmacy.baseCurrency')} />
            <SelectField id="setup-pharmacy-locale" testId="setup-language" label={t('setup.fields.language')}
              value={language} onChange={(v) => dispatch(languageChosen(v as Language))}
              options={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
            <TextField id="setup-pharmacy-terminalName" testId="setup-terminal-name" label={t('setup.fields.terminalName')}
              value={form.terminalName} onChange={set('terminalName')} error={issue('pharmacy.terminalName')} />
          </div>
        </fieldset>
        <fieldset disabled={busy || phase === 'demoFailed'}>
          <legend>{t('setup.admin')}</legend>
          <div className="grid-2">
            <TextField id="setup-admin-username" testId="setup-admin-username" label={t('setup.fields.username')}
              value={form.username} onChange={set('username')} error={issue('admin.username')} autoComplete="username" />
            <TextField id="setup-admin-displayName" testId="setup-admin-display-name" label={t('setup.fields.displayName')}
              value={form.displayName} onChange={set('displayName')} error={issue('admin.displayName')} />
            <TextField id="setup-admin-password" testId="setup-admin-password" label={t('setup.fields.password')}
              type="password" autoComplete="new-password" value={form.password} onChange={set('password')}
              error={issue('admin.password')} hint={t('fieldErrors.password')} />
            <TextField id="setup-admin-passwordRepeat" testId="setup-admin-password-repeat" type="password"
              label={t('setup.fields.passwordRepeat')} autoComplete="new-password" value={form.passwordRepeat}
              onChange={set('passwordRepeat')} error={issue('admin.passwordRepeat')} />
            <TextField id="setup-admin-pin" testId="setup-admin-pin" label={t('setup.fields.pin')} type="password"
              inputMode="numeric" autoComplete="off" value={form.pin} onChange={set('pin')} error={issue('admin.pin')}
              hint={t('setup.pinHint')} maxLength={8} />
          </div>
        </fieldset>
        <label className="check">
          <input type="checkbox" data-testid="setup-load-demo" checked={form.loadDemo} disabled={busy || phase !== 'editing'}
            onChange={(e) => set('loadDemo')(e.target.checked)} />
          <span>{t('setup.loadDemo')}</span>
        </label>
        {general ? (
          <p className="banner banner-error" role="alert" data-testid="setup-error">
            {general}
          </p>
        ) : null}
        <p className="progress" role="status" aria-live="polite" data-testid="setup-progress">
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {progress}
        </p>
        <div className="actions">
          {phase === 'demoFailed' ? (
            <>
              <button type="button" className="primary" onClick={() => void runDemo()}>
                {t('setup.retryDemo')}
              </button>
              <button type="button" onClick={() => dispatch(setupFinished())}>
                {t('setup.continueWithoutDemo')}
              </button>
            </>
          ) : (
            <button type="submit" className="primary" data-testid="setup-submit" disabled={busy}>
              {t('setup.submit')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
