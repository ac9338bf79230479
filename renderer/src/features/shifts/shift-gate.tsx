// Rule: a terminal sells only inside an open shift (the core refuses otherwise with `shifts.noOpenShift`), so
// the checkout opens on the shift: its float first, and after closing, the Z report before the next float.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shift } from '@mortar/main/contract';
import { useGetCurrentShiftQuery, useGetSetupStatusQuery, useOpenShiftMutation } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { minorDigits, parseMoneyInput } from '../../format/money.js';
import { Kbd, TextField } from '../../ui/field.js';
import { zReportDismissed } from './shift-slice.js';
import { ShiftReportView } from './shift-report-view.js';

export function ShiftGate({ active, children }: { active: boolean; children: (shift: Shift) => ReactNode }) {
  const { t } = useTranslation();
  const current = useGetCurrentShiftQuery();
  const zReport = useAppSelector((s) => s.shift.zReport);
  if (zReport) return <ZReportScreen active={active} />;
  if (current.data === undefined) {
    return current.error ? (
      <section className="panel">
        <p className="banner banner-error" role="alert">
          {errorWords(t, current.error)}
        </p>
        <button type="button" onClick={() => void current.refetch()}>
          {t('app.retry')}
        </button>
      </section>
    ) : (
      <p className="lead" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('common.loading')}
      </p>
    );
  }
  if (current.data === null) return <OpenShiftForm />;
  return <>{children(current.data)}</>;
}

export function moneyProblemWords(t: (key: string) => string, problem: string): string {
  return t(`moneyInput.${problem}`);
}

function OpenShiftForm() {
  const { t } = useTranslation();
  const setup = useGetSetupStatusQuery();
  const currency = setup.data?.pharmacy?.baseCurrency ?? '';
  const navFocus = useAppSelector((s) => s.navigation.focusRequest);
  const [float, setFloat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [openShift, state] = useOpenShiftMutation();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), [navFocus]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseMoneyInput(float, currency ? minorDigits(currency) : 2);
    if (!parsed.ok) return setProblem(moneyProblemWords(t, parsed.problem));
    setProblem(null);
    try {
      await openShift({ float: parsed.decimal }).unwrap();
    } catch (error: unknown) {
      setProblem(errorWords(t, error));
      field.current?.focus();
    }
  };

  return (
    <section className="panel shift-open" aria-labelledby="shift-open-title">
      <form onSubmit={(e) => void submit(e)} className="narrow-form">
        <h2 id="shift-open-title">{t('shift.open.title')}</h2>
        <p className="lead">{t('shift.open.lead')}</p>
        <TextField id="shift-open-float" testId="shift-open-float" label={t('shift.open.float', { currency })} value={float}
          onChange={setFloat} inputRef={field} hint={t('shift.open.floatHint')} error={problem ?? undefined} />
        <div className="actions">
          <button type="submit" className="primary" data-testid="shift-open-submit" disabled={state.isLoading}>
            {t('shift.open.submit')} <Kbd>Enter</Kbd>
          </button>
        </div>
      </form>
    </section>
  );
}

function ZReportScreen({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const report = useAppSelector((s) => s.shift.zReport);
  const done = useRef<HTMLButtonElement>(null);
  useEffect(() => done.current?.focus(), []);
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        dispatch(zReportDismissed());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, dispatch]);
  if (!report) return null;
  return (
    <section className="panel" aria-labelledby="z-title">
      <header className="panel-head">
        <h2 id="z-title">{t('shift.report.zTitle')}</h2>
        <div className="actions">
          <button type="button" className="primary" ref={done} data-testid="z-report-done" onClick={() => dispatch(zReportDismissed())}>
            {t('shift.report.done')} <Kbd>Enter</Kbd>
          </button>
        </div>
      </header>
      <ShiftReportView report={report} />
    </section>
  );
}
