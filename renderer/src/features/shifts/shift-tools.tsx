// The drawer's tools beside the sale: cash in and out with a reason, the X report, and closing the shift with a
// blind count. The count is blind by construction: nothing on this screen knows the expected cash before the
// core has stored the count (the core hides it too, and the X report needs a manager).
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shift, ShiftReport } from '@mortar/main/contract';
import { api, useListExchangeRatesQuery } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { useAppDispatch } from '../../app/hooks.js';
import { formatDateTime } from '../../format/dates.js';
import { formatMoney, minorDigits, parseMoneyInput } from '../../format/money.js';
import { Kbd, TextField } from '../../ui/field.js';
import { outcomeOf, type OverrideControl } from '../checkout/use-override.js';
import { panelClosed, panelOpened, shiftClosed, type ShiftPanel } from './shift-slice.js';
import { ShiftReportView } from './shift-report-view.js';

/** The tool keys, shown on their buttons and handled by the checkout while no sale is being paid. */
export const shiftToolKeys: Record<ShiftPanel | 'returns', string> = {
  cashMovement: 'm',
  xReport: 'x',
  close: 'z',
  rates: 'e',
  history: 'h',
  returns: 'r',
};

export function ShiftBar({ shift, onReturns }: { shift: Shift; onReturns: () => void }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const tool = (panel: ShiftPanel, testId: string) => (
    <button type="button" data-testid={testId} onClick={() => dispatch(panelOpened(panel))}>
      {t(`shift.tools.${panel}`)} <Kbd>Alt+{shiftToolKeys[panel].toUpperCase()}</Kbd>
    </button>
  );
  return (
    <div className="shift-bar" data-testid="shift-bar">
      <p className="shift-status">
        {t('shift.status', {
          since: formatDateTime(shift.openedAt, i18n.language),
          name: shift.openedBy.displayName,
          float: formatMoney(shift.floatMinor, shift.currency, i18n.language),
        })}
      </p>
      <div className="toolbar">
        <button type="button" data-testid="checkout-returns" onClick={onReturns}>
          {t('shift.tools.returns')} <Kbd>Alt+R</Kbd>
        </button>
        {tool('history', 'shift-history')}
        {tool('cashMovement', 'shift-cash-movement')}
        {tool('rates', 'shift-rates')}
        {tool('xReport', 'shift-x-report')}
        {tool('close', 'shift-close')}
      </div>
    </div>
  );
}

