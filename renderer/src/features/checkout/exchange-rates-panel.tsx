// The rates foreign cash is taken at. Setting one needs the exchange-rate permission (a manager); the core says
// when a manager's credential is needed, and the screen asks for it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, useListExchangeRatesQuery } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { useAppDispatch } from '../../app/hooks.js';
import { formatDateTime } from '../../format/dates.js';
import { Kbd, TextField } from '../../ui/field.js';
import { ToolPanel } from '../shifts/shift-tools.js';
import { outcomeOf, type OverrideControl } from './use-override.js';

export function ExchangeRatesPanel({ overrides }: { overrides: OverrideControl }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const rates = useListExchangeRatesQuery();
  const [currency, setCurrency] = useState('');
  const [rate, setRate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  const save = async (code: string, value: string | null) => {
    setProblem(null);
    setDone(null);
    const input = { currency: code, rate: value };
    const outcome = await overrides.run((override) =>
      outcomeOf(dispatch(api.endpoints.setExchangeRate.initiate({ input, override }, { track: false }))),
    );
    if (outcome.ok) {
      setDone(value === null ? t('rates.removed', { currency: code }) : t('rates.saved', { currency: code, rate: value, base: outcome.value.base }));
      setCurrency('');
      setRate('');
    } else if (!outcome.cancelled) setProblem(errorWords(t, outcome.error));
    field.current?.focus();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) return setProblem(t('rates.badCurrency'));
    if (rate.trim() === '') return setProblem(t('rates.needRate'));
    void save(code, rate.trim().replace(',', '.'));
  };

  const base = rates.data?.base ?? '';
  return (
    <ToolPanel title={t('rates.title')} testId="rates-panel">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('rates.currency')}</th>
            <th scope="col" className="num">
              {t('rates.rate', { base })}
            </th>
            <th scope="col">{t('rates.setAt')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('rates.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(rates.data?.rates ?? []).map((r) => (
            <tr key={r.currency} data-testid="rates-row">
              <td>{r.currency}</td>
              <td className="num">{r.rate}</td>
              <td>{formatDateTime(r.setAt, i18n.language)}</td>
              <td>
                <button type="button" className="ghost" onClick={() => void save(r.currency, null)}>
                  {t('rates.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rates.data && rates.data.rates.length === 0 ? <p className="empty">{t('rates.none')}</p> : null}
      <form className="inline-form" onSubmit={submit}>
        <TextField id="rates-currency" testId="rates-currency" label={t('rates.currency')} value={currency} onChange={setCurrency}
          inputRef={field} maxLength={3} />
        <TextField id="rates-rate" testId="rates-rate" label={t('rates.rate', { base })} value={rate} onChange={setRate}
          hint={t('rates.hint', { base })} />
        <button type="submit" className="primary" data-testid="rates-submit">
          {t('rates.submit')} <Kbd>Enter</Kbd>
        </button>
      </form>
      {problem ? (
        <p className="banner banner-error" role="alert" data-testid="rates-error">
          {problem}
        </p>
      ) : null}
      {done ? (
        <p className="banner banner-ok" role="status" data-testid="rates-done">
          {done}
        </p>
      ) : null}
    </ToolPanel>
  );
}