export function ToolPanel({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  return (
    <section className="panel tool-panel" data-testid={testId} aria-label={title}>
      <header className="panel-head">
        <h2>{title}</h2>
        <div className="actions">
          <button type="button" data-testid="tool-close" onClick={() => dispatch(panelClosed())}>
            {t('shift.tools.back')} <Kbd>Esc</Kbd>
          </button>
        </div>
      </header>
      {children}
    </section>
  );
}

export function CashMovementPanel({ shift, overrides }: { shift: Shift; overrides: OverrideControl }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const parsed = parseMoneyInput(amount, shift.exponent);
    if (!parsed.ok) return setProblem(t(`moneyInput.${parsed.problem}`));
    if (reason.trim().length < 3) return setProblem(t('shift.movement.needReason'));
    setProblem(null);
    const input = { direction, amount: parsed.decimal, reason: reason.trim() };
    const outcome = await overrides.run(
      (override) => outcomeOf(dispatch(api.endpoints.recordCashMovement.initiate({ input, override }, { track: false }))),
      reason.trim(),
    );
    if (outcome.ok) {
      const m = outcome.value;
      setDone(t(m.direction === 'in' ? 'shift.movement.doneIn' : 'shift.movement.doneOut', { amount: formatMoney(m.amountMinor, m.currency, i18n.language), reason: m.reason }));
      setAmount('');
      setReason('');
    } else if (!outcome.cancelled) setProblem(errorWords(t, outcome.error));
    field.current?.focus();
  };

  return (
    <ToolPanel title={t('shift.tools.cashMovement')} testId="cash-movement-panel">
      <form onSubmit={(e) => void submit(e)} className="narrow-form">
        <fieldset className="choices" aria-label={t('shift.movement.direction')}>
          {(['in', 'out'] as const).map((d) => (
            <label key={d} className="choice">
              <input type="radio" name="cash-direction" checked={direction === d} data-testid={`cash-direction-${d}`}
                onChange={() => setDirection(d)} />
              <span>{t(`shift.movement.${d}`)}</span>
            </label>
          ))}
        </fieldset>
        <TextField id="cash-amount" testId="cash-amount" label={t('shift.movement.amount', { currency: shift.currency })} value={amount}
          onChange={setAmount} inputRef={field} />
        <TextField id="cash-reason" testId="cash-reason" label={t('shift.movement.reason')} value={reason} onChange={setReason} maxLength={300} />
        {problem ? (
          <p className="banner banner-error" role="alert" data-testid="cash-error">
            {problem}
          </p>
        ) : null}
        {done ? (
          <p className="banner banner-ok" role="status" data-testid="cash-done">
            {done}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" data-testid="cash-submit">
            {t('shift.movement.submit')} <Kbd>Enter</Kbd>
          </button>
        </div>
      </form>
    </ToolPanel>
  );
}

export function XReportPanel({ overrides }: { overrides: OverrideControl }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [printed, setPrinted] = useState<{ ok: boolean; text: string } | null>(null);
  const [printing, setPrinting] = useState(false);
  const asked = useRef(false);
  useEffect(() => {
    // Asked once per opening; StrictMode's second effect run must not ask the manager twice.
    if (asked.current) return;
    asked.current = true;
    void overrides
      .run((override) => outcomeOf(dispatch(api.endpoints.getXReport.initiate({ input: {}, override }, { track: false }))))
      .then((outcome) => {
        if (outcome.ok) setReport(outcome.value);
        else if (outcome.cancelled) dispatch(panelClosed());
        else setProblem(errorWords(t, outcome.error));
      });
  }, [overrides, dispatch, t]);
  // Printed as it stands when asked (the core builds it afresh), with the same approval a cashier needs to see it.
  const print = async () => {
    setPrinting(true);
    const outcome = await overrides.run((override) => outcomeOf(dispatch(api.endpoints.printXReport.initiate({ input: {}, override }, { track: false }))));
    setPrinting(false);
    if (outcome.ok) setPrinted({ ok: true, text: t('shift.tools.xReportPrinted') });
    else if (!outcome.cancelled) setPrinted({ ok: false, text: errorWords(t, outcome.error) });
  };
  return (
    <ToolPanel title={t('shift.tools.xReport')} testId="x-report-panel">
      {problem ? (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      ) : null}
      {report ? <ShiftReportView report={report} /> : problem ? null : <p className="muted">{t('common.loading')}</p>}
      {report ? (
        <div className="actions">
          <button type="button" data-testid="x-report-print" disabled={printing} onClick={() => void print()}>
            {t('shift.tools.xReportPrint')}
          </button>
          {printed ? (
            <p className={printed.ok ? 'banner banner-ok' : 'banner banner-error'} role="status" data-testid="x-report-printed">
              {printed.text}
            </p>
          ) : null}
        </div>
      ) : null}
    </ToolPanel>
  );
}

export function CloseShiftPanel({ shift }: { shift: Shift }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const rates = useListExchangeRatesQuery();
  const [counted, setCounted] = useState('');
  const [foreign, setForeign] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseMoneyInput(counted, shift.exponent);
    if (!parsed.ok) return setProblem(t(`moneyInput.${parsed.problem}`));
    const foreignCounted = [];
    for (const [currency, text] of Object.entries(foreign)) {
      if (text.trim() === '') continue;
      const f = parseMoneyInput(text, minorDigits(currency));
      if (!f.ok) return setProblem(`${currency}: ${t(`moneyInput.${f.problem}`)}`);
      foreignCounted.push({ currency, amount: f.decimal });
    }
    setProblem(null);
    setBusy(true);
    const input = { counted: parsed.decimal, foreignCounted, ...(note.trim() ? { note: note.trim() } : {}) };
    const outcome = await outcomeOf(dispatch(api.endpoints.closeShift.initiate(input, { track: false })));
    setBusy(false);
    if (outcome.ok) dispatch(shiftClosed(outcome.value.report));
    else setProblem(errorWords(t, outcome.error));
  };

  return (
    <ToolPanel title={t('shift.tools.close')} testId="close-shift-panel">
      <form onSubmit={(e) => void submit(e)} className="narrow-form">
        <p className="lead">{t('shift.close.lead')}</p>
        <TextField id="close-counted" testId="close-counted" label={t('shift.close.counted', { currency: shift.currency })} value={counted}
          onChange={setCounted} inputRef={field} />
        {(rates.data?.rates ?? []).map((r) => (
          <TextField key={r.currency} id={`close-foreign-${r.currency}`} testId={`close-foreign-${r.currency}`}
            label={t('shift.close.foreignCounted', { currency: r.currency })} value={foreign[r.currency] ?? ''}
            onChange={(v) => setForeign((f) => ({ ...f, [r.currency]: v }))} hint={t('shift.close.foreignHint')} />
        ))}
        <TextField id="close-note" testId="close-note" label={t('shift.close.note')} value={note} onChange={setNote} maxLength={500} />
        {problem ? (
          <p className="banner banner-error" role="alert" data-testid="close-error">
            {problem}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" data-testid="close-submit" disabled={busy}>
            {t('shift.close.submit')} <Kbd>Enter</Kbd>
          </button>
        </div>
      </form>
    </ToolPanel>
  );
}
